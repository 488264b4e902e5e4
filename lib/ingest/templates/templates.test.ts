import { qualysScanReportColumns } from "./qualys-vm-scan-csv";
import { describe, expect, it } from "vitest";
import {
  vulnerabilityFindingAttributes,
  vulnerabilityFindingSchema,
} from "@/lib/datamodels/vulnerability-finding";
import { checkMappingTargets, compileTransformMap } from "../transforms";
import { createRecordValidator } from "../validate-record";
import {
  builtInTransformMapTemplates,
  findTemplate,
  findTemplateForHeader,
} from "./built-in-templates";
import { qualysVmScanCsvTemplate } from "./qualys-vm-scan-csv";
import { withTimeZone } from "./transform-map-template";
import {
  vmdrAssetVulnDatalistCveTemplate,
  vmdrAssetVulnDatalistTemplate,
} from "./vmdr-asset-vuln-datalist";

// Column layouts of the exports (names only), to check each template reads
// columns that exist.
const scanReportHeader = qualysScanReportColumns;
const datalistShared = [
  "QID",
  "Title",
  "Severity",
  "KB Severity",
  "Type Detected",
  "Last Detected",
  "First Detected",
  "Protocol",
  "Port",
  "Status",
  "Asset Id",
  "Asset Name",
  "Asset IPV4",
  "Asset IPV6",
  "Solution",
  "Asset Tags",
  "Disabled",
  "Ignored",
];
const datalistQidHeader = [
  ...datalistShared,
  "QDS",
  "QDS Severity",
  "Detection AGE",
  "Published Date",
  "Patch Released",
  "Category",
  "RTI",
  "Operating System",
  "Last Fixed",
  "Last Reopened",
  "Times Detected",
  "Threat",
  "Vuln Patchable",
  "Asset Critical Score",
  "TruRisk Score",
  "Vulnerability Tags",
  "Results",
  "Deep Scan Result",
  "Detection Source",
  "MITRE ATT&CK TACTIC ID",
  "MITRE ATT&CK TACTIC NAME",
  "MITRE ATT&CK TECHNIQUE ID",
  "MITRE ATT&CK TECHNIQUE NAME",
];
const datalistCveHeader = [
  "CVE",
  "CVE-Description",
  "CVSSv2 Base (nvd)",
  "CVSSv3.1 Base (nvd)",
  ...datalistShared,
  "QVS Score",
  "Detection AGE",
  "Published Date",
  "Patch Released",
  "Category",
  "CVSS Rating Labels",
  "RTI",
  "Operating System",
  "Last Fixed",
  "Last Reopened",
  "Times Detected",
  "Threat",
  "Vuln Patchable",
  "Asset Critical Score",
  "TruRisk Score",
  "Vulnerability Tags",
  "Results",
  "Deep Scan Result",
  "Detection Source",
];

const layouts = [
  { template: qualysVmScanCsvTemplate, header: scanReportHeader },
  { template: vmdrAssetVulnDatalistTemplate, header: datalistQidHeader },
  { template: vmdrAssetVulnDatalistCveTemplate, header: datalistCveHeader },
];

