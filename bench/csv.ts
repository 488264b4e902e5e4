// `npm run bench:csv`: the S3 CSV connector end to end on a generated
// Qualys-style findings CSV (1,000,000 rows over 50,000 hosts, plus a
// 100,000-row file), compared with csv-parse alone on the same file.
// Everything is real: embedded PostgreSQL, an S3-compatible server over HTTP,
// the pipeline as a run executes it. Prints the figures and writes
// bench/results/csv.json. Not part of `npm test`.
import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parse } from "csv-parse";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { qualysScanReportColumns } from "../lib/ingest/templates/qualys-vm-scan-csv";
import { migrate } from "../lib/db/migrate";
import { exportToProcessEnv } from "../lib/env";
import { startS3Server, S3RVER_CREDENTIALS } from "../test/support/s3-server";
import { addQualysScanTransformMap } from "../test/support/transform-maps";

const HEADER = qualysScanReportColumns;

async function generate(path: string, rows: number, hosts: number) {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, "drain");
  };
  await write(HEADER.map((h) => `"${h}"`).join(",") + "\r\n");
  const perHost = Math.ceil(rows / hosts);
  for (let i = 0; i < rows; i++) {
    const host = i % hosts;
    const n = Math.floor(i / hosts);
    const ip = `10.${(host >> 16) & 255}.${(host >> 8) & 255}.${host & 255}`;
    const dns = `host-${host}.bench.example`;
    const qid = 100000 + (n % perHost);
    const cells = [
      ip,
      "Default",
      dns,
      `HOST${host}`,
      "IP",
      "Linux 5.15",
      "host scanned, found vuln",
      qid,
      `Generated finding ${qid}`,
      "Active",
      "Vuln",
      1 + (qid % 5),
      1000 + n,
      "tcp",
      dns,
      "",
      "05/13/2021 09:10:11",
      "05/25/2021 10:11:12",
      "3",
      "",
      `CVE-2021-${qid % 9000}`,
      "",
      "",
      "",
      (qid % 100) / 10,
      "",
      "Threat text for this vulnerability",
      "Impact text",
      "Apply the vendor patch",
      "",
      "",
      "no",
      "",
      "",
      "",
      "General",
      "",
    ];
    await write(cells.map((c) => `"${c}"`).join(",") + "\r\n");
  }
  out.end();
  await once(out, "finish");
}

async function rawParse(path: string) {
  const started = performance.now();
  let rows = 0;
  for await (const record of createReadStream(path).pipe(parse({ columns: true, bom: true }))) {
    if (record) rows++;
  }
  return rows / ((performance.now() - started) / 1000);
}

/** Seconds of CPU that /proc reports in clock ticks (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds of every running PostgreSQL process (Linux; empty elsewhere). */
async function postgresCpu(): Promise<Map<string, number>> {
  const seconds = new Map<string, number>();
  const pids = await readdir("/proc").catch(() => []);
  for (const pid of pids.filter((name) => /^\d+$/.test(name))) {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const end = stat.lastIndexOf(")");
    if (stat.slice(stat.indexOf("(") + 1, end) !== "postgres") continue;
    const fields = stat.slice(end + 2).split(" ");
    seconds.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
  }
  return seconds;
}

/** Busy and total CPU seconds of the whole machine, from /proc/stat (null elsewhere). */
async function machineCpu(): Promise<{ busy: number; total: number } | null> {
  const line = (await readFile("/proc/stat", "utf8").catch(() => "")).split("\n")[0];
  if (!line.startsWith("cpu ")) return null;
  const ticks = line.split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((sum, t) => sum + t, 0);
  // Fields 4 and 5 are idle and iowait; the rest is work.
  return {
    busy: (total - ticks[3] - ticks[4]) / TICKS_PER_SECOND,
    total: total / TICKS_PER_SECOND,
  };
}

/**
 * Where a run's CPU went: this process (the pipeline), the PostgreSQL
 * processes, and how busy the machine was. The ratio is only meaningful next
 * to it: the database shares the cores with the pipeline, csv-parse alone has
 * one to itself. Short-lived PostgreSQL processes (autovacuum) are missed.
 */
