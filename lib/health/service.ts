import { db } from "@/lib/db";
import { migrationStatus } from "@/lib/db/migrate";
import { getWorkersStatus } from "@/lib/jobs/service";

export async function getHealth() {
  const started = Date.now();
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    return { ok: false, status: "down" as const, database: { ok: false, latencyMs: null } };
  }
  const latencyMs = Date.now() - started;
  const migrations = await migrationStatus((sql) => db.$queryRawUnsafe(sql));
  const workers = await getWorkersStatus();
  const alive = workers.filter((w) => w.alive).length;
  const ok = migrations.pending.length === 0;
  return {
    ok,
    // Workers may run on other machines; none alive means jobs wait, not that the console is down.
    status: !ok ? ("down" as const) : alive === 0 ? ("degraded" as const) : ("ok" as const),
    database: { ok: true, latencyMs },
    migrations: { applied: migrations.applied.length, pending: migrations.pending },
    workers: { alive, total: workers.length },
  };
}
