import { describe, expect, it } from "vitest";
import { HostCache } from "./host-cache";
import type { IngestRecord } from "./record";

const host = (attributes: Record<string, unknown>): IngestRecord => ({
  sourceRecordId: "42",
  identifiers: { IP: ["10.0.0.1"] },
  host: { ipAddresses: ["10.0.0.1"], attributes },
});

describe("HostCache", () => {
  it("knows a host part again only when it is exactly the same and not newer", () => {
    const cache = new HostCache();
    const key = HostCache.keyOf(host({ os: "Linux" }));
    cache.remember(key, "asset-1", 1000);
    expect(cache.assetFor(HostCache.keyOf(host({ os: "Linux" })), 1000)).toBe("asset-1");
    expect(cache.assetFor(HostCache.keyOf(host({ os: "Linux" })), 1001)).toBeUndefined();
    expect(cache.assetFor(HostCache.keyOf(host({ os: "Windows" })), 1000)).toBeUndefined();
  });

  it("keeps a short key for an API asset with a long software list", () => {
    const software = Array.from({ length: 500 }, (_, i) => ({
      name: `package-${i}`,
      version: "1.0",
    }));
    const big = HostCache.keyOf(host({ software }));
    expect(big.length).toBeLessThanOrEqual(64);
    expect(HostCache.keyOf(host({ software }))).toBe(big);
    expect(HostCache.keyOf(host({ software: software.slice(1) }))).not.toBe(big);
  });

  it("starts again past its limit, so memory stays bounded", () => {
    const cache = new HostCache(2);
    cache.remember("a", "1", 0);
    cache.remember("b", "2", 0);
    cache.remember("c", "3", 0);
    expect(cache.assetFor("a", 0)).toBeUndefined();
    expect(cache.assetFor("c", 0)).toBe("3");
  });
});
