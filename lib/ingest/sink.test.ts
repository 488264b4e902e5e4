import { beforeAll, describe, expect, it } from "vitest";
import { createTenantWithUser, createTestDatabase } from "@/test/support/db";
import type { IngestRecord } from "./record";
import { HostCache } from "./host-cache";
import {
  beginRunFindings,
  deleteOrphanedSeenFindings,
  IDENTIFIER_LOOKUP_SQL,
  markMissingFindingsFixed,
  writeBatch,
  type SinkContext,
} from "./sink";

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

async function connector(tenantId: string, name: string) {
  return prisma.connector.create({
    data: { tenantId, name, type: "s3-csv", findingType: "VULNERABILITY" },
  });
}

/** A tenant, an S3 CSV connector in it, and a sink context writing for it (rule IP unless `extra` says). */
async function sinkFor(name: string, extra: Partial<SinkContext> = {}) {
  const { tenant } = await createTenantWithUser(prisma);
  const c = await connector(tenant.id, name);
  const context: SinkContext = {
    tenantId: tenant.id,
    connectorId: c.id,
    sourceName: "S3 CSV",
    rules: ["IP"],
    ...extra,
  };
  /** A run of the connector, for the sweep's bookkeeping. */
  const newRun = async () =>
    (
      await prisma.run.create({
        data: { tenantId: tenant.id, connectorId: c.id, trigger: "MANUAL" },
      })
    ).id;
  return { tenant, c, context, newRun };
}

const seen = new Date("2026-05-25T10:00:00Z");

function row(
  ip: string,
  qid: number,
  port: number,
  extra: Partial<IngestRecord> = {},
): IngestRecord {
  return {
    identifiers: { IP: [ip], FQDN: [`host-${ip.replace(/\./g, "-")}.example.com`] },
    host: { ipAddresses: [ip], fqdn: `host-${ip.replace(/\./g, "-")}.example.com`, os: "Linux" },
    finding: {
      qid,
      port,
      protocol: "tcp",
      severity: 4,
      title: `QID ${qid}`,
      cves: ["CVE-2021-44228"],
    },
    observedAt: seen,
    ...extra,
  };
}

