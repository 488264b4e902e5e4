import { describe, expect, it } from "vitest";

import { hostAssetModel } from "@/lib/datamodels/host-asset";
import { vulnerabilityFindingModel } from "@/lib/datamodels/vulnerability-finding";
import { identityHint } from "@/lib/qualys/host-asset-hints";
import type { KnowledgeBaseVuln } from "@/lib/qualys/knowledge-base";
import type { VmHostBase } from "@/lib/qualys/vm-common";
import type { VmDetection } from "@/lib/qualys/vm-detections";

import { detectionToFindingRecord, vmHostToHostAssetRecord } from "./records";

const host: VmHostBase = {
  id: "6506432",
  assetId: "4611686018427387904",
  ip: "10.0.0.5",
  ipv6: "fe80::1",
  dns: "web-01.example.test",
  netbios: "WEB-01",
  os: "Windows Server 2019",
  trackingMethod: "IP",
  tags: [{ id: "1", name: "PCI" }],
  cloudTags: [],
  cloudMetadata: [],
  ec2InstanceId: "i-0abc",
};

const detection = (overrides: Partial<VmDetection>): VmDetection => ({
  qid: 38170,
  severity: 3,
  qdsFactors: [],
  ...overrides,
});

const knowledge: KnowledgeBaseVuln = {
  qid: 38170,
  title: "SSL Certificate - Subject Common Name Does Not Match Server FQDN",
  severity: 2,
  cves: [{ id: "CVE-2020-1" }],
  bugtraqs: [],
  vendorReferences: [{ id: "KB123" }],
  software: [],
  threatIntelligence: [],
  cvss: { base: 9.4 },
  cvssV3: { base: 6.5, vectorString: "CVSS:3.1/AV:N" },
  pciFlag: true,
  solution: "Use a matching certificate.",
};

describe("detectionToFindingRecord", () => {
  it.each([
    [
      "Confirmed / Active",
      { type: "Confirmed", status: "Active" },
      { type: "CONFIRMED", status: "ACTIVE" },
    ],
    ["Potential / New", { type: "Potential", status: "New" }, { type: "POTENTIAL", status: "NEW" }],
    [
      "Info / Re-Opened",
      { type: "Info", status: "Re-Opened" },
      { type: "INFO", status: "REOPENED" },
    ],
    ["Fixed", { status: "Fixed" }, { status: "FIXED" }],
    ["an unknown status to none", { status: "Sleeping" }, { qid: 38170 }],
    ["port and protocol", { port: 8443, protocol: "tcp" }, { port: 8443, protocol: "tcp" }],
    ["an impossible port to none", { port: 70000 }, { qid: 38170 }],
    ["QDS", { qds: { score: 95, severity: "CRITICAL" } }, { qds: 95 }],
  ] as const)("maps %s", (_label, input, expected) => {
    const record = detectionToFindingRecord(host, detection(input), knowledge);
    expect(record).toMatchObject(expected);
    expect(vulnerabilityFindingModel.recordSchema.safeParse(record).error?.issues ?? []).toEqual(
      [],
    );
  });

  it("leaves out values it cannot map rather than guessing", () => {
    const record = detectionToFindingRecord(
      host,
      detection({ status: "Sleeping", port: 70000, type: "Odd" }),
      knowledge,
    );
    expect(record).not.toHaveProperty("status");
    expect(record).not.toHaveProperty("port");
    expect(record).not.toHaveProperty("type");
  });

  it("keeps one finding per port: the same QID on two ports is two records", () => {
    const records = [443, 8443].map((port) =>
      detectionToFindingRecord(host, detection({ port, protocol: "tcp" }), knowledge),
    );
    expect(records.map((r) => [r.qid, r.port])).toEqual([
      [38170, 443],
      [38170, 8443],
    ]);
  });

  it("takes title, CVEs, CVSS and solution from the KnowledgeBase, and the detection's severity first", () => {
    expect(detectionToFindingRecord(host, detection({}), knowledge)).toMatchObject({
      title: knowledge.title,
      severity: 3,
      cves: ["CVE-2020-1"],
      cvssBase: 9.4,
      cvss3Base: 6.5,
      cvss3Vector: "CVSS:3.1/AV:N",
      pciVuln: true,
      vendorReferences: ["KB123"],
      solution: "Use a matching certificate.",
    });
    expect(
      detectionToFindingRecord(host, detection({ severity: undefined }), knowledge).severity,
    ).toBe(2);
  });

  it("carries the host's identifiers, dropping addresses that are not IPs", () => {
    const record = detectionToFindingRecord({ ...host, ip: "not-an-ip" }, detection({}), undefined);
    expect(record).toMatchObject({
      hostId: "6506432",
      assetId: "4611686018427387904",
      ipAddresses: ["fe80::1"],
      ipv6: "fe80::1",
      dnsName: "web-01.example.test",
      netbiosName: "WEB-01",
      tags: ["PCI"],
    });
    expect(record).not.toHaveProperty("ip");
    expect(record).not.toHaveProperty("title");
  });
});

describe("vmHostToHostAssetRecord", () => {
  it("maps a VM host to Host Asset attributes and keeps its ids for identity", () => {
    const record = vmHostToHostAssetRecord({
      ...host,
      serialNumber: "VMware-42 1a",
      lastBootAt: "2024-05-01T10:00:00Z",
    });
    expect(record).toMatchObject({
      hostId: "6506432",
      dnsName: "web-01.example.test",
      netbiosName: "WEB-01",
      bios: { serialNumber: "VMware-42 1a", lastBoot: new Date("2024-05-01T10:00:00Z") },
      operatingSystem: { name: "Windows Server 2019" },
      networkInterfaces: [{ ipv4Address: "10.0.0.5", ipv6Address: "fe80::1" }],
    });
    expect(identityHint(record, "assetId")).toBe("4611686018427387904");
    expect(identityHint(record, "cloudInstanceId")).toBe("i-0abc");
    expect(hostAssetModel.recordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
  });
});
