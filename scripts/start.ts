// `npm start`: the whole console in one process. Brings up the embedded
// PostgreSQL when DATABASE_URL is unset, applies migrations, creates the demo
// tenant on first start, builds the app when its sources changed, then serves
// it with the job workers running in-process (see instrumentation.ts).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { join, resolve } from "node:path";
import next from "next";
import { checkConnection, describeConnectionError } from "../lib/db/check";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { exportToProcessEnv, startEnv } from "../lib/env";
import { loadOrCreateSecretKey } from "../lib/secrets/key-file";
import { bootstrapTenant } from "../lib/tenants/bootstrap";

const say = (line: string) => console.log(`[sluice] ${line}`);
let embedded: EmbeddedDatabase | undefined;

async function fail(message: string): Promise<never> {
  console.error(`[sluice] ${message}`);
  await embedded?.stop().catch(() => {});
  process.exit(1);
}

function newestSourceMtime(paths: string[]): number {
  let newest = 0;
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path))
        if (entry !== "node_modules" && !entry.startsWith(".")) walk(join(path, entry));
    } else if (!path.endsWith(".test.ts")) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(walk);
  return newest;
}

async function buildIfStale() {
  const buildId = join(".next", "BUILD_ID");
  const sources = [
    "app",
    "components",
    "lib",
    "instrumentation.ts",
    "next.config.mjs",
    "postcss.config.mjs",
    "package-lock.json",
  ];
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMtime(sources)) return;
  say(
    existsSync(buildId)
      ? "Sources changed since the last build: rebuilding…"
      : "Building the console (first start)…",
  );
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) return fail("The build failed; see the messages above.");
}

async function main() {
  const startedAt = Date.now();
  const dev = process.argv.includes("--dev");
  let settings;
  try {
    settings = startEnv();
  } catch (error) {
    return fail((error as Error).message);
  }
  const dataDir = resolve(settings.SLUICE_DATA_DIR);

  let url = settings.DATABASE_URL;
  if (!url) {
    try {
      embedded = await startEmbeddedPostgres({ dataDir, port: settings.SLUICE_PG_PORT, log: say });
    } catch (error) {
      return fail((error as Error).message);
    }
    url = embedded.url;
    say(
      `Embedded PostgreSQL running on 127.0.0.1:${embedded.port} (data in ${join(dataDir, "pg")}).`,
    );
  }
  try {
    await checkConnection(url);
  } catch (error) {
    return fail(describeConnectionError(url, error));
  }
  try {
    await migrate({ url, log: say });
  } catch (error) {
    return fail((error as Error).message);
  }

  const secretKey = settings.SLUICE_SECRET_KEY ?? (await loadOrCreateSecretKey(dataDir)).key;
  const seeded = await bootstrapTenant({
    url,
    dataDir,
    adminEmail: settings.SLUICE_ADMIN_EMAIL,
    adminPassword: settings.SLUICE_ADMIN_PASSWORD,
  });
  if (seeded.created) {
    say("Created the demo tenant. Sign in with:");
    say(`    e-mail:   ${seeded.email}`);
    if (seeded.generated) {
      say(`    password: ${seeded.password}`);
      if (seeded.file) say(`  (also saved to ${seeded.file}; this is the only time it is printed)`);
    } else {
      say("    password: the value of SLUICE_ADMIN_PASSWORD");
    }
  }

  exportToProcessEnv({
    DATABASE_URL: url,
    SLUICE_SECRET_KEY: secretKey,
    SLUICE_WORKERS:
      settings.SLUICE_WORKERS || process.env.SLUICE_WORKERS === undefined ? "true" : "false",
    NEXT_TELEMETRY_DISABLED: "1",
  });

  if (!dev && !settings.SLUICE_SKIP_BUILD) await buildIfStale();

  const app = next({ dev, hostname: settings.HOST, port: settings.PORT, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => void handle(req, res));
  server.on("error", (error: NodeJS.ErrnoException) => {
    void fail(
      error.code === "EADDRINUSE"
        ? `Port ${settings.PORT} is already in use: stop the other program or set PORT.`
        : error.message,
    );
  });
  server.listen(settings.PORT, settings.HOST, () => {
    say(
      `Sluice is ready on http://${settings.HOST}:${settings.PORT} (in ${((Date.now() - startedAt) / 1000).toFixed(1)} s).`,
    );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    server.close();
    const workers = (globalThis as { sluiceWorkers?: { stop: () => Promise<void> } }).sluiceWorkers;
    await workers?.stop().catch(() => {});
    await embedded?.stop().catch(() => {});
    say("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

void main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
