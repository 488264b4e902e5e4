// CSAM benchmark: 100,000 generated assets served 300 per page by the
// Qualys-compatible test server (same process, real HTTP), read through the
// CSAM source into Host Asset records, then once more through the whole run
// pipeline into a throw-away embedded PostgreSQL.
// The server runs in a child process, as Qualys would be another machine.
// Run: npm run bench:csam   (writes bench/results/csam.json)
// Options: --assets=N --skip-pipeline --keep (leave the data directory)
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { exportToProcessEnv } from "../lib/env";
import { startQualysServer } from "../test/support/qualys-server";

function option(name: string, fallback: number) {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.split("=")[1]) : fallback;
}

const ASSETS = option("assets", 100_000);
const PAGE_SIZE = 300;
const TARGET_ASSETS_PER_SEC = 2_000;
const TARGET_PEAK_RSS_MB = 512;

/** Samples RSS every 50 ms; the peak is what a worker must have room for. */
function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const log = (line: string) => console.log(line);

async function sourceOnly(url: string, username: string, password: string) {
  const { readCsamAssets } = await import("../lib/connectors/csam-api/source");
  const { csamApiConfigSchema } = await import("../lib/connectors/csam-api/schema");
  const sampler = rssSampler();
  const started = performance.now();
  let records = 0;
  let errors = 0;
  for await (const page of readCsamAssets(
    {
      tenantId: "bench",
      connectorId: "bench",
      config: csamApiConfigSchema.parse({ baseUrl: url }),
      secrets: { username, password },
      allowPrivateNetworks: true,
      signal: new AbortController().signal,
      log: () => {},
      since: null,
    },
    { pageSize: PAGE_SIZE },
  )) {
    records += page.records.length;
    errors += page.errors.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { records, errors, seconds, peakRss: sampler.stop() };
}

async function throughPipeline(url: string, username: string, password: string) {
  const { db } = await import("../lib/db");
  const { encryptSecrets } = await import("../lib/secrets/crypto");
  const { executeRun } = await import("../lib/ingest/pipeline");
  const { env } = await import("../lib/env");
  const tenant = await db.tenant.create({ data: { name: "Bench", slug: "bench" } });
  await db.dataModel.create({
    data: { tenantId: tenant.id, key: "host-asset", name: "Host Asset", kind: "ASSET" },
  });
  const connector = await db.connector.create({
    data: {
      tenantId: tenant.id,
      name: "CSAM bench",
      type: "csam-api",
      findingType: "ASSET",
      config: { baseUrl: url, tagFilter: "", content: "HOST_ASSET" },
      secrets: encryptSecrets({ username, password }, env().SLUICE_SECRET_KEY),
      identificationRules: {
        // The generated assets reuse 250 addresses and wrap their MACs after
        // 65,536, so the IP and MAC rules would merge distinct assets; the
        // bench measures throughput, not merging.
        create: ["ASSET_UUID", "HOST_ID", "BIOS_SERIAL", "FQDN", "NETBIOS"].map(
          (identifier, position) => ({ identifier, position }),
        ),
      },
    },
  });
  const run = await db.run.create({
    data: { tenantId: tenant.id, connectorId: connector.id, trigger: "MANUAL", source: url },
  });
  const sampler = rssSampler();
  const started = performance.now();
  await executeRun(run.id);
  const seconds = (performance.now() - started) / 1000;
  const peakRss = sampler.stop();
  const finished = await db.run.findUniqueOrThrow({ where: { id: run.id } });
  const assets = await db.asset.count({ where: { tenantId: tenant.id } });
  await db.$disconnect();
  return { finished, assets, records: finished.rowsRead, seconds, peakRss };
}

type ServerInfo = { url: string; username: string; password: string };

/** Child-process mode: serve the generated assets until the parent exits. */
async function serve() {
  const server = await startQualysServer({ assetCount: ASSETS, defaultPageSize: PAGE_SIZE });
  process.send?.({ url: server.url, username: server.username, password: server.password });
  process.on("disconnect", () => void server.close().then(() => process.exit(0)));
}

function startServerProcess(): Promise<{ info: ServerInfo; stop: () => void }> {
  const child = fork(fileURLToPath(import.meta.url), ["--serve", `--assets=${ASSETS}`], {
    execArgv: process.execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (info) =>
      resolve({ info: info as ServerInfo, stop: () => child.kill() }),
    );
    child.once("exit", (code) => reject(new Error(`test server exited with ${code}`)));
  });
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "sluice-bench-csam-"));
  const keep = process.argv.includes("--keep");
  const skipPipeline = process.argv.includes("--skip-pipeline");
  const { info: server, stop: stopServer } = await startServerProcess();
  const postgres = skipPipeline
    ? null
    : await startEmbeddedPostgres({ dataDir: dir, database: "sluice_bench" });
  try {
    exportToProcessEnv({
      SLUICE_SECRET_KEY: randomBytes(32).toString("hex"),
      // The test server listens on loopback.
      SLUICE_ALLOW_PRIVATE_NETWORKS: "true",
      NODE_ENV: "production",
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
    });
    if (postgres) await migrate({ url: postgres.url });

    log(`CSAM source: ${ASSETS.toLocaleString("en")} assets, ${PAGE_SIZE} per page …`);
    const source = await sourceOnly(server.url, server.username, server.password);
    const sourceRate = Math.round(source.records / source.seconds);
    log(
      `  ${source.records.toLocaleString("en")} Host Asset records (${source.errors} row errors) in ${source.seconds.toFixed(1)} s = ${sourceRate.toLocaleString("en")} assets/s, peak RSS ${mb(source.peakRss)} MB`,
    );

    let pipeline: Awaited<ReturnType<typeof throughPipeline>> | null = null;
    if (!skipPipeline) {
      log("Run pipeline (source → validate → identify → upsert into PostgreSQL) …");
      pipeline = await throughPipeline(server.url, server.username, server.password);
      log(
        `  run ${pipeline.finished.state}${pipeline.finished.error ? ` (${pipeline.finished.error})` : ""}: ${pipeline.records.toLocaleString("en")} records read, ${pipeline.assets.toLocaleString("en")} assets stored, in ${pipeline.seconds.toFixed(1)} s = ${Math.round(pipeline.records / pipeline.seconds).toLocaleString("en")} assets/s, peak RSS ${mb(pipeline.peakRss)} MB`,
      );
    }

    // The headline figure is the slower, complete path when it ran.
    const headline = pipeline
      ? {
          assets: pipeline.records,
          seconds: pipeline.seconds,
          peakRss: Math.max(pipeline.peakRss, source.peakRss),
        }
      : { assets: source.records, seconds: source.seconds, peakRss: source.peakRss };
    const result = {
      assets: headline.assets,
      assetsPerSec: Math.round(headline.assets / headline.seconds),
      peakRssMb: mb(headline.peakRss),
      measured: pipeline ? "source + pipeline into embedded PostgreSQL" : "source + mapping only",
      ...(pipeline ? { assetsStored: pipeline.assets, runState: pipeline.finished.state } : {}),
      sourceOnly: {
        assets: source.records,
        assetsPerSec: sourceRate,
        peakRssMb: mb(source.peakRss),
      },
      targets: { assetsPerSec: TARGET_ASSETS_PER_SEC, peakRssMb: TARGET_PEAK_RSS_MB },
    };
    await mkdir(new URL("./results/", import.meta.url), { recursive: true });
    await writeFile(
      new URL("./results/csam.json", import.meta.url),
      `${JSON.stringify(result, null, 2)}\n`,
    );
    const pass =
      result.assetsPerSec >= TARGET_ASSETS_PER_SEC && result.peakRssMb <= TARGET_PEAK_RSS_MB;
    log(
      `${pass ? "PASS" : "FAIL"}: ${result.assetsPerSec.toLocaleString("en")} assets/s (target ≥ ${TARGET_ASSETS_PER_SEC.toLocaleString("en")}), peak RSS ${result.peakRssMb} MB (target ≤ ${TARGET_PEAK_RSS_MB}) — ${result.measured}`,
    );
    if (!pass) process.exitCode = 1;
  } finally {
    stopServer();
    await postgres?.stop();
    if (!keep) await rm(dir, { recursive: true, force: true });
  }
}

(process.argv.includes("--serve") ? serve() : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
