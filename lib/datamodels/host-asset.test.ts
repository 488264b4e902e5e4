import { describe, expect, it } from "vitest";
import { builtInDataModels, findBuiltInDataModel } from "./built-in-models";
import { hostAssetAttributes, hostAssetRecordSchema } from "./host-asset";
import { attributeDataTypes } from "./types";

// Attribute labels of the CSAM connector's out-of-box data model (the target
// column of its mapping table), which the host asset model has to cover.
const csamLabels = [
  "Last Logged On User",
  "DNS Name",
  "Host Id",
  "Asset UUID",
  "Bios Description",
  "Last BIOS Boot",
  "Total Memory",
  "BIOS TimeZone",
  "BIOS Serial Number",
  "BIOS Asset",
  "NetBIOS Name",
  "Is Container",
  "Operating System Name",
  "Operating System Version",
  "Operating System Architecture",
  "Operating System Publisher",
  "Open Port Number",
  "Open Port Description",
  "Open Port Protocol",
  "Open Port Detected Service",
  "Open Port First Found Date",
  "Open Port Last Updated Date",
  "Open Port Authorization",
  "Network Interface Name",
  "Network Interface Host Name",
  "Network Interface IPv4 Address",
  "Network Interface IPv6 Address",
  "Network Interface Addresses",
  "Network Interface MAC Address",
  "Network Interface Gateway Address",
  "Software Name",
  "Software Version",
  "Software Last Updated Date",
  "Software Publisher",
  "Software Language",
  "Software Type",
  "Software Install Path",
  "Software Last Used Date",
  "Volume Name",
  "Volume Size",
  "Volume Free",
  "Service Name",
  "Service Status",
  "Service Description",
  "Business Operation Status",
  "Business Information Environment",
  "Business Information Company",
  "Business Information Department",
  "Business Information Owned By",
  "Business Information Managed By",
  "Business Information Supported By",
  "Business Information Supported Group",
  "Assigned Location Name",
  "Assigned Location City",
  "Assigned Location State",
  "Assigned Location Country",
  "Business App Id",
  "Business App Name",
  "Business App Environment",
  "Business App Managed By",
  "Business App Owned By",
  "Business App Supported By",
  "Business App Supported Group",
  "Custom Attributes Key",
  "Custom Attributes Value",
  "Hardware Manufacturer",
  "Hardware Model",
];

// What every CSAM asset carries besides the table: its id, cloud instance and tags.
const csamExtras = [
  "Asset ID",
  "Cloud Instance ID",
  "Tags",
  "Cloud Provider",
  "Cloud Account ID",
  "Cloud Region",
  "Cloud Availability Zone",
  "Cloud Instance Type",
  "Cloud Image ID",
  "Cloud Instance State",
  "Cloud Private IP Address",
  "Cloud Public IP Address",
];

describe("host asset model", () => {
  it("covers every attribute of the CSAM data model and the asset's id, cloud and tags, once", () => {
    const labels = hostAssetAttributes.map((a) => a.label);
    expect([...labels].sort()).toEqual([...csamLabels, ...csamExtras].sort());
    const names = hostAssetAttributes.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("uses known data types and marks list members as lists", () => {
    for (const attribute of hostAssetAttributes) {
      expect(attributeDataTypes).toContain(attribute.dataType);
      expect(attribute.isList).toBe(attribute.name.includes("[]") || attribute.dataType === "list");
    }
  });

  const record = {
    dnsName: "web01.example.test",
    hostId: "12345678901234567890",
    isContainer: false,
    bios: { serialNumber: "VMW-1234", lastBoot: new Date("2026-01-01T00:00:00Z") },
    hardware: { totalMemory: 16384 },
    operatingSystem: { name: "Ubuntu 22.04" },
    openPorts: [{ port: 22, protocol: "tcp" }, { port: 443 }],
    networkInterfaces: [
      { ipv4Address: "10.0.0.5", ipv6Address: "fe80::1", macAddress: "00:11:22:33:44:55" },
    ],
    customAttributes: [{ key: "owner", value: "ops" }],
    assetId: "84643595982954180001",
    cloudInstanceId: "i-0123456789abcdef0",
    cloudProvider: { name: "AWS", region: "us-east-1", publicIpAddress: "203.0.113.7" },
    tags: ["Production", "PCI"],
  };

  it("requires no single attribute: cloud and network-only hosts have no BIOS serial", () => {
    expect(hostAssetAttributes.filter((a) => a.required).map((a) => a.name)).toEqual([]);
    expect(hostAssetRecordSchema.safeParse({ dnsName: "x" }).success).toBe(true);
    expect(hostAssetRecordSchema.safeParse({ ...record, bios: {} }).success).toBe(true);
  });

  it("accepts a nested record", () => {
    expect(hostAssetRecordSchema.safeParse(record).success).toBe(true);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ["a port given as text", { ...record, openPorts: [{ port: "22" }] }, "openPorts.0.port"],
    [
      "a bad interface address",
      { ...record, networkInterfaces: [{ ipv4Address: "10.0.0.999" }] },
      "networkInterfaces.0.ipv4Address",
    ],
    [
      "an unknown nested attribute",
      { ...record, operatingSystem: { name: "x", kernel: "6.1" } },
      "operatingSystem",
    ],
    ["tags given as one string", { ...record, tags: "Production" }, "tags"],
    ["a numeric asset id", { ...record, assetId: 8464359598295418000 }, "assetId"],
    [
      "a cloud address that is not an IP",
      { ...record, cloudProvider: { publicIpAddress: "n/a" } },
      "cloudProvider.publicIpAddress",
    ],
    [
      "a fractional memory size",
      { ...record, hardware: { totalMemory: 1.5 } },
      "hardware.totalMemory",
    ],
  ];
  it.each(invalid)("rejects %s", (_name, value, path) => {
    const result = hostAssetRecordSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });

  it("is registered with the other built-in models", () => {
    expect(builtInDataModels.map((m) => m.key)).toEqual(["host-asset", "vulnerability-finding"]);
    expect(findBuiltInDataModel("host-asset")?.kind).toBe("ASSET");
    expect(findBuiltInDataModel("nope")).toBeUndefined();
  });
});
