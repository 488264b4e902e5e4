import { db } from "@/lib/db";
import { BOSS_SCHEMA } from "./boss-schema";

export function upsertHeartbeat(worker: {
  id: string;
  hostname: string;
  pid: number;
  mode: string;
}) {
  return db.workerHeartbeat.upsert({
    where: { id: worker.id },
    create: worker,
    update: { lastSeenAt: new Date() },
    select: { id: true },
  });
}

export function deleteHeartbeat(id: string) {
  return db.workerHeartbeat.deleteMany({ where: { id } });
}

export function deleteStaleHeartbeats(before: Date) {
  return db.workerHeartbeat.deleteMany({ where: { lastSeenAt: { lt: before } } });
}

export function listHeartbeats() {
  return db.workerHeartbeat.findMany({ orderBy: { startedAt: "asc" } });
}

export async function bossTablesExist(): Promise<boolean> {
  const rows = await db.$queryRaw<
    { exists: boolean }[]
  >`SELECT to_regclass(${BOSS_SCHEMA + ".job"}) IS NOT NULL AS exists`;
  return rows[0]?.exists ?? false;
}

export function jobCountsByState() {
  return db.$queryRawUnsafe<{ name: string; state: string; count: bigint; recent: bigint }[]>(
    `SELECT name, state::text AS state, count(*) AS count,
            count(*) FILTER (WHERE coalesce(completed_on, created_on) > now() - interval '24 hours') AS recent
       FROM ${BOSS_SCHEMA}.job GROUP BY name, state`,
  );
}

export function recentFailedJobs(limit: number) {
  return db.$queryRawUnsafe<
    { id: string; name: string; output: unknown; completed_on: Date | null }[]
  >(
    `SELECT id::text, name, output, completed_on FROM ${BOSS_SCHEMA}.job
      WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT $1`,
    limit,
  );
}