describe("built-in transform map templates", () => {
  it.each(layouts)("$template.key targets real attributes with fitting types", ({ template }) => {
    expect(template.dataModelKey).toBe("vulnerability-finding");
    expect(checkMappingTargets(template.mappings, vulnerabilityFindingAttributes)).toEqual([]);
  });

  it.each(layouts)(
    "$template.key reads only columns its layout has and is picked for that layout",
    ({ template, header }) => {
      expect(
        template.mappings.map((m) => m.sourceField).filter((c) => !header.includes(c)),
      ).toEqual([]);
      expect(findTemplateForHeader(header)?.key).toBe(template.key);
    },
  );

  it("has unique keys and finds them", () => {
    const keys = builtInTransformMapTemplates.map((t) => t.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(findTemplate("vmdr-asset-vuln-datalist")).toBe(vmdrAssetVulnDatalistTemplate);
    expect(findTemplateForHeader(["foo", "bar"])).toBeUndefined();
  });

  it("turns a scan report row into a valid finding", () => {
    const row = {
      IP: "10.1.2.3",
      DNS: "db01.corp.test",
      NetBIOS: "DB01",
      "Tracking Method": "IP",
      OS: "Linux",
      QID: "38173",
      Title: "SSL Certificate - Signature Verification Failed",
      "Vuln Status": "Re-Opened",
      Type: "Practice",
      Severity: "2",
      Port: "443",
      Protocol: "TCP",
      "First Detected": "12/31/2025 23:59:59",
      "Last Detected": "01/02/2026 08:00:00",
      "Times Detected": "3",
      "CVE ID": "",
      "CVSS3 Base": "5.3 (AV:N/AC:L)",
      Threat:
        'The certificate chain is broken.<BR>See <A HREF="https://kb.example.test/1">KB 1</A>.',
      "PCI Vuln": "no",
      "Associated Tags": "DMZ, Linux",
    };
    const { record, errors } = compileTransformMap(qualysVmScanCsvTemplate.mappings).apply(row);
    expect(errors).toEqual([]);
    const checked = createRecordValidator(
      vulnerabilityFindingSchema,
      qualysVmScanCsvTemplate.mappings,
    )(record);
    expect(checked.ok).toBe(true);
    expect(record).toEqual({
      ip: "10.1.2.3",
      ipAddresses: ["10.1.2.3"],
      dnsName: "db01.corp.test",
      netbiosName: "DB01",
      trackingMethod: "IP",
      os: "Linux",
      qid: 38173,
      title: "SSL Certificate - Signature Verification Failed",
      status: "REOPENED",
      type: "POTENTIAL",
      severity: 2,
      port: 443,
      protocol: "tcp",
      firstDetected: new Date("2025-12-31T23:59:59Z"),
      lastDetected: new Date("2026-01-02T08:00:00Z"),
      timesDetected: 3,
      cvss3Base: 5.3,
      cvss3Vector: "AV:N/AC:L",
      threat: "The certificate chain is broken.\nSee KB 1 (https://kb.example.test/1).",
      pciVuln: false,
      tags: ["DMZ", "Linux"],
    });
  });

  it("turns a datalist row with several addresses into one finding on one host", () => {
    const row = {
      QID: "90001",
      Title: "t",
      Severity: "3",
      "Type Detected": "Potential",
      "Last Detected": "Mar 01, 2026 11:30 PM",
      "First Detected": "'-",
      Protocol: "'-",
      Port: "0",
      Status: "Re-Opened",
      "Asset Id": "42",
      "Asset Name": "APP",
      "Asset IPV4": "10.0.0.7,10.0.0.8",
      "Asset IPV6": "fe80::7",
      QDS: "'-",
      Disabled: "No",
      Ignored: "Yes",
    };
    const { record, errors } = compileTransformMap(vmdrAssetVulnDatalistTemplate.mappings).apply(
      row,
    );
    expect(errors).toEqual([]);
    expect(record).toEqual({
      qid: 90001,
      title: "t",
      severity: 3,
      type: "POTENTIAL",
      lastDetected: new Date("2026-03-01T23:30:00Z"),
      port: 0,
      status: "REOPENED",
      assetId: "42",
      assetName: "APP",
      ip: "10.0.0.7",
      ipAddresses: ["10.0.0.7", "10.0.0.8", "fe80::7"],
      ipv6: "fe80::7",
      disabled: false,
      ignored: true,
    });
  });

  it("reads datalist timestamps in the report's zone with withTimeZone", () => {
    const shifted = withTimeZone(vmdrAssetVulnDatalistTemplate, "-05:00");
    const { record } = compileTransformMap(shifted.mappings).apply({
      QID: "1",
      Severity: "1",
      "Last Detected": "Feb 03, 2026 07:00 AM",
    });
    expect(record.lastDetected).toEqual(new Date("2026-02-03T12:00:00Z"));
    // The original is left as it was.
    const original = compileTransformMap(vmdrAssetVulnDatalistTemplate.mappings).apply({
      "Last Detected": "Feb 03, 2026 07:00 AM",
    });
    expect(original.record.lastDetected).toEqual(new Date("2026-02-03T07:00:00Z"));
  });
});
