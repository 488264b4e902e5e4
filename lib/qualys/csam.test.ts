import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import {
  buildCsamSearchBody,
  CsamApiError,
  CsamAssetError,
  csamSearchUrl,
  parseCsamPage,
  parseTagFilter,
  toCsamHostAsset,
} from "./csam";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/support/qualys-fixtures/${name}`, import.meta.url), "utf8");

describe("CSAM request", () => {
  it.each([
    ["eval-214027-test, exec-220563", ["eval-214027-test", "exec-220563"]],
    [" a ,, b , a ", ["a", "b"]],
    ["", []],
    [undefined, []],
  ])("parseTagFilter(%j)", (input, expected) => {
    expect(parseTagFilter(input)).toEqual(expected);
  });

  it.each([
    ["no filter", {}, undefined],
    [
      "tags only",
      { tagNames: ["Production", "PCI"] },
      { filters: [{ field: "tags.name", operator: "IN", value: "Production,PCI" }] },
    ],
    [
      "updated since only",
      { updatedSince: new Date("2024-05-01T10:20:30.456Z") },
      {
        filters: [
          { field: "asset.lastUpdated", operator: "GREATER", value: "2024-05-01T10:20:30Z" },
        ],
      },
    ],
    [
      "both, with blank tag names dropped",
      { tagNames: [" Production ", ""], updatedSince: "2024-05-01T00:00:00Z" },
      {
        filters: [
          { field: "tags.name", operator: "IN", value: "Production" },
          { field: "asset.lastUpdated", operator: "GREATER", value: "2024-05-01T00:00:00Z" },
        ],
      },
    ],
  ] as const)("buildCsamSearchBody: %s", (_label, options, expected) => {
    expect(buildCsamSearchBody(options as Parameters<typeof buildCsamSearchBody>[0])).toEqual(
      expected,
    );
  });

  it("refuses an updatedSince that is not a date", () => {
    expect(() => buildCsamSearchBody({ updatedSince: "yesterday" })).toThrow(/not a date/);
  });

  it.each([
    [
      "https://gateway.qg2.apps.qualys.com",
      {},
      "https://gateway.qg2.apps.qualys.com/rest/2.0/search/am/asset?pageSize=300&lastSeenAssetId=0",
    ],
    [
      "https://gw.example.test/prefix/",
      { lastSeenAssetId: "9007199254740993001", pageSize: 50 },
      "https://gw.example.test/prefix/rest/2.0/search/am/asset?pageSize=50&lastSeenAssetId=9007199254740993001",
    ],
  ])("csamSearchUrl(%s)", (base, options, expected) => {
    expect(csamSearchUrl(base, options)).toBe(expected);
  });
});

describe("parseCsamPage", () => {
  it("keeps 19-digit IDs exact and reads the paging fields", () => {
    const page = parseCsamPage(fixture("csam-page.json"));
    expect(page.count).toBe(2);
    expect(page.hasMore).toBe(true);
    expect(page.hasMoreReported).toBe(true);
    expect(page.nextLastSeenAssetId).toBe("9007199254740993001");
    expect(page.assets.map((asset) => (asset as { assetId: string }).assetId)).toEqual([
      "9007199254740992999",
      "9007199254740993001",
    ]);
  });

  it.each([
    ["hasMore 1", { hasMore: 1, lastSeenAssetId: 5 }, true, "5"],
    ["hasMore 0", { hasMore: 0, lastSeenAssetId: 5 }, false, undefined],
    ["hasMore false", { hasMore: false }, false, undefined],
    [
      "hasMore missing on a full page: the largest ID continues",
      { assets: 2 },
      true,
      "12345678901234567891",
    ],
    ["hasMore missing on a short page", { assets: 1 }, false, undefined],
  ] as const)("%s", (_label, shape, hasMore, next) => {
    const assets = Array.from(
      { length: "assets" in shape ? shape.assets : 2 },
      (_, i) => `{"assetId":1234567890123456789${i}}`,
    );
    const fields = Object.entries(shape)
      .filter(([key]) => key !== "assets")
      .map(([key, value]) => `"${key}":${JSON.stringify(value)}`);
    const body = `{"responseCode":"SUCCESS",${[...fields, `"assetListData":{"asset":[${assets.join(",")}]}`].join(",")}}`;
    const page = parseCsamPage(body, { pageSize: 2 });
    expect(page.hasMore).toBe(hasMore);
    expect(page.nextLastSeenAssetId).toBe(next);
  });

  it("treats an empty (204) body as the end", () => {
    expect(parseCsamPage("")).toEqual({
      count: 0,
      assets: [],
      hasMore: false,
      hasMoreReported: false,
    });
  });

  it("raises the API's own failure code", () => {
    expect(() =>
      parseCsamPage('{"responseCode":"INVALID_REQUEST","responseMessage":"bad filter"}'),
    ).toThrow(new CsamApiError("INVALID_REQUEST", "bad filter"));
  });
});

describe("toCsamHostAsset", () => {
  const [full, bare] = parseCsamPage(fixture("csam-page.json")).assets.map(toCsamHostAsset);

  it("flattens identity, OS, hardware and dates (epoch ms and ISO alike)", () => {
    expect(full).toMatchObject({
      assetId: "9007199254740992999",
      assetUuid: "11111111-2222-4333-8444-555555555555",
      hostId: "2400001",
      assetName: "web01",
      dnsName: "web01.corp.example",
      netbiosName: "WEB01",
      biosSerialNumber: "SN 12345678901234567",
      lastBootAt: "2024-05-01T12:00:00.000Z",
      lastModifiedAt: "2024-05-02T10:00:00.000Z",
      totalMemory: 16384,
      osName: "Ubuntu",
      osFullName: "Ubuntu 22.04.4 LTS",
      osVersion: "22.04",
      osArchitecture: "x86_64",
      osPublisher: "Canonical",
      osLifecycleStage: "GA",
      osEndOfLifeAt: "2027-04-30T00:00:00.000Z",
      hardwareManufacturer: "VMware, Inc.",
      hardwareModel: "VMware Virtual Platform",
    });
  });

  it("collects addresses and only real MAC addresses", () => {
    expect(full.ipAddresses).toEqual(["192.0.2.10", "2001:db8::10", "172.17.0.1"]);
    expect(full.macAddresses).toEqual(["00:50:56:aa:bb:cc"]);
    expect(full.networkInterfaces[0]).toEqual({
      name: "eth0",
      hostname: undefined,
      ipv4: "192.0.2.10",
      ipv6: "2001:db8::10",
      addresses: undefined,
      macAddress: "00:50:56:AA:BB:CC",
      gatewayAddress: "192.0.2.1",
      dnsAddress: undefined,
      manufacturer: undefined,
    });
  });

  it("keeps software IDs exact, names from fullName or productName, and drops nameless entries", () => {
    expect(full.software.map((item) => [item.id, item.name, item.version])).toEqual([
      ["1234567890123456789", "OpenSSL", "3.0.2"],
      ["-1234567890123456789", "nginx", "1.18.0"],
      ["42", "bash", "5.1"],
    ]);
    expect(full.software[0]).toMatchObject({
      publisher: "OpenSSL Project",
      installPath: "/usr/lib",
      lastUsedAt: undefined,
    });
  });

  it("maps ports, volumes, services, tags, cloud, business info and custom attributes", () => {
    expect(full.openPorts).toEqual([
      {
        port: 443,
        protocol: "TCP",
        description: undefined,
        detectedService: "https",
        firstFoundAt: "2024-01-01T00:00:00.000Z",
        lastUpdatedAt: undefined,
        authorization: undefined,
      },
    ]);
    expect(full.volumes).toEqual([{ name: "/", size: 107374182400, free: 53687091200 }]);
    expect(full.services).toEqual([
      { name: "nginx.service", status: "loaded/active/running", description: "web server" },
    ]);
    expect(full.tags).toEqual([
      { id: "11", name: "Production", criticalityScore: 4, businessImpact: undefined },
    ]);
    expect(full.cloud).toEqual({
      provider: "AWS",
      instanceId: "i-0abc",
      accountId: "123456789012",
      region: "eu-west-1",
      zone: "eu-west-1a",
      instanceType: "t3.large",
      imageId: undefined,
      state: "RUNNING",
      privateIpAddress: undefined,
      publicIpAddress: undefined,
      tags: [{ key: "Name", value: "web01" }],
    });
    expect(full.business).toMatchObject({
      environment: "Production",
      ownedBy: "Team A",
      operationalStatus: "Operational",
    });
    expect(full.assignedLocation).toEqual({
      name: undefined,
      city: "Dublin",
      state: undefined,
      country: "IE",
    });
    expect(full.customAttributes).toEqual([
      { key: "cost-center", value: "CC-1", connectorName: "manual" },
    ]);
  });

  it("copes with nulls everywhere", () => {
    expect(bare).toMatchObject({
      assetId: "9007199254740993001",
      software: [],
      tags: [],
      cloud: undefined,
      customAttributes: [],
      agentLastCheckedInAt: undefined,
      ipAddresses: [],
    });
  });

  it("refuses an asset without an ID", () => {
    expect(() => toCsamHostAsset({ assetName: "x" })).toThrow(CsamAssetError);
  });
});
