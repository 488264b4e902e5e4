import { db } from "@/lib/db";
import type { RunState, RunTrigger } from "@/lib/generated/prisma/enums";
import type { IngestCounts } from "@/lib/ingest/record";
import { pool } from "@/lib/db/pool";
import { currentWorkerId, RUN_WORKER_IS_DEAD } from "@/lib/jobs/worker-identity";

export type RunErrorInput = {
  sourceKey?: string | null;
  line?: number | null;
  column?: string | null;
  reason: string;
  raw?: string | null;
};

// Row errors kept per run: enough to find every pattern, bounded so a file of
// garbage cannot fill the database.
export const MAX_ERRORS_PER_RUN = 10_000;

export function insertRun(data: {
  tenantId: string;
  connectorId: string;
  profileId?: string | null;
  trigger: RunTrigger;
  source: string;
  bytesTotal?: bigint | null;
}) {
  return db.run.create({ data, select: { id: true } });
}

export function setRunJob(id: string, jobId: string) {
  return db.run.update({ where: { id }, data: { jobId }, select: { id: true } });
}

export function markRunProcessing(id: string) {
  return db.run.update({
    where: { id },
    data: { state: "PROCESSING", startedAt: new Date(), error: null, workerId: currentWorkerId() },
    select: { id: true },
  });
}

/**
 * Runs left PROCESSING by a worker process that died end FAILED, with their
 * connectors, so nobody waits on them; their unfinished objects are claimed by
 * the next run (lib/ingest/ledger.ts). Answers how many.
 */
export async function failRunsOfDeadWorkers(): Promise<number> {
  const { rows } = await pool().query<{ connectorId: string }>(
    `UPDATE runs r SET state = 'FAILED', "finishedAt" = now(),
            error = 'The worker process running this run stopped before it finished. Objects it had not finished are read again by the next run.'
      WHERE ${RUN_WORKER_IS_DEAD}
     RETURNING r."connectorId"`,
  );
  if (rows.length) {
    await pool().query(
      `UPDATE connectors SET state = 'FAILED' WHERE id = ANY($1::uuid[]) AND state = 'PROCESSING'`,
      [[...new Set(rows.map((r) => r.connectorId))]],
    );
  }
  return rows.length;
}

/**
 * Adds to a run's counters. A run calls this after every batch it writes, so:
 * plain SQL in one round trip (Prisma's query compiler cost more CPU per call
 * than the update), committed asynchronously. The batches themselves commit
 * asynchronously; a synchronous commit here waited for the WAL flush of them
 * all, most of its 9 ms a batch in bench:csv. A crash may lose the last
 * increments along with the last batches; the run then ends FAILED and its
 * unfinished objects are read again.
 */
export async function addRunProgress(
  id: string,
  delta: Partial<IngestCounts> & {
    bytesRead?: number;
    rowsRead?: number;
    rejected?: number;
    skipped?: number;
    objectsDone?: number;
    fixed?: number;
  },
): Promise<void> {
  // set_config(…, true) is SET LOCAL: it holds for this statement's own transaction, up to its commit.
  await pool().query(
    `UPDATE runs SET "bytesRead" = "bytesRead" + $2, "rowsRead" = "rowsRead" + $3, created = created + $4,
            updated = updated + $5, unchanged = unchanged + $6, rejected = rejected + $7,
            skipped = skipped + $8, "objectsDone" = "objectsDone" + $9, fixed = fixed + $10
      FROM (SELECT set_config('synchronous_commit', 'off', true)) async
      WHERE id = $1`,
    [
      id,
      delta.bytesRead ?? 0,
      delta.rowsRead ?? 0,
      delta.created ?? 0,
      delta.updated ?? 0,
      delta.unchanged ?? 0,
      delta.rejected ?? 0,
      delta.skipped ?? 0,
      delta.objectsDone ?? 0,
      delta.fixed ?? 0,
    ],
  );
}

export function setRunTotals(
  id: string,
  totals: { bytesTotal?: bigint | null; objectsTotal?: number | null },
) {
  return db.run.update({ where: { id }, data: totals, select: { id: true } });
}

export async function addRunErrors(runId: string, errors: RunErrorInput[]) {
  if (errors.length === 0) return;
  const stored = await db.runError.count({ where: { runId } });
  const room = Math.max(0, MAX_ERRORS_PER_RUN - stored);
  if (room === 0) return;
  await db.runError.createMany({
    data: errors.slice(0, room).map((e) => ({
      runId,
      sourceKey: e.sourceKey ?? null,
      line: e.line ?? null,
      column: e.column ?? null,
      reason: e.reason,
      raw: e.raw ? e.raw.slice(0, 2000) : null,
    })),
  });
}

export function finishRun(
  id: string,
  state: Extract<RunState, "PROCESSED" | "FAILED" | "CANCELLED">,
  error?: string,
) {
  return db.run.update({
    where: { id },
    data: { state, finishedAt: new Date(), error: error ?? null },
    select: { id: true, connectorId: true },
  });
}

export function findRun(tenantId: string, id: string) {
  return db.run.findFirst({
    where: { id, tenantId },
    include: { connector: { select: { id: true, name: true, type: true } } },
  });
}

export function listRunErrors(runId: string, options: { afterId?: bigint; take: number }) {
  return db.runError.findMany({
    where: { runId, ...(options.afterId ? { id: { gt: options.afterId } } : {}) },
    orderBy: { id: "asc" },
    take: options.take,
  });
}
