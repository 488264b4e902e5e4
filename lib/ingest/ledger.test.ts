import { beforeAll, describe, expect, it } from "vitest";
import { createTenantWithUser, createTestDatabase } from "@/test/support/db";
import { failRunsOfDeadWorkers } from "@/lib/runs/repository";
import { alreadyDone, claim, complete } from "./ledger";

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

async function setup() {
  const { tenant } = await createTenantWithUser(prisma);
  const connector = await prisma.connector.create({
    data: { tenantId: tenant.id, name: "c", type: "s3-csv", findingType: "VULNERABILITY" },
  });
  const run = (state: "PROCESSING" | "FAILED" = "PROCESSING") =>
    prisma.run.create({
      data: { tenantId: tenant.id, connectorId: connector.id, trigger: "S3_EVENT", state },
    });
  return { tenantId: tenant.id, connectorId: connector.id, run };
}

describe("ingest ledger", () => {
  it("lets exactly one of many concurrent claims win", async () => {
    const s = await setup();
    const runs = await Promise.all(Array.from({ length: 8 }, () => s.run()));
    const key = {
      tenantId: s.tenantId,
      connectorId: s.connectorId,
      sourceKey: "s3://b/drop/a.csv",
      version: '"etag1"',
    };
    const wins = await Promise.all(runs.map((r) => claim({ ...key, runId: r.id })));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it("never hands out an ingested object again, but does a rewritten one (new ETag)", async () => {
    const s = await setup();
    const r1 = await s.run();
    const key = {
      tenantId: s.tenantId,
      connectorId: s.connectorId,
      sourceKey: "s3://b/x.csv",
      version: "e1",
    };
    expect(await claim({ ...key, runId: r1.id })).toBe(true);
    await complete(key, "INGESTED", undefined, r1.id);
    const r2 = await s.run();
    expect(await claim({ ...key, runId: r2.id })).toBe(false);
    expect(await claim({ ...key, version: "e2", runId: r2.id })).toBe(true);
    expect(await alreadyDone(s.connectorId, [key, { ...key, version: "e2" }])).toEqual(
      new Set([`s3://b/x.csv\u0000e1`]),
    );
  });

  it("hands a claim back to the same run after a crash, and to another run once the first failed", async () => {
    const s = await setup();
    const crashed = await s.run();
    const key = {
      tenantId: s.tenantId,
      connectorId: s.connectorId,
      sourceKey: "s3://b/y.csv",
      version: "e1",
    };
    expect(await claim({ ...key, runId: crashed.id })).toBe(true);
    expect(await claim({ ...key, runId: crashed.id })).toBe(true);
    const other = await s.run();
    expect(await claim({ ...key, runId: other.id })).toBe(false);
    await prisma.run.update({ where: { id: crashed.id }, data: { state: "FAILED" } });
    expect(await claim({ ...key, runId: other.id })).toBe(true);
  });

  // A worker process killed mid-run leaves its run PROCESSING and its claims
  // held: without this, every later run counted those objects as taken by a
  // live run and never ingested them.
  it("lets another run take the claims of a run whose worker process died, and ends that run FAILED", async () => {
    const s = await setup();
    const heartbeat = (id: string, lastSeenAt: Date) =>
      prisma.workerHeartbeat.create({
        data: { id, hostname: "test", pid: 1, mode: "worker", lastSeenAt },
      });
    await heartbeat(`alive-${s.connectorId}`, new Date());
    await heartbeat(`dead-${s.connectorId}`, new Date(Date.now() - 5 * 60_000));
    const onLiveWorker = await s.run();
    const onDeadWorker = await s.run();
    const outsideWorkers = await s.run();
    await prisma.run.update({
      where: { id: onLiveWorker.id },
      data: { workerId: `alive-${s.connectorId}` },
    });
    await prisma.run.update({
      where: { id: onDeadWorker.id },
      data: { workerId: `dead-${s.connectorId}` },
    });
    const key = (name: string) => ({
      tenantId: s.tenantId,
      connectorId: s.connectorId,
      sourceKey: `s3://b/${name}.csv`,
      version: "e1",
    });
    for (const [name, run] of [
      ["live", onLiveWorker],
      ["dead", onDeadWorker],
      ["outside", outsideWorkers],
    ] as const) {
      expect(await claim({ ...key(name), runId: run.id })).toBe(true);
    }
    const next = await s.run();
    expect(await claim({ ...key("live"), runId: next.id })).toBe(false);
    expect(await claim({ ...key("outside"), runId: next.id })).toBe(false);
    expect(await claim({ ...key("dead"), runId: next.id })).toBe(true);

    expect(await failRunsOfDeadWorkers()).toBeGreaterThanOrEqual(1);
    const states = await prisma.run.findMany({
      where: { id: { in: [onLiveWorker.id, onDeadWorker.id, outsideWorkers.id] } },
      select: { id: true, state: true, error: true },
    });
    expect(Object.fromEntries(states.map((r) => [r.id, r.state]))).toEqual({
      [onLiveWorker.id]: "PROCESSING",
      [onDeadWorker.id]: "FAILED",
      [outsideWorkers.id]: "PROCESSING",
    });
    expect(states.find((r) => r.id === onDeadWorker.id)?.error).toMatch(
      /worker process .* stopped/,
    );
  });
});
