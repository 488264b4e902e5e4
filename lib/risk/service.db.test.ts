// The SQL recompute against the TypeScript reference (./qds.ts) on a real
// PostgreSQL: same scores, same breakdowns, only open findings, only the
// assets asked for, never another tenant's.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/support/db";
import { computeRiskScore, parseBreakdown, type QdsInput } from "./qds";
import { recomputeRiskScores } from "./service";

const { prisma } = await createTestDatabase();

type SeedFinding = QdsInput & { status?: "NEW" | "ACTIVE" | "REOPENED" | "FIXED" };

async function seedAsset(
  tenantId: string,
  name: string,
  criticality: number,
  findings: SeedFinding[],
) {
  const asset = await prisma.asset.create({ data: { tenantId, name, criticality } });
  await prisma.finding.createMany({
    data: findings.map((f, i) => ({
      tenantId,
      assetId: asset.id,
      qid: 1000 + i,
      severity: f.severity,
      qds: f.qds ?? null,
      cvssBase: f.cvssBase ?? null,
      cvss3Base: f.cvss3Base ?? null,
      status: f.status ?? "ACTIVE",
    })),
  });
  return asset;
}

// A deterministic spread of every way a finding can be scored.
function mixedFindings(seed: number, count: number): SeedFinding[] {
  return Array.from({ length: count }, (_, i) => {
    const k = (seed * 31 + i * 17) % 7;
    const severity = 1 + ((seed + i) % 5);
    if (k === 0) return { severity, qds: 1 + ((seed * 13 + i * 7) % 100) };
    if (k === 1) return { severity, cvss3Base: ((seed + i * 3) % 101) / 10 };
    if (k === 2) return { severity, cvssBase: ((seed * 7 + i) % 101) / 10 };
    if (k === 3) return { severity, status: "FIXED", qds: 99 };
    return { severity };
  });
}

let tenantId = "";
let otherTenantId = "";

beforeAll(async () => {
  tenantId = (await prisma.tenant.create({ data: { name: "Risk", slug: "risk" } })).id;
  otherTenantId = (await prisma.tenant.create({ data: { name: "Other", slug: "other" } })).id;
});

describe("recomputeRiskScores", () => {
  it("matches the TypeScript reference for every asset, ignoring fixed findings", async () => {
    const seeded = [];
    for (let i = 0; i < 25; i++) {
      const findings = mixedFindings(i, i * 3);
      const criticality = 1 + (i % 5);
      seeded.push({
        asset: await seedAsset(tenantId, `host-${i}`, criticality, findings),
        criticality,
        findings,
      });
    }
    await recomputeRiskScores({ tenantId });

    for (const { asset, criticality, findings } of seeded) {
      const expected = computeRiskScore({
        criticality,
        findings: findings.filter((f) => f.status !== "FIXED"),
      });
      const stored = await prisma.asset.findUniqueOrThrow({ where: { id: asset.id } });
      expect(stored.riskScore, asset.name).toBe(expected.score);
      expect(parseBreakdown(stored.riskBreakdown, criticality), asset.name).toEqual(expected);
    }
    const zero = await prisma.asset.findFirstOrThrow({ where: { tenantId, name: "host-0" } });
    expect(zero.riskScore).toBe(0);
  });

  it("rescopes to the given assets only, and reports how many changed", async () => {
    const a = await seedAsset(tenantId, "scoped-a", 2, [{ severity: 5 }]);
    const b = await seedAsset(tenantId, "scoped-b", 2, [{ severity: 5 }]);
    const { changed } = await recomputeRiskScores({ tenantId, assetIds: [a.id] });
    expect(changed).toBe(1);
    expect((await prisma.asset.findUniqueOrThrow({ where: { id: a.id } })).riskScore).toBe(190);
    expect((await prisma.asset.findUniqueOrThrow({ where: { id: b.id } })).riskScore).toBe(0);

    // Nothing changed since: nothing is rewritten.
    expect((await recomputeRiskScores({ tenantId, assetIds: [a.id] })).changed).toBe(0);

    // Fixing the finding brings the score back down on the next recompute.
    await prisma.finding.updateMany({ where: { assetId: a.id }, data: { status: "FIXED" } });
    await recomputeRiskScores({ tenantId, assetIds: [a.id, a.id] });
    expect((await prisma.asset.findUniqueOrThrow({ where: { id: a.id } })).riskScore).toBe(0);
  });

  it("scores every asset of a run in chunks, two at a time, and counts each change once", async () => {
    const assets = [];
    for (let i = 0; i < 7; i++)
      assets.push(await seedAsset(tenantId, `chunk-${i}`, 2, [{ severity: 5 }]));
    const ids = assets.map((a) => a.id);
    expect((await recomputeRiskScores({ tenantId, assetIds: ids, chunkSize: 2 })).changed).toBe(7);
    const scores = await prisma.asset.findMany({
      where: { id: { in: ids } },
      select: { riskScore: true },
    });
    expect(scores.map((a) => a.riskScore)).toEqual(Array(7).fill(190));
  });

  it("keeps the default '{}' breakdown for assets without open findings, so new assets are not rewritten", async () => {
    const bare = await seedAsset(tenantId, "bare", 3, []);
    expect((await recomputeRiskScores({ tenantId, assetIds: [bare.id] })).changed).toBe(0);

    const scanned = await seedAsset(tenantId, "scanned", 3, [{ severity: 5 }]);
    await recomputeRiskScores({ tenantId, assetIds: [scanned.id] });
    await prisma.finding.updateMany({ where: { assetId: scanned.id }, data: { status: "FIXED" } });
    expect((await recomputeRiskScores({ tenantId, assetIds: [scanned.id] })).changed).toBe(1);
    const stored = await prisma.asset.findUniqueOrThrow({ where: { id: scanned.id } });
    expect(stored.riskScore).toBe(0);
    expect(stored.riskBreakdown).toEqual({});
    expect(parseBreakdown(stored.riskBreakdown, 3)).toEqual(
      computeRiskScore({ criticality: 3, findings: [] }),
    );
  });

  it("never scores another tenant's assets", async () => {
    const foreign = await seedAsset(otherTenantId, "foreign", 5, [{ severity: 5 }]);
    await recomputeRiskScores({ tenantId });
    await recomputeRiskScores({ tenantId, assetIds: [foreign.id] });
    expect((await prisma.asset.findUniqueOrThrow({ where: { id: foreign.id } })).riskScore).toBe(0);
    await recomputeRiskScores({ tenantId: otherTenantId });
    expect((await prisma.asset.findUniqueOrThrow({ where: { id: foreign.id } })).riskScore).toBe(
      475,
    );
  });
});
