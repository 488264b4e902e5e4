// Prints the SQL that brings the migrations in prisma/migrations up to
// prisma/schema.prisma. Prisma's diff goes through a database connection in
// adapter mode, so this borrows a throw-away embedded PostgreSQL.
// Usage: npm run db:diff > prisma/migrations/<timestamp>_<name>/migration.sql
// (compares the working prisma/schema.prisma with the one committed at HEAD)
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
    // Diffing from the migrations folder needs Prisma to read a live schema,
    // which fails through the adapter (prisma/orm#27403); diffing two schema
    // files does not. The "from" side is the schema as last committed.
    let from = ["--from-empty"];
    if (!process.argv.includes("--from-empty")) {
      const previous = join(dir, "previous.prisma");
      const committed = spawnSync("git", ["show", "HEAD:prisma/schema.prisma"], {
        encoding: "utf8",
      });
      if (committed.status !== 0) throw new Error("could not read prisma/schema.prisma at HEAD");
      await writeFile(previous, committed.stdout);
      from = ["--from-schema-datamodel", previous];
    }
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
