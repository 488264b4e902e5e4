// Reads the shared corpus of real vendor exports (never copied into the
// project). When the corpus is not checked out next to the repository the
// suite registers one skipped test that says so, instead of passing silently.
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  vulnerabilityFindingAttributes,
  vulnerabilityFindingSchema,
  type VulnerabilityFindingRecord,
} from "@/lib/datamodels/vulnerability-finding";
import { readCsv, detectPreamble, type CsvIssue, type CsvRow } from "./csv-reader";
import { proposeMappings } from "./header-match";
import { findTemplateForHeader } from "./templates/built-in-templates";
import { qualysVmScanCsvTemplate } from "./templates/qualys-vm-scan-csv";
import {
  vmdrAssetVulnDatalistCveTemplate,
  vmdrAssetVulnDatalistTemplate,
} from "./templates/vmdr-asset-vuln-datalist";
import { compileTransformMap, type CellError, type FieldMappingInput } from "./transforms";
import { createRecordValidator } from "./validate-record";
import { withCorpus } from "@/test/support/corpus";

const repoRoot = path.resolve(__dirname, "../..");
const corpus = path.resolve(repoRoot, "../shared/corpus");
const qualysCsv = path.join(corpus, "qualys_csv");
const file = (name: string) => path.join(qualysCsv, name);

interface Ingested {
  header: readonly string[];
  rows: CsvRow[];
  csvErrors: CsvIssue[];
  records: VulnerabilityFindingRecord[];
  rowErrors: { line: number; errors: CellError[] }[];
  notices: string[];
  bytesRead: number;
}

async function readAll(name: string): Promise<Omit<Ingested, "records" | "rowErrors">> {
  const out = {
    header: [] as readonly string[],
    rows: [] as CsvRow[],
    csvErrors: [] as CsvIssue[],
    notices: [] as string[],
    bytesRead: 0,
  };
  for await (const batch of readCsv(createReadStream(file(name)), {
    preambleLines: "auto",
    batchSize: 2,
  })) {
    out.header = batch.header;
    out.rows.push(...batch.rows);
    out.csvErrors.push(...batch.errors);
    out.notices.push(...batch.notices);
    out.bytesRead = batch.bytesRead;
  }
  return out;
}

/** The pipeline up to validation: read, transform, validate against the finding model. */
async function ingest(
  name: string,
  mappingsFor: (read: Awaited<ReturnType<typeof readAll>>) => readonly FieldMappingInput[],
): Promise<Ingested> {
  const read = await readAll(name);
  const mappings = mappingsFor(read);
  const map = compileTransformMap(mappings);
  const validate = createRecordValidator(vulnerabilityFindingSchema, mappings);
  const records: VulnerabilityFindingRecord[] = [];
  const rowErrors: Ingested["rowErrors"] = [];
  for (const row of read.rows) {
    const { record, errors } = map.apply(row.values);
    const checked = validate(record);
    if (errors.length === 0 && checked.ok) records.push(checked.record);
    else
      rowErrors.push({
        line: row.line,
        errors: [...errors, ...(checked.ok ? [] : checked.errors)],
      });
  }
  return { ...read, records, rowErrors };
}

const byTemplateForHeader = (read: { header: readonly string[] }) => {
  const template = findTemplateForHeader(read.header);
  if (!template) throw new Error(`no template recognises header ${read.header.join(",")}`);
  return template.mappings;
};

const utc = (iso: string) => new Date(iso);

