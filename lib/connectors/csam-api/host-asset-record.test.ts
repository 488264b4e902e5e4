import { describe, expect, it } from "vitest";

import { hostAssetModel } from "@/lib/datamodels/host-asset";
import { toCsamHostAsset } from "@/lib/qualys/csam";
import { identityHint } from "@/lib/qualys/host-asset-hints";

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
      (r: Record<string, unknown>) =>
        expect(identityHint(r, "assetId")).toBe("8464359598295418000"),
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
      "a cloud instance id is kept for identity",
      { cloudProvider: { aws: { ec2: { instanceId: "i-0123" } } } },
      (r: Record<string, unknown>) => expect(identityHint(r, "cloudInstanceId")).toBe("i-0123"),
    ],
  ])("%s", (_label, extra, check) => {
    const record = csamToHostAssetRecord(toCsamHostAsset({ ...base, ...extra }));
    check(record);
    expect(hostAssetModel.recordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
  });

  it("leaves out groups the asset says nothing about", () => {
    const record = csamToHostAssetRecord(toCsamHostAsset({ assetId: "1" }));
    for (const group of ["bios", "hardware", "operatingSystem", "businessInfo", "location"]) {
      expect(record).not.toHaveProperty(group);
    }
    expect(hostAssetModel.recordSchema.safeParse(record).error?.issues ?? []).toEqual([]);
  });
});
