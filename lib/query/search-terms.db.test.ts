// asset_search_terms is a trigger-maintained copy of the assets' name-like
// fields and addresses (migration 20261124000000_asset_search_side_tables);
// the query language reads it, so it must follow every write to assets.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/support/db";
import { compileAssetQuery } from "./compile";

const { prisma } = await createTestDatabase();
let tenantId = "";

beforeAll(async () => {
  const tenant = await prisma.tenant.create({ data: { name: "Terms", slug: "terms" } });
  tenantId = tenant.id;
});

async function terms(assetId: string) {
  const rows = await prisma.$queryRawUnsafe<{ field: string; value: string; ip: string | null }[]>(
    `SELECT field, value, host(ip) || '/' || masklen(ip) AS ip FROM asset_search_terms
      WHERE "assetId" = $1::uuid ORDER BY field, value`,
    assetId,
  );
  return rows.map((r) => `${r.field}=${r.value}${r.ip ? ` (${r.ip})` : ""}`);
}

async function matching(query: string) {
  const { where, params } = compileAssetQuery(query, { tenantParam: 1 });
  const rows = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT a.name FROM assets a WHERE a."tenantId" = $1::uuid AND (${where}) ORDER BY a.name`,
    tenantId,
    ...params,
  );
  return rows.map((r) => r.name);
}

describe("asset_search_terms", () => {
  it("follows inserts, updates and deletes of assets", async () => {
    const asset = await prisma.asset.create({
      data: {
        tenantId,
        name: "edge-1",
        fqdn: "edge-1.corp.example",
        ipAddresses: ["10.20.0.1", "10.20.0.1", "garbage"],
      },
    });
    expect(await terms(asset.id)).toEqual([
      "fqdn=edge-1.corp.example",
      "ip=10.20.0.1 (10.20.0.1/32)",
      "ip=garbage",
      "name=edge-1",
    ]);
    expect(await matching("ip:10.20.0.0/16")).toEqual(["edge-1"]);

    // As the ingest writer does: hostname filled in, an address added.
    await prisma.$executeRawUnsafe(
      `UPDATE assets SET hostname = 'edge1', "ipAddresses" = ARRAY['10.20.0.1', '192.168.9.9'] WHERE id = $1::uuid`,
      asset.id,
    );
    expect(await terms(asset.id)).toEqual([
      "fqdn=edge-1.corp.example",
      "hostname=edge1",
      "ip=10.20.0.1 (10.20.0.1/32)",
      "ip=192.168.9.9 (192.168.9.9/32)",
      "name=edge-1",
    ]);
    expect(await matching("ip:192.168.0.0/16")).toEqual(["edge-1"]);
    expect(await matching("ip:`garbage`")).toEqual([]);
    expect(await matching("hostname:edge1")).toEqual(["edge-1"]);

    await prisma.asset.update({ where: { id: asset.id }, data: { name: "edge-2", fqdn: null } });
    expect(await matching("name:edge-1")).toEqual([]);
    expect(await matching("edge-2")).toEqual(["edge-2"]);
    expect(await matching("fqdn:corp")).toEqual([]);

    await prisma.asset.delete({ where: { id: asset.id } });
    expect(await terms(asset.id)).toEqual([]);
  });

  it("leaves the rows alone when an update does not change the searched fields", async () => {
    const asset = await prisma.asset.create({
      data: { tenantId, name: "steady", ipAddresses: ["10.30.0.1"] },
    });
    const version = () =>
      prisma.$queryRawUnsafe<{ xmin: string }[]>(
        `SELECT xmin::text FROM asset_search_terms WHERE "assetId" = $1::uuid ORDER BY field`,
        asset.id,
      );
    const before = await version();
    // A risk recompute, and an ingest run that re-sends the same addresses.
    await prisma.$executeRawUnsafe(
      `UPDATE assets SET "riskScore" = 10, "ipAddresses" = ARRAY['10.30.0.1'], "lastSeenAt" = now() WHERE id = $1::uuid`,
      asset.id,
    );
    expect(await version()).toEqual(before);
  });

  it("keeps many assets inserted in one statement, and deletes them with their tenant", async () => {
    const other = await prisma.tenant.create({ data: { name: "Bulk", slug: "bulk" } });
    await prisma.$executeRawUnsafe(
      `INSERT INTO assets (id, "tenantId", name, "ipAddresses", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, 'bulk-' || g, ARRAY['172.16.0.' || g], now()
         FROM generate_series(1, 20) g`,
      other.id,
    );
    const count = () =>
      prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM asset_search_terms WHERE "tenantId" = $1::uuid`,
        other.id,
      );
    expect((await count())[0].n).toBe(40);
    await prisma.tenant.delete({ where: { id: other.id } });
    expect((await count())[0].n).toBe(0);
  });
});
