// Prints the SQL that brings the migrations in prisma/migrations up to
// prisma/schema.prisma. Prisma's diff goes through a database connection in
// adapter mode, so this borrows a throw-away embedded PostgreSQL.
// Usage: npm run db:diff > prisma/migrations/<timestamp>_<name>/migration.sql
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "sluice-diff-"));
  await import("node:fs/promises").then((fs) => fs.chmod(dir, 0o755));
  const db = await startEmbeddedPostgres({ dataDir: dir, database: "shadow" });
  try {
    // Inside the project so that the config can import prisma/config.
    const config = join(process.cwd(), "node_modules", ".sluice", "prisma.diff.config.ts");
    await writeFile(
      config,
      `import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
export default defineConfig({
  schema: ${JSON.stringify(join(process.cwd(), "prisma", "schema.prisma"))},
  engine: "js",
  experimental: { adapter: true },
  async adapter() { return new PrismaPg({ connectionString: ${JSON.stringify(db.url)} }); },
});
`,
    );
    const from = process.argv.includes("--from-empty")
      ? ["--from-empty"]
      : ["--from-migrations", join(process.cwd(), "prisma", "migrations")];
    const result = spawnSync(
      process.execPath,
      [
        join(process.cwd(), "scripts", "prisma.mjs"),
        "migrate",
        "diff",
        "--config",
        config,
        ...from,
        "--to-schema-datamodel",
        join(process.cwd(), "prisma", "schema.prisma"),
        "--script",
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    process.exitCode = result.status ?? 1;
  } finally {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

void main();
