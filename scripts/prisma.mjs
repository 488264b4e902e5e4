// Runs the Prisma CLI without letting it download engines: Sluice uses the
// Rust-free client (engineType "client"), so the query and schema engines are
// never needed at run time, and these machines cannot reach Prisma's host.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dummyDir = join(process.cwd(), "node_modules", ".sluice");
const dummy = join(dummyDir, "no-engine");
if (!existsSync(dummy)) {
  mkdirSync(dummyDir, { recursive: true });
  writeFileSync(dummy, "");
}

const cli = require.resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: {
    PRISMA_QUERY_ENGINE_LIBRARY: dummy,
    PRISMA_SCHEMA_ENGINE_BINARY: dummy,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    // generate and migrate diff never connect; the schema still names the variable.
    DATABASE_URL: "postgresql://sluice@127.0.0.1:5432/sluice",
    ...process.env,
  },
});
process.exit(result.status ?? 1);
