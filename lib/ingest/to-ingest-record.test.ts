import { describe, expect, it } from "vitest";
import { fromVulnerabilityFinding } from "./to-ingest-record";

describe("fromVulnerabilityFinding", () => {
  it("maps a transformed finding row onto a host and its finding", () => {
    const lastDetected = new Date("2021-05-25T10:11:12Z");
    const record = fromVulnerabilityFinding(
      {
        ip: "10.0.0.1",
        ipAddresses: ["10.0.0.1", "10.0.0.2", "10.0.0.1"],
        dnsName: "web01.example.com",
        netbiosName: "WEB01",
        qid: 105971,
        severity: 4,
        protocol: "tcp",
        cves: ["CVE-2021-0001", ""],
        title: ["First title", "second"],
        lastDetected,
        network: "Default",
      },
      12,
    );
    expect(record).toEqual({
      line: 12,
      sourceRecordId: null,
      identifiers: {
        ASSET_UUID: [],
        HOST_ID: [],
        FQDN: ["web01.example.com"],
        NETBIOS: ["WEB01"],
        IP: ["10.0.0.1", "10.0.0.1", "10.0.0.2", "10.0.0.1"],
      },
      host: {
        name: "web01.example.com",
        hostname: "web01.example.com",
        fqdn: "web01.example.com",
        ipAddresses: ["10.0.0.1", "10.0.0.2"],
        os: null,
        tags: [],
      },
      finding: expect.objectContaining({
        qid: 105971,
        severity: 4,
        protocol: "tcp",
        title: "First title",
        cves: ["CVE-2021-0001"],
        lastDetectedAt: lastDetected,
        attributes: { network: "Default" },
      }),
      observedAt: lastDetected,
    });
  });

  it("gives a host with one address that address, and empty lists that refuse writes", () => {
    const record = fromVulnerabilityFinding({ ip: "10.0.0.9", qid: 1, severity: 1 });
    expect(record.host.ipAddresses).toEqual(["10.0.0.9"]);
    expect(record.identifiers.HOST_ID).toEqual([]);
    // Empty lists are shared between records: a write to one must not reach the others.
    expect(() => record.host.tags!.push("x")).toThrow(TypeError);
  });
});