withCorpus(() => {
  describe("corpus qualys_csv: Qualys VM scan report", () => {
    it("yields the 6 host×QID findings on the right hosts with multi-line cells and dates intact", async () => {
      const result = await ingest(
        "defectdojo_qualys_Qualys_Sample_Report.csv",
        () => qualysVmScanCsvTemplate.mappings,
      );
      expect(result.csvErrors).toEqual([]);
      expect(result.rowErrors).toEqual([]);
      expect(result.records).toHaveLength(6);
      expect(result.rows.map((row) => row.line)).toEqual([2, 6, 10, 43, 47, 51]);
      expect(findTemplateForHeader(result.header)?.key).toBe(qualysVmScanCsvTemplate.key);

      const hostsOf = (qid: number) => result.records.filter((r) => r.qid === qid).map((r) => r.ip);
      expect(hostsOf(105971)).toEqual([
        "10.98.57.180",
        "10.98.57.151",
        "10.98.49.209",
        "10.98.35.11",
      ]);
      expect(hostsOf(105970)).toEqual(["10.98.57.180"]);
      expect(hostsOf(91762)).toEqual(["10.98.57.180"]);

      const first = result.records[0];
      expect(first).toMatchObject({
        qid: 105971,
        title: "EOL/Obsolete Software: Microsoft ASP.NET 1.0 Detected",
        severity: 5,
        type: "CONFIRMED",
        status: "ACTIVE",
        dnsName: "ip-10-98-57-180.eu-west-1.compute.internal",
        netbiosName: "EC2AMAZ-IU0C43L",
        trackingMethod: "QAGENT",
        cvss3Base: 8.1,
        cvss3Vector: "AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
        timesDetected: 74,
        pciVuln: true,
        category: "Security Policy",
        tags: ["AWS", "Cloud Agent"],
        ipAddresses: ["10.98.57.180"],
      });
      expect(first.firstDetected).toEqual(utc("2021-05-13T07:08:28Z"));
      expect(first.lastDetected).toEqual(utc("2021-05-25T07:36:58Z"));
      expect(first.port).toBeUndefined();
      expect(first.threat?.split("\n")).toHaveLength(4);
      expect(first.threat).toContain("QID Detection Logic (Authenticated):");

      const windowsUpdate = result.records.find((r) => r.qid === 91762);
      expect(windowsUpdate?.cves).toHaveLength(23);
      expect(windowsUpdate?.cves).toEqual(
        expect.arrayContaining(["CVE-2021-31192", "CVE-2020-24588"]),
      );
      expect(windowsUpdate?.vendorReferences).toHaveLength(13);
      expect(windowsUpdate?.threat?.split("\n")).toHaveLength(30);
      expect(windowsUpdate?.solution).toContain("\n Patch:\n");

      const second = result.records.find((r) => r.ip === "10.98.57.151");
      expect(second?.lastFixed).toEqual(utc("2021-06-07T22:53:26Z"));
    });

    it("reads the header-only export as zero findings with a notice", async () => {
      const result = await ingest(
        "defectdojo_qualys_empty.csv",
        () => qualysVmScanCsvTemplate.mappings,
      );
      expect(result.header).toHaveLength(37);
      expect(result.records).toHaveLength(0);
      expect(result.csvErrors).toEqual([]);
      expect(result.notices).toEqual(["The file has a header but no data rows."]);
    });

    it("maps the monthly PCI layout through proposed mappings to 1 finding", async () => {
      let proposed: ReturnType<typeof proposeMappings> | undefined;
      const result = await ingest("defectdojo_qualys_monthly_pci_issue6932.csv", (read) => {
        proposed = proposeMappings(read.header, vulnerabilityFindingAttributes, {
          samples: read.rows.map((row) => row.values),
        });
        return proposed.mappings;
      });
      expect(result.rowErrors).toEqual([]);
      expect(result.records).toHaveLength(1);
      const target = (column: string) =>
        proposed?.mappings.filter((m) => m.sourceField === column).map((m) => m.targetField);
      expect(target("Q_SEVERITY")).toEqual(["severity"]);
      expect(target("SEVERITY")).toEqual([]);
      expect(target("CVEID")).toEqual(["cves"]);
      expect(target("LAST SCAN")).toEqual(["lastDetected"]);

      const [finding] = result.records;
      expect(finding).toMatchObject({
        qid: 86476,
        severity: 3,
        ip: "192.168.0.1",
        dnsName: "abv.xyw.com.fj",
        title: "Web Server Stopped Responding",
        type: "POTENTIAL",
        port: 80,
        protocol: "tcp",
        cvssBase: 6.4,
        os: "Linux 2.x",
      });
      // LAST SCAN is day-first: 22/09/2022 13:01.
      expect(finding.lastDetected).toEqual(utc("2022-09-22T13:01:00Z"));
      expect(finding.threat).not.toMatch(/<\/?[a-z]/i);
      expect(finding.threat).toContain("https://success.qualys.com/support/s/article/000003057");
      expect(finding.solution).not.toContain("<P>");
    });
  });

  describe("corpus qualys_csv: VMDR Asset Vuln Datalist", () => {
    const cases = [
      {
        name: "defectdojo_qualys_vmdr_no_vuln_qid.csv",
        template: vmdrAssetVulnDatalistTemplate,
        count: 0,
        metadata: true,
      },
      {
        name: "defectdojo_qualys_vmdr_no_vuln_cve.csv",
        template: vmdrAssetVulnDatalistCveTemplate,
        count: 0,
        metadata: true,
      },
      {
        name: "defectdojo_qualys_vmdr_no_vuln_no_metadata_cve.csv",
        template: vmdrAssetVulnDatalistCveTemplate,
        count: 0,
        metadata: false,
      },
      {
        name: "defectdojo_qualys_vmdr_one_vuln_qid.csv",
        template: vmdrAssetVulnDatalistTemplate,
        count: 1,
        metadata: true,
      },
      {
        name: "defectdojo_qualys_vmdr_one_vuln_cve.csv",
        template: vmdrAssetVulnDatalistCveTemplate,
        count: 1,
        metadata: true,
      },
      {
        name: "defectdojo_qualys_vmdr_one_vuln_no_metadata_cve.csv",
        template: vmdrAssetVulnDatalistCveTemplate,
        count: 1,
        metadata: false,
      },
      {
        name: "defectdojo_qualys_vmdr_many_vulns_qid.csv",
        template: vmdrAssetVulnDatalistTemplate,
        count: 5,
        metadata: true,
      },
      {
        name: "defectdojo_qualys_vmdr_many_vulns_cve.csv",
        template: vmdrAssetVulnDatalistCveTemplate,
        count: 5,
        metadata: true,
      },
    ];

    it.each(cases)(
      "$name yields $count finding(s) through the $template.key template",
      async ({ name, template, count, metadata }) => {
        const detected = detectPreamble(readFileSync(file(name), "utf8"));
        expect(detected.preambleLines).toBe(metadata ? template.preambleLines : 0);
        if (metadata)
          expect(detected).toMatchObject({
            layout: "qualys-vmdr-datalist",
            reportTimeZone: "-05:00",
          });

        const result = await ingest(name, byTemplateForHeader);
        expect(findTemplateForHeader(result.header)?.key).toBe(template.key);
        expect(result.csvErrors).toEqual([]);
        expect(result.rowErrors).toEqual([]);
        expect(result.records).toHaveLength(count);
        expect(result.notices).toEqual(
          count === 0 ? ["The file has a header but no data rows."] : [],
        );
      },
    );

    it("one_vuln_qid: QID 100269 on TESTSERVER01 with HTML and '- cells cleaned", async () => {
      const { records } = await ingest(
        "defectdojo_qualys_vmdr_one_vuln_qid.csv",
        byTemplateForHeader,
      );
      const [finding] = records;
      expect(finding).toMatchObject({
        qid: 100269,
        severity: 5,
        assetName: "TESTSERVER01",
        assetId: "119586089",
        ip: "10.0.0.1",
        ipAddresses: ["10.0.0.1"],
        tags: ["Server", "Production"],
        category: "Internet Explorer",
        status: "ACTIVE",
        type: "CONFIRMED",
        port: 0,
        threat: "Remote code execution vulnerability.",
        qds: 72,
        disabled: false,
        ignored: false,
      });
      expect(finding.protocol).toBeUndefined();
      expect(finding.firstDetected).toEqual(utc("2021-04-13T15:14:00Z"));
      expect(finding.lastDetected).toEqual(utc("2026-02-03T07:00:00Z"));
    });

    it.each([
      "defectdojo_qualys_vmdr_one_vuln_cve.csv",
      "defectdojo_qualys_vmdr_one_vuln_no_metadata_cve.csv",
    ])("%s: CVE-2021-44228 on QID 730143 with CVSS v3 10.0", async (name) => {
      const { records } = await ingest(name, byTemplateForHeader);
      expect(records[0]).toMatchObject({
        cves: ["CVE-2021-44228"],
        qid: 730143,
        cvss3Base: 10,
        cvssBase: 9.3,
        assetName: "JAVAAPP01",
        threat: "Critical RCE via JNDI injection.",
      });
    });

    it("many_vulns_qid: severities 1–5, a fixed finding on a two-address host, an IPv6-only host", async () => {
      const { records } = await ingest(
        "defectdojo_qualys_vmdr_many_vulns_qid.csv",
        byTemplateForHeader,
      );
      expect(records.map((r) => [r.qid, r.severity])).toEqual([
        [100001, 1],
        [100002, 2],
        [100003, 3],
        [100004, 4],
        [100005, 5],
      ]);
      const fixed = records.find((r) => r.qid === 100003);
      expect(fixed).toMatchObject({
        status: "FIXED",
        ip: "10.0.0.20",
        ipAddresses: ["10.0.0.20", "10.0.0.21"],
      });
      expect(fixed?.lastFixed).toEqual(utc("2026-01-20T08:00:00Z"));
      const ipv6Only = records.find((r) => r.qid === 100005);
      expect(ipv6Only).toMatchObject({ ipv6: "2001:db8::1", ipAddresses: ["2001:db8::1"] });
      expect(ipv6Only?.ip).toBeUndefined();
      expect(records.filter((r) => r.status === "ACTIVE").map((r) => r.qid)).toEqual([
        100001, 100002, 100004, 100005,
      ]);
    });

    it("many_vulns_cve: one finding per CVE row, two addresses on one asset kept together", async () => {
      const { records } = await ingest(
        "defectdojo_qualys_vmdr_many_vulns_cve.csv",
        byTemplateForHeader,
      );
      expect(records.map((r) => r.cves)).toEqual([
        ["CVE-2023-0001"],
        ["CVE-2023-0002"],
        ["CVE-2023-0003"],
        ["CVE-2023-0004"],
        ["CVE-2023-0005"],
      ]);
      expect(records[3]).toMatchObject({
        ip: "192.168.1.100",
        ipAddresses: ["192.168.1.100", "192.168.1.101"],
      });
      // Its protocol cell is the '- marker, so the finding has no protocol at all.
      expect(records[3]).not.toHaveProperty("protocol");
      expect(records[4]).toMatchObject({ ipv6: "2001:db8::100", severity: 5, cvss3Base: 9.8 });
    });
  });

  describe("corpus qualys_csv: Host List Detection API CSV", () => {
    it("finds the body between the envelope markers and maps it by proposed mappings", async () => {
      const result = await ingest(
        "qualys-doc-center_host_detection_output_format_csv.csv",
        (read) =>
          proposeMappings(read.header, vulnerabilityFindingAttributes, {
            samples: read.rows.map((row) => row.values),
          }).mappings,
      );
      expect(result.csvErrors).toEqual([]);
      expect(result.rowErrors).toEqual([]);
      expect(result.rows.map((row) => row.line)).toEqual([5, 6, 7]);
      expect(result.records.map((r) => r.qid)).toEqual([38170, 38173, 38601]);
      expect(result.records[0]).toMatchObject({
        hostId: "6506432",
        ip: "10.10.10.11",
        dnsName: "2k8r2-u-10-11",
        severity: 2,
        status: "ACTIVE",
        type: "CONFIRMED",
        port: 3389,
        timesDetected: 111,
        ssl: true,
      });
      expect(result.records[0].firstDetected).toEqual(utc("2018-01-26T04:45:50Z"));
      // The third Results cell spans four lines of tab-separated cipher data.
      expect(result.records[2].results?.split("\n")).toHaveLength(4);
      expect(result.records[2].results).toContain("RC4-SHA\tRSA\tRSA\tSHA1\tRC4(128)\tMEDIUM");
    });
  });
}, qualysCsv);
