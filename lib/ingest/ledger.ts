// The ingest ledger: every object or page a connector consumes, keyed by
// (connector, source key, version). Claiming is one INSERT … ON CONFLICT, so
// duplicate and concurrent deliveries of the same object agree on exactly one
// winner; a rewritten object (new ETag) is a new key and is ingested again.
import { pool } from "@/lib/db/pool";
import { RUN_WORKER_IS_DEAD } from "@/lib/jobs/worker-identity";

export type LedgerKey = {
  tenantId: string;
  connectorId: string;
  sourceKey: string;
  version: string;
};

/**
 * Claims an object for a run. True when this run should ingest it: nobody had
 * it, the earlier attempt failed, or this same run claimed it before a crash
 * (the job was retried), or the run holding it died with its worker process.
 * False when it is ingested, skipped, or being ingested by another live run.
 */
export async function claim(
  key: LedgerKey & { runId: string; sizeBytes?: number | null },
): Promise<boolean> {
  const result = await pool().query(
    `INSERT INTO ingest_ledger ("tenantId", "connectorId", "sourceKey", version, "runId", status, "sizeBytes")
     VALUES ($1, $2, $3, $4, $5, 'CLAIMED', $6)
     ON CONFLICT ("connectorId", "sourceKey", version) DO UPDATE
        SET "runId" = EXCLUDED."runId", status = 'CLAIMED', detail = NULL, "completedAt" = NULL
      WHERE ingest_ledger.status = 'FAILED'
         OR (ingest_ledger.status = 'CLAIMED' AND (
               ingest_ledger."runId" = EXCLUDED."runId"
               OR ingest_ledger."runId" IS NULL
               OR EXISTS (SELECT 1 FROM runs r WHERE r.id = ingest_ledger."runId"
                             AND (r.state IN ('FAILED', 'CANCELLED', 'PROCESSED') OR ${RUN_WORKER_IS_DEAD}))))
     RETURNING id`,
    [key.tenantId, key.connectorId, key.sourceKey, key.version, key.runId, key.sizeBytes ?? null],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function complete(
  key: LedgerKey,
  status: "INGESTED" | "SKIPPED" | "FAILED",
  detail?: string,
  runId?: string,
) {
  await pool().query(
    `INSERT INTO ingest_ledger ("tenantId", "connectorId", "sourceKey", version, "runId", status, detail, "completedAt")
     VALUES ($1, $2, $3, $4, $5, $6::"LedgerStatus", $7, now())
     ON CONFLICT ("connectorId", "sourceKey", version) DO UPDATE
        SET status = EXCLUDED.status, detail = EXCLUDED.detail, "completedAt" = now(),
            "runId" = coalesce(EXCLUDED."runId", ingest_ledger."runId")`,
    [
      key.tenantId,
      key.connectorId,
      key.sourceKey,
      key.version,
      runId ?? null,
      status,
      detail ?? null,
    ],
  );
}

/** Which of these keys the ledger already holds as ingested or skipped (for scans and backfill). */
export async function alreadyDone(
  connectorId: string,
  keys: { sourceKey: string; version: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const result = await pool().query<{ sourceKey: string; version: string }>(
    `SELECT l."sourceKey", l.version FROM ingest_ledger l
       JOIN unnest($2::text[], $3::text[]) AS k(key, version) ON l."sourceKey" = k.key AND l.version = k.version
      WHERE l."connectorId" = $1 AND l.status IN ('INGESTED', 'SKIPPED')`,
    [connectorId, keys.map((k) => k.sourceKey), keys.map((k) => k.version)],
  );
  return new Set(result.rows.map((r) => `${r.sourceKey}\u0000${r.version}`));
}
