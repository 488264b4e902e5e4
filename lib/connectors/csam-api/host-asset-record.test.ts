import { describe, expect, it } from "vitest";

import { hostAssetModel } from "@/lib/datamodels/host-asset";
import { toCsamHostAsset } from "@/lib/qualys/csam";
import { fromHostAsset } from "@/lib/ingest/to-ingest-record";
import { parseJsonLosslessly } from "@/lib/qualys/lossless-json";

import { csamToHostAssetRecord } from "./host-asset-record";

const base = {
  assetId: "8464359598295418000",
  assetUUID: "2e1a7a2b-0000-4000-8000-000000000001",
  hostId: 1437386,
  biosSerialNumber: "SN-1",
};

describe("csamToHostAssetRecord", () => {
  it.each([
    [
      "a 19-digit asset id stays exact",
      {},
      (r: Record<string, unknown>) => expect(r.assetId).toBe("8464359598295418000"),
    ],
    [
      "the primary address is kept when no interface lists it",
      { address: "216.160.83.56" },
      (r: Record<string, unknown>) =>
        expect(r.networkInterfaces).toEqual([{ ipv4Address: "216.160.83.56" }]),
    ],
    [
      "placeholder addresses are dropped, not fatal",
      {
        networkInterfaceListData: {
          networkInterface: [
            { interfaceName: "eth0", addressIpV4: "n/a", gatewayAddress: "mock_gw" },
          ],
        },
      },
      (r: Record<string, unknown>) => expect(r.networkInterfaces).toEqual([{ name: "eth0" }]),
    ],
    [
      "epoch-millisecond dates become Dates",
      { lastBoot: 1720534872000 },
      (r: Record<string, unknown>) =>
        expect(r.bios).toEqual({ serialNumber: "SN-1", lastBoot: new Date(1720534872000) }),
    ],
    [
      "fractional memory becomes a whole number",
      { totalMemory: 2047.6 },
      (r: Record<string, unknown>) => expect(r.hardware).toEqual({ totalMemory: 2048 }),
    ],
    [
      "business support group lands on supportedGroup",
      { businessInformation: { supportGroup: "Ops", company: "Qualys" } },
      (r: Record<string, unknown>) =>
        expect(r.businessInfo).toEqual({ supportedGroup: "Ops", company: "Qualys" }),
    ],
    [
      "a cloud instance id and the provider's details are first-class attributes",
      {
        provider: "AWS",
        cloudProvider: {
          aws: {
            ec2: {
              instanceId: "i-0123",
              accountId: "000123456789",
              region: { code: "eu-west-1", name: "Europe (Ireland)" },
              privateIpAddress: "10.1.2.3",
              publicIpAddress: "not-an-ip",
            },
          },
        },
      },
      (r: Record<string, unknown>) => {
        expect(r.cloudInstanceId).toBe("i-0123");
        expect(r.cloudProvider).toEqual({
          name: "AWS",
          accountId: "000123456789",
          region: "eu-west-1",
          privateIpAddress: "10.1.2.3",
        });
        expect(r.customAttributes).toEqual([]);
      },
    ],
    [
      "tags become a list of names, each once",
      {
        tagList: {
          tag: [
            { tagId: 1, tagName: "Production" },
            { tagId: 2, tagName: "PCI" },
            { tagId: 3, tagName: "Production" },
          ],
        },
      },
      (r: Record<string, unknown>) => expect(r.tags).toEqual(["Production", "PCI"]),
    ],
  ])("%s", (_label, extra, check) => {
    const record = csamToHostAssetRecord(toCsamHostAsset({ ...base, ...extra }));
    check(record);
    expect(hostAssetModel.recordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
  });

  it("feeds the asset UUID, cloud instance id and tags to identity and the inventory", () => {
    // GCP instance ids and CSAM asset ids are bare 19-digit JSON numbers.
    const raw = parseJsonLosslessly(
      `{"assetId": 8464359598295418123, "assetUUID": "${base.assetUUID}", "hostId": 1437386,
        "provider": "GCP",
        "cloudProvider": {"gcp": {"compute": {"instanceId": 1234567890123456789}}},
        "tagList": {"tag": [{"tagId": 7, "tagName": "Cloud"}]}}`,
    );
    const record = csamToHostAssetRecord(toCsamHostAsset(raw));
    expect(record).toMatchObject({
      assetId: "8464359598295418123",
      cloudInstanceId: "1234567890123456789",
      cloudProvider: { name: "GCP" },
    });
    const ingest = fromHostAsset(record);
    expect(ingest.sourceRecordId).toBe("8464359598295418123");
    expect(ingest.identifiers).toMatchObject({
      ASSET_UUID: ["2e1a7a2b-0000-4000-8000-000000000001"],
      HOST_ID: ["1437386"],
      CLOUD_INSTANCE_ID: ["1234567890123456789"],
    });
    expect(ingest.host.tags).toEqual(["Cloud"]);
  });

  it("leaves out groups the asset says nothing about", () => {
    const record = csamToHostAssetRecord(toCsamHostAsset({ assetId: "1" }));
    for (const group of [
      "bios",
      "hardware",
      "operatingSystem",
      "cloudProvider",
      "businessInfo",
      "location",
      "tags",
      "cloudInstanceId",
    ]) {
      expect(record).not.toHaveProperty(group);
    }
    expect(hostAssetModel.recordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
  });
});
