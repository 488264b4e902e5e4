// Applies prisma/migrations/*/migration.sql in order under an advisory lock
// and records them in _prisma_migrations exactly as `prisma migrate deploy`
// does, so either tool can take over from the other. Prisma's own deploy
// cannot run here through the driver adapter (prisma/orm#27403).
import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";

// The lock key Prisma Migrate itself takes, so the two never run at once.
const PRISMA_MIGRATE_LOCK = 72707369;

export type MigrationStatus = { applied: string[]; pending: string[] };

const createTable = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export function migrationsDir() {
  return join(process.cwd(), "prisma", "migrations");
}

async function listMigrations(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

export async function migrate(options: {
  url: string;
  dir?: string;
  log?: (line: string) => void;
}): Promise<MigrationStatus> {
  const dir = options.dir ?? migrationsDir();
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
    await client.query(createTable);
    const done = await client.query<{ migration_name: string; finished_at: Date | null }>(
      `SELECT migration_name, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const failed = done.rows.filter((r) => r.finished_at === null).map((r) => r.migration_name);
    if (failed.length > 0) {
      throw new Error(
        `Migration ${failed[0]} failed earlier and was not rolled back; fix the database and mark it with \`prisma migrate resolve\`.`,
      );
    }
    const applied = new Set(done.rows.map((r) => r.migration_name));
    const names = await listMigrations(dir);
    const pending = names.filter((n) => !applied.has(n));
    for (const name of pending) {
      const sql = await readFile(join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const id = randomUUID();
      log(`Applying migration ${name}`);
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
      }
    }
    return { applied: names, pending: [] };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK]).catch(() => {});
    await client.end();
  }
}

/** Which migrations on disk the database has not applied yet (for /api/health). */
export async function migrationStatus(
  query: (sql: string) => Promise<{ migration_name: string }[]>,
  dir = migrationsDir(),
): Promise<MigrationStatus> {
  const names = await listMigrations(dir);
  const rows = await query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return {
    applied: names.filter((n) => applied.has(n)),
    pending: names.filter((n) => !applied.has(n)),
  };
}
