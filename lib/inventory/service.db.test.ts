// The inventory service against a real PostgreSQL: filtered keyset pages in
// every sort, totals, tenant isolation, CSV export, and the identity
// decisions (merge, keep apart, split) including what the next run does.
import { beforeAll, describe, expect, it } from "vitest";
import { writeBatch, type SinkContext } from "@/lib/ingest/sink";
import type { IngestRecord } from "@/lib/ingest/record";
import { QueryError } from "@/lib/query/errors";
import { createTestDatabase } from "@/test/support/db";
import type { AssetSort } from "./schema";
import {
  exportAssetsCsv,
  getAssetDetail,
  listAssets,
  listConflicts,
  listFindings,
  listSavedQueries,
  mergeAssets,
  resolveConflict,
  saveQuery,
  setCriticality,
  splitSource,
} from "./service";

const { prisma } = await createTestDatabase();

let tenantId = "";
let otherTenantId = "";
let userId = "";

async function connector(tenant: string, name: string) {
  return prisma.connector.create({
    data: { tenantId: tenant, name, type: "s3-csv", findingType: "VULNERABILITY" },
  });
}

function host(n: number, extra: Partial<IngestRecord["host"]> = {}): IngestRecord {
  const ip = `10.0.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  return {
    sourceRecordId: `rec-${n}`,
    identifiers: { IP: [ip] },
    host: {
      name: `host-${String(n).padStart(3, "0")}`,
      ipAddresses: [ip],
      os: n % 3 === 0 ? "Windows Server 2019" : "Ubuntu 22.04",
      ...extra,
    },
    observedAt: new Date(Date.UTC(2026, 0, 1 + (n % 28))),
  };
}

beforeAll(async () => {
  const tenant = await prisma.tenant.create({ data: { name: "Inv", slug: "inv" } });
  const other = await prisma.tenant.create({ data: { name: "Other", slug: "other-inv" } });
  tenantId = tenant.id;
  otherTenantId = other.id;
  userId = (
    await prisma.user.create({
      data: { tenantId, email: "op@inv.test", name: "Op", passwordHash: "x", role: "operator" },
    })
  ).id;
  const csam = await connector(tenantId, "CSAM prod");
  const context: SinkContext = {
    tenantId,
    connectorId: csam.id,
    sourceName: "CSAM",
    rules: ["IP"],
  };
  await writeBatch(
    Array.from({ length: 60 }, (_, n) => host(n)),
    context,
  );
  // Varied scores and criticalities, with ties, so the id tiebreak matters.
  await prisma.$executeRawUnsafe(
    `UPDATE assets SET "riskScore" = (abs(hashtext(name)) % 5) * 100, criticality = 1 + abs(hashtext(name || 'c')) % 5 WHERE "tenantId" = $1::uuid`,
    tenantId,
  );
  const foreign = await connector(otherTenantId, "CSAM prod");
  await writeBatch([host(1000, { os: "Windows 11" })], {
    tenantId: otherTenantId,
    connectorId: foreign.id,
    sourceName: "CSAM",
    rules: ["IP"],
  });
});

async function walk(sort: AssetSort, dir: "asc" | "desc", q: string, limit: number) {
  const seen: string[] = [];
  let cursor: string | undefined;
  const pages = [];
  do {
    const page = await listAssets({ tenantId, q, sort, dir, cursor, limit });
    pages.push(page);
    seen.push(...page.rows.map((r) => r.id));
    cursor = page.next ?? undefined;
  } while (cursor && pages.length < 100);
  return { seen, pages };
}

describe("listAssets", () => {
  it("filters with the query language and counts exactly", async () => {
    const page = await listAssets({
      tenantId,
      q: "inventory:(source:`CSAM`) and os:Windows*",
      sort: "name",
      limit: 50,
      withTotal: true,
    });
    expect(page.total).toEqual({ count: 20, exact: true });
    expect(page.rows).toHaveLength(20);
    expect(page.rows.every((r) => r.os?.startsWith("Windows"))).toBe(true);
    expect(page.rows[0]).toMatchObject({ name: "host-000", sources: ["CSAM"], openFindings: 0 });
    expect(page.next).toBeNull();
    expect(page.previous).toBeNull();
  });

  it.each([
    ["riskScore", "desc"],
    ["riskScore", "asc"],
    ["name", "asc"],
    ["lastSeen", "desc"],
    ["criticality", "asc"],
  ] as const)("pages by %s %s without gaps or repeats, and back again", async (sort, dir) => {
    const { seen, pages } = await walk(sort, dir, "", 7);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);

    const all = await prisma.asset.findMany({
      where: { tenantId },
      select: { id: true, riskScore: true, name: true, lastSeenAt: true, criticality: true },
    });
    const key = (a: (typeof all)[number]) =>
      sort === "riskScore"
        ? a.riskScore
        : sort === "criticality"
          ? a.criticality
          : sort === "lastSeen"
            ? a.lastSeenAt.getTime()
            : a.name;
    const sign = dir === "asc" ? 1 : -1;
    const expected = [...all]
      .sort((a, b) => {
        const [x, y] = [key(a), key(b)];
        if (x !== y) return (x < y ? -1 : 1) * sign;
        return (a.id < b.id ? -1 : 1) * sign;
      })
      .map((a) => a.id);
    expect(seen).toEqual(expected);

    // Previous from the third page lands exactly on the second.
    const back = await listAssets({
      tenantId,
      q: "",
      sort,
      dir,
      cursor: pages[2].previous!,
      limit: 7,
    });
    expect(back.rows.map((r) => r.id)).toEqual(pages[1].rows.map((r) => r.id));
    expect(back.next).not.toBeNull();
    const first = await listAssets({
      tenantId,
      q: "",
      sort,
      dir,
      cursor: pages[1].previous!,
      limit: 7,
    });
    expect(first.rows.map((r) => r.id)).toEqual(pages[0].rows.map((r) => r.id));
    expect(first.previous).toBeNull();
  });

  it("never shows another tenant's assets", async () => {
    const page = await listAssets({
      tenantId,
      q: 'os:"Windows 11"',
      sort: "name",
      limit: 50,
      withTotal: true,
    });
    expect(page.rows).toHaveLength(0);
    expect(page.total).toEqual({ count: 0, exact: true });
    const theirs = await listAssets({ tenantId: otherTenantId, q: "", sort: "name", limit: 50 });
    expect(theirs.rows.map((r) => r.name)).toEqual(["host-1000"]);
  });

  it("rejects a bad query with the column", async () => {
    await expect(
      listAssets({ tenantId, q: "colour:red", sort: "name", limit: 10 }),
    ).rejects.toThrow(QueryError);
    await expect(
      listAssets({ tenantId, q: "os:x and colour:red", sort: "name", limit: 10 }),
    ).rejects.toMatchObject({ column: 10 });
  });

  it("ignores a cursor made for another sort instead of failing", async () => {
    const { pages } = await walk("name", "asc", "", 7);
    const page = await listAssets({
      tenantId,
      q: "",
      sort: "riskScore",
      cursor: pages[0].next!,
      limit: 7,
    });
    expect(page.previous).toBeNull();
  });
});

describe("exportAssetsCsv", () => {
  it("streams every matching asset with the chosen columns, formula cells escaped", async () => {
    const asset = await prisma.asset.findFirstOrThrow({ where: { tenantId, name: "host-003" } });
    await prisma.asset.update({ where: { id: asset.id }, data: { os: "=cmd|' /C calc'!A0" } });
    let csv = "";
    for await (const chunk of exportAssetsCsv({
      tenantId,
      q: "",
      sort: "name",
      columns: ["name", "os", "riskScore"],
    })) {
      csv += chunk;
    }
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("Name,Risk score,Operating system");
    expect(lines).toHaveLength(61);
    expect(lines.find((l) => l.startsWith("host-003,"))).toMatch(/,'=cmd\|' \/C calc'!A0$/);
    await prisma.asset.update({ where: { id: asset.id }, data: { os: "Windows Server 2019" } });
  });
});

describe("findings", () => {
  it("lists findings with the same query language, effective QDS and keyset pages", async () => {
    const asset = await prisma.asset.findFirstOrThrow({ where: { tenantId, name: "host-010" } });
    await prisma.finding.createMany({
      data: Array.from({ length: 9 }, (_, i) => ({
        tenantId,
        assetId: asset.id,
        qid: 90_000 + i,
        title: `Finding ${i}`,
        severity: 1 + (i % 5),
        cvss3Base: i === 0 ? 9.8 : null,
      })),
    });
    const page = await listFindings({
      tenantId,
      q: "severity>=3 and asset:(name:host-010)",
      sort: "severity",
      limit: 2,
      withTotal: true,
    });
    expect(page.total).toEqual({ count: 5, exact: true });
    expect(page.rows.map((r) => r.severity)).toEqual([5, 4]);
    expect(page.rows[0].assetName).toBe("host-010");
    const rest = await listFindings({
      tenantId,
      q: "severity>=3",
      sort: "severity",
      limit: 10,
      cursor: page.next!,
    });
    expect(rest.rows.map((r) => r.severity)).toEqual([4, 3, 3]);
    const scored = await listFindings({ tenantId, q: "qid:90000", sort: "qid", limit: 5 });
    expect(scored.rows[0]).toMatchObject({ qds: 98, qdsOrigin: "cvss3" });
    const theirs = await listFindings({ tenantId: otherTenantId, q: "", sort: "qid", limit: 5 });
    expect(theirs.rows).toHaveLength(0);
  });
});

describe("criticality and asset detail", () => {
  it("re-scores the asset when an operator changes its criticality", async () => {
    const asset = await prisma.asset.findFirstOrThrow({ where: { tenantId, name: "host-010" } });
    await setCriticality({ tenantId, assetId: asset.id, criticality: 5 });
    const detail = await getAssetDetail({ tenantId, assetId: asset.id });
    expect(detail.criticality).toBe(5);
    expect(detail.breakdown.acs).toBe(5);
    expect(detail.riskScore).toBe(detail.breakdown.score);
    expect(detail.riskScore).toBeGreaterThan(0);
    expect(detail.findingsTotal).toBe(9);
    expect(detail.sources[0].matchDescription).toBe(
      "Created this asset (no earlier record matched)",
    );
    await expect(getAssetDetail({ tenantId: otherTenantId, assetId: asset.id })).rejects.toThrow(
      /does not exist/,
    );
  });
});

describe("identity decisions", () => {
  async function twoConnectors(label: string) {
    const a = await connector(tenantId, `${label} A`);
    const b = await connector(tenantId, `${label} B`);
    const ctx = (c: { id: string }, sourceName: string): SinkContext => ({
      tenantId,
      connectorId: c.id,
      sourceName,
      rules: ["BIOS_SERIAL", "IP"],
    });
    return { ctxA: ctx(a, `${label} A`), ctxB: ctx(b, `${label} B`) };
  }

  it("merges a conflict's assets, keeping the newer copy of a shared finding", async () => {
    const { ctxA, ctxB } = await twoConnectors("Merge");
    // Two hosts, then a record whose BIOS serial names one and IP the other.
    await writeBatch(
      [
        {
          sourceRecordId: "m1",
          identifiers: { BIOS_SERIAL: ["SER-1"] },
          host: { name: "merge-one" },
        },
        {
          sourceRecordId: "m2",
          identifiers: { IP: ["192.168.9.9"] },
          host: { name: "merge-two", ipAddresses: ["192.168.9.9"] },
        },
      ],
      ctxA,
    );
    const one = await prisma.asset.findFirstOrThrow({ where: { tenantId, name: "merge-one" } });
    const two = await prisma.asset.findFirstOrThrow({ where: { tenantId, name: "merge-two" } });
    await prisma.finding.create({
      data: {
        tenantId,
        assetId: one.id,
        qid: 1,
        severity: 2,
        lastDetectedAt: new Date("2026-01-01"),
      },
    });
    await prisma.finding.create({
      data: {
        tenantId,
        assetId: two.id,
        qid: 1,
        severity: 5,
        lastDetectedAt: new Date("2026-02-01"),
      },
    });
    await prisma.finding.create({ data: { tenantId, assetId: two.id, qid: 2, severity: 3 } });
    const written = await writeBatch(
      [
        {
          sourceRecordId: "b1",
          identifiers: { BIOS_SERIAL: ["SER-1"], IP: ["192.168.9.9"] },
          host: { name: "merge-b" },
        },
      ],
      ctxB,
    );
    expect(written.conflicts).toBe(1);
    const [conflict] = (await listConflicts({ tenantId, status: "OPEN" })).filter(
      (c) => c.asset.id === one.id,
    );
    expect(conflict).toMatchObject({ other: { id: two.id, name: "merge-two" }, kind: "IP" });

    await resolveConflict({
      tenantId,
      userId,
      conflictId: conflict.id,
      resolution: "merge",
      keep: "asset",
    });

    expect(await prisma.asset.findUnique({ where: { id: two.id } })).toBeNull();
    const survivor = await getAssetDetail({ tenantId, assetId: one.id });
    expect(survivor.sources.map((s) => s.sourceRecordId).sort()).toEqual(["b1", "m1", "m2"]);
    expect(survivor.identifiers.map((i) => `${i.kind}:${i.value}`).sort()).toEqual([
      "BIOS_SERIAL:SER-1",
      "IP:192.168.9.9",
    ]);
    expect(survivor.ipAddresses).toEqual(["192.168.9.9"]);
    expect(survivor.findings.map((f) => [f.qid, f.severity]).sort()).toEqual([
      [1, 5],
      [2, 3],
    ]);
    expect(survivor.riskScore).toBeGreaterThan(0);
    const stored = await prisma.identityConflict.findUniqueOrThrow({ where: { id: conflict.id } });
    expect(stored.status).toBe("MERGED");
    const audit = await prisma.auditLog.findFirst({ where: { tenantId, action: "asset.merge" } });
    expect(audit?.targetId).toBe(one.id);

    await expect(
      resolveConflict({ tenantId, userId, conflictId: conflict.id, resolution: "keepApart" }),
    ).rejects.toThrow(/already resolved/);
    await expect(
      mergeAssets({ tenantId: otherTenantId, targetId: one.id, sourceId: one.id, userId }),
    ).rejects.toThrow();
  });

  it("keeps a conflict apart without touching the assets", async () => {
    const { ctxA, ctxB } = await twoConnectors("Apart");
    await writeBatch(
      [
        {
          sourceRecordId: "a1",
          identifiers: { BIOS_SERIAL: ["SER-A"] },
          host: { name: "apart-one" },
        },
        { sourceRecordId: "a2", identifiers: { IP: ["192.168.7.7"] }, host: { name: "apart-two" } },
      ],
      ctxA,
    );
    await writeBatch(
      [
        {
          sourceRecordId: "x",
          identifiers: { BIOS_SERIAL: ["SER-A"], IP: ["192.168.7.7"] },
          host: {},
        },
      ],
      ctxB,
    );
    const conflict = (await listConflicts({ tenantId, status: "OPEN" })).find(
      (c) => c.asset.name === "apart-one",
    )!;
    await resolveConflict({ tenantId, userId, conflictId: conflict.id, resolution: "keepApart" });
    expect((await listConflicts({ tenantId, status: "RESOLVED" })).map((c) => c.id)).toContain(
      conflict.id,
    );
    expect(await prisma.asset.count({ where: { tenantId, name: { startsWith: "apart-" } } })).toBe(
      2,
    );
  });

  it("splits a wrongly merged source off, and the next run keeps it apart", async () => {
    const { ctxA, ctxB } = await twoConnectors("Split");
    const recordA: IngestRecord = {
      sourceRecordId: "sa",
      identifiers: { IP: ["172.16.0.5"], BIOS_SERIAL: ["AAA"] },
      host: { name: "shared-ip", ipAddresses: ["172.16.0.5"] },
    };
    // A different machine behind the same (NATed) address: merged on IP.
    const recordB: IngestRecord = {
      sourceRecordId: "sb",
      identifiers: { IP: ["172.16.0.5"], BIOS_SERIAL: ["BBB"] },
      host: { name: "other-machine", ipAddresses: ["172.16.0.5"] },
      finding: { qid: 777, severity: 4, title: "From B" },
    };
    await writeBatch([recordA], ctxA);
    await writeBatch([recordB], ctxB);
    const merged = await getAssetDetail({
      tenantId,
      assetId: (await prisma.asset.findFirstOrThrow({ where: { tenantId, name: "shared-ip" } })).id,
    });
    expect(merged.sources).toHaveLength(2);
    const sourceB = merged.sources.find((s) => s.sourceRecordId === "sb")!;
    expect(sourceB.matchDescription).toBe("Matched on IP address 172.16.0.5");
    const serialB = merged.identifiers.find((i) => i.value === "BBB")!;

    const split = await splitSource({
      tenantId,
      userId,
      assetSourceId: sourceB.id,
      identifierIds: [serialB.id],
    });
    expect(split.movedFindings).toBe(1);
    const fresh = await getAssetDetail({ tenantId, assetId: split.newAssetId });
    expect(fresh.name).toBe("BBB");
    expect(fresh.sources.map((s) => s.sourceRecordId)).toEqual(["sb"]);
    expect(fresh.sources[0].matchDescription).toMatch(/Split off/);
    expect(fresh.findings.map((f) => f.qid)).toEqual([777]);
    expect(fresh.riskScore).toBeGreaterThan(0);
    const old = await getAssetDetail({ tenantId, assetId: merged.id });
    expect(old.sources.map((s) => s.sourceRecordId)).toEqual(["sa"]);
    expect(old.identifiers.map((i) => i.value)).not.toContain("BBB");
    expect(old.findings).toHaveLength(0);

    // The next run of connector B: its record goes to the split-off asset,
    // is not merged back, and raises no new open conflict.
    const openBefore = (await listConflicts({ tenantId, status: "OPEN" })).length;
    const again = await writeBatch([recordB], ctxB);
    expect(again.touchedAssetIds).toEqual([split.newAssetId]);
    const source = await prisma.assetSource.findFirstOrThrow({
      where: { connectorId: ctxB.connectorId, sourceRecordId: "sb" },
    });
    expect(source.assetId).toBe(split.newAssetId);
    expect((await listConflicts({ tenantId, status: "OPEN" })).length).toBe(openBefore);
    expect(await prisma.finding.count({ where: { assetId: split.newAssetId, qid: 777 } })).toBe(1);

    await expect(
      splitSource({ tenantId, userId, assetSourceId: old.sources[0].id, identifierIds: [] }),
    ).rejects.toThrow(/only source/);
    await expect(
      splitSource({
        tenantId: otherTenantId,
        userId,
        assetSourceId: sourceB.id,
        identifierIds: [],
      }),
    ).rejects.toThrow(/no longer attached/);
  });
});

describe("saved queries", () => {
  it("saves per tenant and scope, replacing by name, and refuses a broken query", async () => {
    await saveQuery({
      tenantId,
      userId,
      scope: "assets",
      name: "CSAM Windows",
      query: "source:`CSAM` os:Windows*",
    });
    await saveQuery({
      tenantId,
      userId,
      scope: "assets",
      name: "CSAM Windows",
      query: "source:`CSAM`",
    });
    const saved = await listSavedQueries({ tenantId, scope: "assets" });
    expect(saved.map((s) => [s.name, s.query])).toEqual([["CSAM Windows", "source:`CSAM`"]]);
    expect(await listSavedQueries({ tenantId: otherTenantId, scope: "assets" })).toEqual([]);
    expect(await listSavedQueries({ tenantId, scope: "findings" })).toEqual([]);
    await expect(
      saveQuery({ tenantId, userId, scope: "findings", name: "bad", query: "sevrity:5" }),
    ).rejects.toThrow(/did you mean 'severity'/);
  });
});
