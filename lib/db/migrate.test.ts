import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { ensureDatabase } from "./embedded";
import { migrate, migrationsDir } from "./migrate";

async function freshDatabase(name: string) {
  const url = inject("templateDatabaseUrl").replace(/\/[^/]+$/, `/${name}_${Date.now()}`);
  await ensureDatabase(url);
  return url;
}

async function rows(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  it("applies every migration once, even when two runners race, and records it as Prisma does", async () => {
    const url = await freshDatabase("migrate_race");
    await Promise.all([migrate({ url }), migrate({ url })]);
    await migrate({ url });
    const applied = await rows(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`,
    );
    const first = applied.find((r) => r.migration_name === "20261123000000_init");
    expect(applied.filter((r) => r.migration_name === "20261123000000_init")).toHaveLength(1);
    const sql = await readFile(
      join(migrationsDir(), "20261123000000_init", "migration.sql"),
      "utf8",
    );
    expect(first.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
    expect(first.finished_at).not.toBeNull();
    expect(first.applied_steps_count).toBe(1);
    const tables = await rows(
      url,
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables[0].n).toBeGreaterThanOrEqual(23);
  });

  it("stops with a clear message when an earlier migration failed half-way", async () => {
    const url = await freshDatabase("migrate_failed");
    await migrate({ url });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', 'y', '20990101000000_broken')`,
    );
    await client.end();
    await expect(migrate({ url })).rejects.toThrow(/20990101000000_broken failed earlier/);
  });
});
