import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { QualysApiError, UnexpectedDocumentError } from "./simple-return";
import { assertSameOrigin } from "./vm-common";
import { parseHostListPage } from "./vm-hosts";
import { XmlParseError } from "./xml";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/support/qualys-fixtures/${name}`, import.meta.url), "utf8");

describe("parseHostListPage (details=All)", () => {
  const page = parseHostListPage(fixture("host-list-details-all.xml"));

  it("reads every host with an ID and reports the one without", () => {
    expect(page.hosts.map((host) => host.id)).toEqual(["2400001", "2400002"]);
    expect(page.rejected).toEqual([
      { kind: "host", index: 2, hostId: undefined, reason: "ID: missing or empty" },
    ]);
    expect(page.datetime).toBe("2024-05-06T07:08:09.000Z");
  });

  it("maps identity, DNS, cloud and scan fields", () => {
    const [host] = page.hosts;
    expect(host).toMatchObject({
      id: "2400001",
      assetId: "98000001",
      ip: "192.0.2.10",
      ipv6: "2001:db8::10",
      trackingMethod: "AGENT",
      dns: "web01.corp.example",
      dnsHostname: "web01",
      dnsDomain: "corp.example",
      fqdn: "web01.corp.example",
      netbios: "WEB01",
      // CDATA is literal text: the entity inside it is not decoded.
      os: "Ubuntu 22.04 &amp; friends",
      qgHostId: "7d1f2a3b-aaaa-bbbb-cccc-000000000001",
      cloudProvider: "Azure",
      cloudService: "VM",
      cloudResourceId: "5f1c7d2e-0000-4000-8000-000000000001",
      lastVulnScanAt: "2024-05-02T10:00:00.000Z",
      lastVmScanAt: "2024-05-02T10:00:00.000Z",
      lastVmScanDurationSeconds: 312,
      // Wrapped across lines in the fixture; whitespace inside a date is dropped.
      lastVmAuthScanAt: "2024-05-02T10:05:00.000Z",
      lastComplianceScanAt: "2024-04-30T09:00:00.000Z",
      lastBootAt: "2024-04-01T12:00:00.000Z",
      serialNumber: "VMware-42 1a",
      owner: "ops",
    });
  });

  it("maps tags, cloud tags and cloud metadata", () => {
    const [host, bare] = page.hosts;
    expect(host.tags).toEqual([
      { id: "11", name: "Production" },
      { id: "12", name: "Web &lt;tier&gt;" },
    ]);
    expect(host.cloudTags).toEqual([
      { name: "owner", value: "team-a", lastSuccessAt: "2024-05-01T00:00:00.000Z" },
    ]);
    expect(host.cloudMetadata).toEqual([
      {
        provider: "AZURE",
        name: "compute/location",
        value: "westeurope",
        lastStatus: "Success",
        lastSuccessAt: "2024-05-01T00:00:00.000Z",
        lastErrorAt: undefined,
        lastError: undefined,
      },
    ]);
    expect(bare).toMatchObject({ id: "2400002", tags: [], cloudTags: [], cloudMetadata: [] });
  });

  it("returns the truncation URL and its id_min", () => {
    expect(page.nextUrl).toBe(
      "https://qualysapi.example.test/api/2.0/fo/asset/host/?action=list&details=All&truncation_limit=3&id_min=2400003",
    );
    expect(page.nextIdMin).toBe("2400003");
    expect(page.warnings).toEqual([
      { code: 1980, text: "3 record limit exceeded.", url: page.nextUrl },
    ]);
  });
});

describe("parseHostListPage (details=None)", () => {
  it("reads single IDs and ID ranges from ID_SET", () => {
    const page = parseHostListPage(fixture("host-list-id-set.xml"));
    expect(page.hosts).toEqual([]);
    expect(page.hostIds).toEqual(["2400001", "2400020"]);
    expect(page.hostIdRanges).toEqual([{ min: "2400005", max: "2400009" }]);
    expect(page.nextUrl).toBeUndefined();
  });
});

describe("parseHostListPage errors", () => {
  it.each([
    [
      "a SIMPLE_RETURN becomes a QualysApiError",
      fixture("simple-return-rate-limit.xml"),
      QualysApiError,
    ],
    [
      "another document type is refused",
      "<KNOWLEDGE_BASE_VULN_LIST_OUTPUT/>",
      UnexpectedDocumentError,
    ],
    ["a cut body is refused", fixture("host-list-details-all.xml").slice(0, 900), XmlParseError],
  ])("%s", (_label, xml, errorType) => {
    expect(() => parseHostListPage(xml)).toThrow(errorType);
  });
});

describe("assertSameOrigin", () => {
  it.each([
    [
      "https://qualysapi.example.test/api/2.0/fo/asset/host/?id_min=5",
      "https://qualysapi.example.test",
      true,
    ],
    ["https://qualysapi.example.test:443/x", "https://qualysapi.example.test/", true],
    ["https://evil.example/api/2.0/fo/asset/host/", "https://qualysapi.example.test", false],
    ["http://qualysapi.example.test/x", "https://qualysapi.example.test", false],
  ])("%s against %s → %s", (next, base, allowed) => {
    if (allowed) expect(assertSameOrigin(next, base).href).toBe(new URL(next).href);
    else expect(() => assertSameOrigin(next, base)).toThrow(/not the configured API URL/);
  });
});
