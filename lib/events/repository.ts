// The only events file that touches the database. The intake's hot path uses
// plain SQL (one query to authenticate, one to queue); the console's reads go
// through Prisma.
import pg from "pg";
import { db } from "@/lib/db";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";
import { BOSS_SCHEMA } from "@/lib/jobs/boss-schema";

const globalForIntake = globalThis as unknown as { sluiceIntakePool?: pg.Pool };

/**
 * The intake's own few connections. Ingestion can hold every connection of
 * the shared pool for as long as a large file takes; events must still be
 * answered in milliseconds meanwhile, or the forwarder times out and SQS
 * redelivers what was already accepted.
 */
function intakePool(): pg.Pool {
  if (!globalForIntake.sluiceIntakePool) {
    globalForIntake.sluiceIntakePool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: 4,
      application_name: "sluice-intake",
    });
    globalForIntake.sluiceIntakePool.on("error", () => {});
  }
  return globalForIntake.sluiceIntakePool;
}

export type IntakeConnector = {
  id: string;
  tenantId: string;
  type: string;
  config: unknown;
  intakeTokenHash: string | null;
};

export async function findConnectorForIntake(id: string): Promise<IntakeConnector | null> {
  const result = await intakePool().query<IntakeConnector>(
    `SELECT id, "tenantId", type, config, "intakeTokenHash" FROM connectors WHERE id = $1`,
    [id],
  );
  return result.rows[0] ?? null;
}

export function findConnectorInTenant(tenantId: string, id: string) {
  return db.connector.findFirst({
    where: { id, tenantId },
    select: { id: true, tenantId: true, name: true, type: true, config: true },
  });
}

export async function hasIntakeToken(tenantId: string, id: string): Promise<boolean> {
  const row = await db.connector.findFirst({
    where: { id, tenantId },
    select: { intakeTokenHash: true },
  });
  return Boolean(row?.intakeTokenHash);
}

export function setIntakeTokenHash(tenantId: string, id: string, hash: string) {
  return db.connector.updateMany({ where: { id, tenantId }, data: { intakeTokenHash: hash } });
}

export function lastIntakeTokenChange(tenantId: string, connectorId: string) {
  return db.auditLog.findFirst({
    where: {
      tenantId,
      targetType: "connector",
      targetId: connectorId,
      action: "connector.intake_token.rotate",
    },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, user: { select: { name: true } } },
  });
}

/** Non-CSV objects an event announced: recorded once, never ingested. */
export async function recordSkippedObjects(
  rows: {
    tenantId: string;
    connectorId: string;
    sourceKey: string;
    version: string;
    sizeBytes: number | null;
  }[],
  detail: string,
) {
  if (rows.length === 0) return;
  await intakePool().query(
    `INSERT INTO ingest_ledger ("tenantId", "connectorId", "sourceKey", version, status, "sizeBytes", detail, "completedAt")
     SELECT t, c, k, v, 'SKIPPED', s, $6, now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[]) AS r(t, c, k, v, s)
     ON CONFLICT ("connectorId", "sourceKey", version) DO NOTHING`,
    [
      rows.map((r) => r.tenantId),
      rows.map((r) => r.connectorId),
      rows.map((r) => r.sourceKey),
      rows.map((r) => r.version),
      rows.map((r) => r.sizeBytes),
      detail,
    ],
  );
}

/** Ledger counts and queued object jobs of one connector, for its detail page. */
export async function eventIntakeStats(connectorId: string, queue: string) {
  const [ledger, queued] = await Promise.all([
    pool().query<{ status: string; count: string }>(
      `SELECT status::text, count(*)::text AS count FROM ingest_ledger WHERE "connectorId" = $1 GROUP BY status`,
      [connectorId],
    ),
    pool()
      .query<{ count: string }>(
        `SELECT count(*)::text AS count FROM ${BOSS_SCHEMA}.job
          WHERE name = $1 AND state IN ('created', 'retry', 'active') AND data->>'connectorId' = $2`,
        [queue, connectorId],
      )
      // Before the first worker starts, pg-boss has not created its tables.
      .catch(() => ({ rows: [{ count: "0" }] })),
  ]);
  const byStatus = Object.fromEntries(ledger.rows.map((r) => [r.status, Number(r.count)]));
  return {
    ingested: byStatus.INGESTED ?? 0,
    skipped: byStatus.SKIPPED ?? 0,
    failed: byStatus.FAILED ?? 0,
    inProgress: byStatus.CLAIMED ?? 0,
    queued: Number(queued.rows[0]?.count ?? 0),
  };
}
