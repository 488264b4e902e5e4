// One embedded PostgreSQL for the whole Vitest run. Each suite that needs a
// database asks test/support/db.ts for an isolated one, created from a
// migrated template so that it takes milliseconds.
import { mkdtemp, rm, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../lib/db/embedded";
import { migrate } from "../../lib/db/migrate";

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "sluice-test-"));
  await chmod(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: dir, database: "sluice_template" });
  await migrate({ url: db.url });
  project.provide("templateDatabaseUrl", db.url);
  return async () => {
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}