describe("ingest sink", () => {
  it("creates one asset per host, one finding per host+QID+port+protocol, and re-ingesting changes nothing", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const c = await connector(tenant.id, "scan");
    const context: SinkContext = {
      tenantId: tenant.id,
      connectorId: c.id,
      sourceName: "S3 CSV",
      rules: ["FQDN", "IP"],
    };
    const batch = [
      row("10.0.0.1", 105971, 443),
      row("10.0.0.1", 105971, 8443),
      row("10.0.0.2", 105971, 443),
      row("10.0.0.1", 91762, 0),
    ];

    const first = await writeBatch(batch, context);
    expect(first).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(await prisma.asset.count({ where: { tenantId: tenant.id } })).toBe(2);
    expect(await prisma.finding.count({ where: { tenantId: tenant.id, qid: 105971 } })).toBe(3);

    const again = await writeBatch(batch, context);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const asset = await prisma.asset.findFirstOrThrow({
      where: { tenantId: tenant.id, ipAddresses: { has: "10.0.0.1" } },
    });
    expect(asset.lastSeenAt.toISOString()).toBe(seen.toISOString());

    const changed = await writeBatch(
      [
        row("10.0.0.1", 105971, 443, {
          finding: { qid: 105971, port: 443, protocol: "tcp", severity: 5 },
        }),
      ],
      context,
    );
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
  });

  it("merges records from two connectors on a shared identifier and says which rule matched", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const csam = await connector(tenant.id, "csam");
    const csv = await connector(tenant.id, "csv");
    await writeBatch(
      [
        {
          sourceRecordId: "csam-1",
          identifiers: { BIOS_SERIAL: ["VMW-42"], IP: ["10.1.1.1"] },
          host: { name: "db01", ipAddresses: ["10.1.1.1"] },
        },
      ],
      {
        tenantId: tenant.id,
        connectorId: csam.id,
        sourceName: "CSAM",
        rules: ["BIOS_SERIAL", "IP"],
      },
    );
    const result = await writeBatch([row("10.1.1.1", 100, 22)], {
      tenantId: tenant.id,
      connectorId: csv.id,
      sourceName: "S3 CSV",
      rules: ["IP"],
    });
    expect(result.touchedAssetIds).toHaveLength(1);
    const sources = await prisma.assetSource.findMany({
      where: { assetId: result.touchedAssetIds[0] },
      orderBy: { sourceName: "asc" },
    });
    expect(sources.map((s) => [s.sourceName, s.matchedRule, s.matchedValue])).toEqual([
      ["CSAM", null, null],
      ["S3 CSV", "IP", "10.1.1.1"],
    ]);
    const asset = await prisma.asset.findUniqueOrThrow({
      where: { id: result.touchedAssetIds[0] },
    });
    expect(asset.name).toBe("db01");
    expect(asset.fqdn).toBe("host-10-1-1-1.example.com");
  });

  it("keeps hosts apart when only a disabled rule would match, and records conflicts instead of merging", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const a = await connector(tenant.id, "a");
    const b = await connector(tenant.id, "b");
    const ctxA: SinkContext = {
      tenantId: tenant.id,
      connectorId: a.id,
      sourceName: "CSAM",
      rules: ["BIOS_SERIAL", "IP"],
    };
    await writeBatch(
      [{ sourceRecordId: "1", identifiers: { BIOS_SERIAL: ["S-1"] }, host: { name: "one" } }],
      ctxA,
    );
    await writeBatch(
      [{ sourceRecordId: "2", identifiers: { IP: ["10.9.9.9"] }, host: { name: "two" } }],
      ctxA,
    );

    const onlyNetbios = await writeBatch(
      [{ identifiers: { IP: ["10.9.9.9"], NETBIOS: ["X"] }, host: {} }],
      { ...ctxA, connectorId: b.id, rules: ["NETBIOS"] },
    );
    expect(await prisma.asset.count({ where: { tenantId: tenant.id } })).toBe(3);
    expect(onlyNetbios.conflicts).toBe(0);

    const both = await writeBatch(
      [{ sourceRecordId: "3", identifiers: { BIOS_SERIAL: ["S-1"], IP: ["10.9.9.9"] }, host: {} }],
      { ...ctxA, connectorId: b.id },
    );
    expect(both.conflicts).toBe(1);
    const conflict = await prisma.identityConflict.findFirstOrThrow({
      where: { tenantId: tenant.id },
    });
    expect(conflict).toMatchObject({ kind: "IP", value: "10.9.9.9", status: "OPEN" });
    expect(await prisma.asset.count({ where: { tenantId: tenant.id } })).toBe(3);
  });

  it("reports records with no usable identifier by line", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const c = await connector(tenant.id, "x");
    const result = await writeBatch([{ line: 7, identifiers: { IP: ["not-an-ip"] }, host: {} }], {
      tenantId: tenant.id,
      connectorId: c.id,
      sourceName: "S3 CSV",
      rules: ["IP"],
    });
    expect(result.unidentified).toEqual([7]);
  });

  it("looks identifiers up with one index probe per key, on a large table without statistics", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    await prisma.$executeRawUnsafe(
      `INSERT INTO assets (id, "tenantId", name, "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, 'plan-' || g, now() FROM generate_series(1, 4000) g`,
      tenant.id,
    );
    await prisma.$executeRawUnsafe(
      `INSERT INTO asset_identifiers ("tenantId", "assetId", kind, value)
       SELECT a."tenantId", a.id, k.kind, k.kind || '-' || a.name
         FROM assets a, (VALUES ('IP'), ('MAC'), ('FQDN'), ('NETBIOS'), ('HOST_ID')) k(kind)
        WHERE a."tenantId" = $1::uuid`,
      tenant.id,
    );
    const kinds = Array.from({ length: 1500 }, (_, i) => ["IP", "MAC", "FQDN"][i % 3]);
    const values = kinds.map((kind, i) => `${kind}-plan-${i}`);
    const [{ "QUERY PLAN": plan }] = await prisma.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
      `EXPLAIN (FORMAT JSON) ${IDENTIFIER_LOOKUP_SQL.replace(/\$1/g, "$1::uuid")}`,
      tenant.id,
      kinds,
      values,
    );
    const text = JSON.stringify(plan);
    // Before: a hash join over a scan of every identifier, or a probe by kind alone.
    expect(text).not.toMatch(/Seq Scan|Hash Join|Merge Join|Bitmap Heap Scan/);
    expect(text).toContain("AND (kind = k.kind) AND (lower(value) = lower(k.value))");
  });

  it("leaves nothing of a deleted tenant's findings behind (they go with its assets)", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const c = await connector(tenant.id, "to delete");
    const context: SinkContext = {
      tenantId: tenant.id,
      connectorId: c.id,
      sourceName: "S3 CSV",
      rules: ["IP"],
    };
    await writeBatch([row("10.0.9.1", 1, 22), row("10.0.9.2", 2, 22)], context);
    expect(await prisma.finding.count({ where: { tenantId: tenant.id } })).toBe(2);
    await prisma.tenant.delete({ where: { id: tenant.id } });
    expect(await prisma.finding.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("gives new assets, sources and findings time-ordered UUIDv7 ids, also on servers without uuidv7()", async () => {
    const { tenant, context } = await sinkFor("ids");
    await writeBatch([row("10.0.8.1", 1, 22)], context);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await writeBatch([row("10.0.8.1", 2, 22)], context);
    const ids = (
      await prisma.finding.findMany({ where: { tenantId: tenant.id }, orderBy: { qid: "asc" } })
    ).map((f) => f.id);
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids).toEqual([expect.stringMatching(v7), expect.stringMatching(v7)]);
    expect(ids[0] < ids[1]).toBe(true);
    const asset = await prisma.asset.findFirstOrThrow({
      where: { tenantId: tenant.id },
      include: { sources: true },
    });
    expect([asset.id, asset.sources[0].id]).toEqual([
      expect.stringMatching(v7),
      expect.stringMatching(v7),
    ]);

    const portable = await prisma.$queryRawUnsafe<{ id: string; ms: string }[]>(
      `SELECT sluice_uuid_v7_portable()::text AS id,
              floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS ms
         FROM generate_series(1, 3)`,
    );
    for (const { id, ms } of portable) {
      expect(id).toMatch(v7);
      const stamp = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
      expect(Math.abs(stamp - Number(ms))).toBeLessThan(1000);
    }
  });

  it("clears a deleted connector from its findings, and refuses a batch for a deleted connector", async () => {
    // Known hosts go straight to their findings, as in the middle of a large run.
    const { tenant, c, context } = await sinkFor("gone", { hosts: new HostCache() });
    await writeBatch([row("10.0.7.1", 1, 22)], context);
    await prisma.connector.delete({ where: { id: c.id } });
    expect(
      (await prisma.finding.findFirstOrThrow({ where: { tenantId: tenant.id } })).connectorId,
    ).toBeNull();
    await expect(writeBatch([row("10.0.7.1", 2, 22)], context)).rejects.toThrow(
      "The connector was deleted while its run was writing.",
    );
    expect(await prisma.finding.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("deletes a deleted asset's findings, and refuses a batch for a host whose asset is gone", async () => {
    // The run's host cache still names the asset, as when a merge folds it mid-run.
    const { tenant, context } = await sinkFor("merged", { hosts: new HostCache() });
    await writeBatch([row("10.0.6.1", 1, 22), row("10.0.6.2", 1, 22)], context);
    const gone = await prisma.asset.findFirstOrThrow({
      where: { tenantId: tenant.id, ipAddresses: { has: "10.0.6.1" } },
    });
    await prisma.asset.delete({ where: { id: gone.id } });
    expect(await prisma.finding.count({ where: { assetId: gone.id } })).toBe(0);
    expect(await prisma.finding.count({ where: { tenantId: tenant.id } })).toBe(1);
    await expect(
      writeBatch([row("10.0.6.2", 2, 22), row("10.0.6.1", 2, 22)], context),
    ).rejects.toThrow("merged into another asset or deleted while the run was writing");
    expect(await prisma.finding.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("writes a finding once when a known host's row and a changed row of the same host both report it", async () => {
    // The known row's finding is serialised before the batch is written; the
    // other row's asset is only known once its host part is resolved.
    const { tenant, context } = await sinkFor("repeat", { hosts: new HostCache() });
    const detected = new Date("2026-05-20T08:00:00Z");
    const finding = (cve: string) => ({
      qid: 7,
      port: 22,
      protocol: "TCP",
      severity: 3,
      cves: [cve],
      firstDetectedAt: detected,
    });
    await writeBatch([row("10.0.8.1", 7, 22)], context);
    const result = await writeBatch(
      [
        row("10.0.8.1", 7, 22, { finding: finding("CVE-2024-0001") }),
        row("10.0.8.1", 7, 22, {
          host: { ipAddresses: ["10.0.8.1"], os: "Linux 6" },
          finding: finding("CVE-2024-0002"),
        }),
      ],
      context,
    );
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const stored = await prisma.finding.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(stored).toMatchObject({ protocol: "tcp", firstDetectedAt: detected });
    expect(stored.cves.sort()).toEqual(["CVE-2024-0001", "CVE-2024-0002"]);
    expect(await prisma.finding.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("does not cache asset records (no finding): each is written, as a source appears once per run", async () => {
    const { tenant, context } = await sinkFor("assets", {
      sourceName: "CSAM",
      hosts: new HostCache(),
    });
    const asset = { ...row("10.0.6.1", 1, 22), finding: undefined };
    await writeBatch([asset], context);
    await prisma.asset.updateMany({ where: { tenantId: tenant.id }, data: { os: "changed" } });
    await writeBatch([asset], context);
    expect((await prisma.asset.findFirstOrThrow({ where: { tenantId: tenant.id } })).os).toBe(
      "Linux",
    );
  });

  it("marks the findings a later run did not report Fixed, asset by asset in chunks", async () => {
    const { tenant, c, context, newRun } = await sinkFor("sweep");
    const ips = ["10.0.4.1", "10.0.4.2", "10.0.4.3"];
    const first = await beginRunFindings(await newRun());
    await writeBatch(
      ips.flatMap((ip) => [row(ip, 1, 22), row(ip, 2, 22)]),
      { ...context, run: first },
    );
    await markMissingFindingsFixed(first, c.id, { apply: true });

    // The rescan reports QID 1 on every host (unchanged), QID 2 nowhere.
    const second = await beginRunFindings(await newRun());
    await writeBatch(
      ips.map((ip) => row(ip, 1, 22)),
      { ...context, run: second },
    );
    expect(
      await markMissingFindingsFixed(second, c.id, { apply: true, chunkSize: 2 }),
    ).toMatchObject({
      fixed: 3,
    });
    const statuses = await prisma.finding.findMany({
      where: { tenantId: tenant.id },
      select: { qid: true, status: true },
      orderBy: { qid: "asc" },
    });
    expect(statuses.map((f) => `${f.qid}:${f.status}`)).toEqual([
      ...Array(3).fill("1:ACTIVE"),
      ...Array(3).fill("2:FIXED"),
    ]);
  });

  it("writes every finding of a large batch of known and new hosts, multi-byte text included", async () => {
    const { tenant, context } = await sinkFor("texts", { hosts: new HostCache() });
    const withTitle = (ip: string, qid: number) => {
      const r = row(ip, qid, 443);
      return { ...r, finding: { ...r.finding!, title: `Schwachstelle – Zertifikat ✓ ${qid}` } };
    };
    // The host is known from here on, so the next batch's findings are
    // serialised before the write and its new host's are added after.
    await writeBatch([withTitle("10.0.8.1", 1)], context);
    const batch = [
      ...Array.from({ length: 450 }, (_, i) => withTitle("10.0.8.1", 1000 + i)),
      ...Array.from({ length: 250 }, (_, i) => withTitle("10.0.8.2", 5000 + i)),
    ];
    expect(await writeBatch(batch, context)).toMatchObject({ created: 700 });
    const findings = await prisma.finding.findMany({
      where: { tenantId: tenant.id },
      select: { qid: true, title: true },
      orderBy: { qid: "asc" },
    });
    expect(findings).toHaveLength(701);
    expect(findings.every((f) => f.title === `Schwachstelle – Zertifikat ✓ ${f.qid}`)).toBe(true);
  });

  it("has nothing to mark Fixed on a connector's first run, and sweeps from its second", async () => {
    const { tenant, c, context, newRun } = await sinkFor("first-run");
    const first = await beginRunFindings(await newRun());
    await writeBatch([row("10.0.7.1", 1, 22), row("10.0.7.1", 2, 22)], { ...context, run: first });
    // Only an earlier run of the connector could have left a finding older
    // than this run; one that did not exist is made here by ageing QID 2.
    await prisma.finding.updateMany({
      where: { tenantId: tenant.id, qid: 2 },
      data: { updatedAt: new Date("2020-01-01T00:00:00Z") },
    });
    expect(await markMissingFindingsFixed(first, c.id, { apply: true })).toEqual({
      fixed: 0,
      assetIds: [],
    });

    const second = await beginRunFindings(await newRun());
    await writeBatch([row("10.0.7.1", 1, 22)], { ...context, run: second });
    expect(await markMissingFindingsFixed(second, c.id, { apply: true })).toMatchObject({
      fixed: 1,
    });
  });

  it("writes a repeated host once per run, still writes each of its findings, and notes the keys it finds unchanged", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const c = await connector(tenant.id, "cached");
    const ended = await prisma.run.create({
      data: { tenantId: tenant.id, connectorId: c.id, trigger: "MANUAL", state: "PROCESSED" },
    });
    const live = await prisma.run.create({
      data: { tenantId: tenant.id, connectorId: c.id, trigger: "MANUAL", state: "PROCESSING" },
    });
    const hosts = new HostCache();
    const context: SinkContext = {
      tenantId: tenant.id,
      connectorId: c.id,
      sourceName: "S3 CSV",
      rules: ["FQDN", "IP"],
      hosts,
      run: await beginRunFindings(ended.id),
    };
    await writeBatch([row("10.0.5.1", 1, 22)], context);
    // Same host part: no host writes, so a changed asset row would show the cache was bypassed.
    await prisma.asset.updateMany({ where: { tenantId: tenant.id }, data: { os: "changed" } });
    const second = await writeBatch([row("10.0.5.1", 2, 22), row("10.0.5.1", 3, 22)], context);
    expect(second).toMatchObject({ created: 2 });
    expect((await prisma.asset.findFirstOrThrow({ where: { tenantId: tenant.id } })).os).toBe(
      "changed",
    );
    // A different host part for the same source record goes through the host writes again.
    await writeBatch([row("10.0.5.1", 4, 22, { host: { os: "Linux 6" } })], context);
    expect((await prisma.asset.findFirstOrThrow({ where: { tenantId: tenant.id } })).os).toBe(
      "Linux 6",
    );
    expect(await prisma.finding.count({ where: { tenantId: tenant.id } })).toBe(4);
    expect(context.run?.assetIds.size).toBe(1);

    // Written findings carry the run's time; only findings met unchanged are noted.
    const again = [
      row("10.0.5.1", 1, 22),
      row("10.0.5.1", 2, 22),
      row("10.0.5.1", 3, 22, { finding: { ...row("", 3, 22).finding!, severity: 5 } }),
    ];
    expect(await writeBatch(again, context)).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    await writeBatch([row("10.0.5.2", 5, 22)], {
      ...context,
      run: await beginRunFindings(live.id),
    });
    await writeBatch([row("10.0.5.2", 5, 22)], {
      ...context,
      run: await beginRunFindings(live.id),
    });
    const seen = () =>
      prisma.$queryRawUnsafe<{ runId: string; n: number }[]>(
        `SELECT "runId", count(*)::int AS n FROM run_findings_seen WHERE "runId" IN ($1::uuid, $2::uuid) GROUP BY 1 ORDER BY 2 DESC`,
        ended.id,
        live.id,
      );
    expect(await seen()).toEqual([
      { runId: ended.id, n: 2 },
      { runId: live.id, n: 1 },
    ]);
    // Housekeeping forgets the keys of runs that ended without cleaning up, never a live run's.
    expect(await deleteOrphanedSeenFindings()).toBeGreaterThanOrEqual(2);
    expect(await seen()).toEqual([{ runId: live.id, n: 1 }]);
  });
});