async function cpuSampler() {
  const node = process.cpuUsage();
  const postgres = await postgresCpu();
  const machine = await machineCpu();
  return async () => {
    const nodeUsed = process.cpuUsage(node);
    let postgresUsed = 0;
    for (const [pid, seconds] of await postgresCpu())
      postgresUsed += seconds - (postgres.get(pid) ?? 0);
    const machineNow = await machineCpu();
    const machineUsed =
      machine && machineNow
        ? `; machine busy ${(machineNow.busy - machine.busy).toFixed(1)} of ${(machineNow.total - machine.total).toFixed(1)} s (${cpus().length} cores)`
        : "";
    return `CPU: this process ${((nodeUsed.user + nodeUsed.system) / 1e6).toFixed(1)} s, PostgreSQL ${postgresUsed.toFixed(1)} s${machineUsed}`;
  };
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

async function main() {
  const rowsBig = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const rowsSmall = Math.round(rowsBig / 10);
  const hosts = Number(process.env.BENCH_HOSTS ?? 50_000);
  const dir = await mkdtemp(join(tmpdir(), "sluice-bench-csv-"));
  await chmod(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: join(dir, "db") });
  const s3 = await startS3Server({ buckets: ["bench"] });
  try {
    await migrate({ url: db.url });
    exportToProcessEnv({
      DATABASE_URL: db.url,
      SLUICE_SECRET_KEY: "bench-secret-key-0123456789abcdefghijklmnop",
      SLUICE_DATA_DIR: dir,
    });
    const { db: prisma } = await import("../lib/db");
    const { executeRun } = await import("../lib/ingest/pipeline");
    const { encryptSecrets } = await import("../lib/secrets/crypto");

    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
      // s3rver stores aws-chunked bodies verbatim; plain uploads keep the object intact.
      requestChecksumCalculation: "WHEN_REQUIRED",
    });
    const files: Record<string, string> = {};
    for (const [name, rows] of [
      ["small", rowsSmall],
      ["big", rowsBig],
    ] as const) {
      const path = join(dir, `${name}.csv`);
      console.log(
        `generating ${rows.toLocaleString()} rows over ${Math.min(hosts, rows).toLocaleString()} hosts…`,
      );
      await generate(path, rows, Math.min(hosts, rows));
      const size = (await stat(path)).size;
      await client.send(
        new PutObjectCommand({
          Bucket: "bench",
          Key: `${name}/findings.csv`,
          Body: createReadStream(path),
          ContentLength: size,
        }),
      );
      files[name] = path;
    }

    const tenant = await prisma.tenant.create({ data: { name: "Bench", slug: "bench" } });
    async function runOnce(prefix: string) {
      const connector = await prisma.connector.create({
        data: {
          tenantId: tenant.id,
          name: `bench ${prefix}`,
          type: "s3-csv",
          findingType: "VULNERABILITY",
          config: {
            bucket: "bench",
            region: "us-east-1",
            prefix: `${prefix}/`,
            authMode: "keys",
            endpoint: s3.endpoint,
            concurrency: 1,
          },
          secrets: encryptSecrets(
            { ...S3RVER_CREDENTIALS },
            "bench-secret-key-0123456789abcdefghijklmnop",
          ),
          identificationRules: {
            create: ["FQDN", "NETBIOS", "IP"].map((identifier, position) => ({
              identifier,
              position,
            })),
          },
        },
      });
      await addQualysScanTransformMap(prisma, { tenantId: tenant.id, connectorId: connector.id });
      const run = await prisma.run.create({
        data: { tenantId: tenant.id, connectorId: connector.id, trigger: "MANUAL" },
      });
      const rss = rssSampler();
      const cpu = await cpuSampler();
      const started = performance.now();
      await executeRun(run.id);
      const seconds = (performance.now() - started) / 1000;
      const peak = rss.stop();
      const cpuUsed = await cpu();
      const done = await prisma.run.findUniqueOrThrow({ where: { id: run.id } });
      if (done.state !== "PROCESSED") {
        const errors = await prisma.runError.findMany({ where: { runId: run.id }, take: 5 });
        throw new Error(`bench run ended ${done.state}: ${errors.map((e) => e.reason).join("; ")}`);
      }
      return {
        rows: done.rowsRead,
        created: done.created,
        rejected: done.rejected,
        seconds,
        rowsPerSec: done.rowsRead / seconds,
        peakRssMb: peak,
        cpuUsed,
      };
    }

    const small = await runOnce("small");
    console.log(
      `e2e ${small.rows.toLocaleString()} rows: ${small.rowsPerSec.toFixed(0)} rows/s in ${small.seconds.toFixed(1)} s, peak RSS ${small.peakRssMb} MB`,
    );
    console.log(small.cpuUsed);
    // csv-parse alone just before and just after the end-to-end run, averaged:
    // this machine's speed drifts over a minute, and one side alone would
    // measure the other at a different speed.
    const rawBefore = await rawParse(files.big);
    const big = await runOnce("big");
    console.log(
      `e2e ${big.rows.toLocaleString()} rows: ${big.rowsPerSec.toFixed(0)} rows/s in ${big.seconds.toFixed(1)} s, peak RSS ${big.peakRssMb} MB`,
    );
    console.log(big.cpuUsed);
    const rawAfter = await rawParse(files.big);
    const raw = (rawBefore + rawAfter) / 2;
    console.log(
      `raw csv-parse before and after: ${Math.round(rawBefore)} and ${Math.round(rawAfter)} rows/s`,
    );
    const result = {
      rows: big.rows,
      e2eRowsPerSec: Math.round(big.rowsPerSec),
      rawParseRowsPerSec: Math.round(raw),
      ratio: Number((big.rowsPerSec / raw).toFixed(3)),
      peakRssMb100k: small.peakRssMb,
      peakRssMb1M: big.peakRssMb,
    };
    console.log(
      `raw csv-parse: ${result.rawParseRowsPerSec} rows/s; ratio e2e/raw ${result.ratio}; RSS 1M/100k ${(big.peakRssMb / small.peakRssMb).toFixed(2)}`,
    );
    console.log(JSON.stringify(result));
    await mkdir(join(process.cwd(), "bench", "results"), { recursive: true });
    await writeFile(
      join(process.cwd(), "bench", "results", "csv.json"),
      JSON.stringify(result, null, 2) + "\n",
    );
    await prisma.$disconnect();
  } finally {
    await s3.stop();
    await db.stop();
    await rm(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

void main();
