// `npm run bench:events`: a burst of S3 upload events, as the SQS forwarder
// delivers them (batches of 10), against the real intake route over HTTP,
// with pg-boss workers ingesting the objects from an S3-compatible server
// into embedded PostgreSQL. Measures how fast events are accepted and how
// fast the objects end up in the inventory, and checks that each object is
// ingested exactly once. Prints the figures and writes
// bench/results/events.json. Not part of `npm test`.
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import Module, { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { migrate } from "../lib/db/migrate";
import { exportToProcessEnv } from "../lib/env";
import {
  createEventConnector,
  EVENT_BUCKET,
  s3EventRecord,
  scanCsv,
  startRouteServer,
} from "../test/support/events";
import { startS3Server, S3RVER_CREDENTIALS } from "../test/support/s3-server";

// The intake route runs here without Next.js. Two imports of its auth module
// need the Next.js server: next-auth's session (stubbed: the bench sends the
// intake token, never a cookie) and next/navigation, which in the react-server
// condition must be its server build, as Next.js itself resolves it.
const requireHere = createRequire(__filename);
const resolver = Module as unknown as {
  _resolveFilename: (
    request: string,
    parent: { filename?: string } | undefined,
    ...rest: unknown[]
  ) => string;
};
const resolve = resolver._resolveFilename;
resolver._resolveFilename = function (request, parent, ...rest) {
  if (request === "next/navigation")
    return requireHere.resolve("next/dist/client/components/navigation.react-server");
  if (request === "./config" && parent?.filename?.endsWith(join("lib", "auth", "session.ts")))
    return requireHere.resolve("../test/support/no-session.ts");
  return resolve.call(this, request, parent, ...rest);
};

const SECRET = "bench-secret-key-0123456789abcdefghijklmnop";
// BENCH_EVENTS: a smaller burst for a quick try (as bench/csv.ts reads BENCH_ROWS).
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const BATCH = 10;
// Requests in flight from the "forwarder": Lambda with a reserved concurrency of 16.
const SENDERS = 16;
// The connector's setting: objects ingested at once.
const CONCURRENCY = 8;

async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), "sluice-bench-events-"));
  await chmod(dir, 0o755);
  const database = await startEmbeddedPostgres({ dataDir: join(dir, "db") });
  const s3 = await startS3Server({ buckets: [EVENT_BUCKET] });
  let stopWorkers: (() => Promise<void>) | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  try {
    await migrate({ url: database.url });
    exportToProcessEnv({
      DATABASE_URL: database.url,
      SLUICE_SECRET_KEY: SECRET,
      SLUICE_DATA_DIR: dir,
    });
    const { db } = await import("../lib/db");
    const { rotateIntakeToken } = await import("../lib/events/service");
    const { startWorkers } = await import("../lib/jobs/boss");
    const route = await import("../app/api/v1/connectors/[id]/events/route");

    const client = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
      requestChecksumCalculation: "WHEN_REQUIRED",
    });
    console.log(`uploading ${EVENTS.toLocaleString()} small CSV objects…`);
    const objects: { key: string; eTag: string; size: number }[] = new Array(EVENTS);
    await pool(
      Array.from({ length: EVENTS }, (_, i) => i),
      32,
      async (i) => {
        const key = `burst/${String(i).padStart(5, "0")} scan.csv`;
        const body = scanCsv([
          { ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, dns: `h${i}.bench.test` },
        ]);
        const put = await client.send(
          new PutObjectCommand({ Bucket: EVENT_BUCKET, Key: key, Body: body }),
        );
        objects[i] = { key, eTag: put.ETag!, size: Buffer.byteLength(body) };
      },
    );

    const tenant = await db.tenant.create({ data: { name: "Bench", slug: "bench" } });
    const user = await db.user.create({
      data: {
        tenantId: tenant.id,
        email: "bench@example.test",
        name: "bench",
        role: "operator",
        passwordHash: "unused",
      },
    });
    const connector = await createEventConnector(db, {
      tenantId: tenant.id,
      endpoint: s3.endpoint,
      secretKey: SECRET,
      prefix: "burst/",
      concurrency: CONCURRENCY,
    });
    const { token } = await rotateIntakeToken({
      tenantId: tenant.id,
      connectorId: connector.id,
      userId: user.id,
    });
    const server = await startRouteServer([
      { path: /^\/api\/v1\/connectors\/(?<id>[^/]+)\/events$/, handlers: { POST: route.POST } },
    ]);
    stopServer = server.stop;
    stopWorkers = (await startWorkers({ mode: "worker" })).stop;

    const batches: string[] = [];
    for (let i = 0; i < EVENTS; i += BATCH) {
      batches.push(
        JSON.stringify({
          Records: objects.slice(i, i + BATCH).map((o) => s3EventRecord(EVENT_BUCKET, o)),
        }),
      );
    }
    console.log(
      `posting ${EVENTS.toLocaleString()} events in ${batches.length} batches of ${BATCH}, ${SENDERS} at a time…`,
    );
    let accepted = 0;
    let refused = 0;
    const started = performance.now();
    await pool(batches, SENDERS, async (body) => {
      const response = await fetch(`${server.url}/api/v1/connectors/${connector.id}/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body,
      });
      if (response.status === 202)
        accepted += ((await response.json()) as { accepted: number }).accepted;
      else {
        refused++;
        console.error(`HTTP ${response.status}: ${await response.text()}`);
      }
    });
    const intakeSeconds = (performance.now() - started) / 1000;
    console.log(
      `intake: ${accepted.toLocaleString()} accepted, ${refused} refused in ${intakeSeconds.toFixed(2)} s`,
    );

    const ingested = () =>
      db.ingestLedgerEntry.count({
        where: { connectorId: connector.id, status: { in: ["INGESTED", "FAILED"] } },
      });
    let last = -1;
    for (;;) {
      const count = await ingested();
      const open = await db.run.count({
        where: { connectorId: connector.id, state: { in: ["QUEUED", "PROCESSING"] } },
      });
      if (count !== last) {
        const elapsed = (performance.now() - started) / 1000;
        console.log(`  ${count.toLocaleString()} objects done after ${elapsed.toFixed(1)} s`);
        last = count;
      }
      if (count >= EVENTS && open === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const totalSeconds = (performance.now() - started) / 1000;

    const objectsIngested = await db.ingestLedgerEntry.count({
      where: { connectorId: connector.id, status: "INGESTED" },
    });
    const rows = await db.run.aggregate({
      where: { connectorId: connector.id },
      _sum: { rowsRead: true },
      _count: true,
    });
    const assets = await db.asset.count({ where: { tenantId: tenant.id } });
    // One row per object: any row read beyond one per object is a second ingest.
    const duplicateIngests = (rows._sum.rowsRead ?? 0) - objectsIngested;
    const result = {
      events: EVENTS,
      intakeEventsPerSec: Math.round(accepted / intakeSeconds),
      objectsPerSec: Math.round((objectsIngested / totalSeconds) * 10) / 10,
      objectsIngested,
      duplicateIngests,
    };
    console.log(
      `intake ${result.intakeEventsPerSec} events/s (${intakeSeconds.toFixed(2)} s for ${EVENTS}); ` +
        `end to end ${result.objectsPerSec} objects/s (${totalSeconds.toFixed(1)} s), ` +
        `${rows._count} runs, concurrency ${CONCURRENCY}; ledger ${objectsIngested} ingested, ` +
        `inventory ${assets} assets, ${duplicateIngests} duplicate ingests`,
    );
    console.log(JSON.stringify(result));
    await mkdir(join(process.cwd(), "bench", "results"), { recursive: true });
    await writeFile(
      join(process.cwd(), "bench", "results", "events.json"),
      JSON.stringify(result, null, 2) + "\n",
    );
    if (
      accepted !== EVENTS ||
      objectsIngested !== EVENTS ||
      assets !== EVENTS ||
      duplicateIngests !== 0
    ) {
      process.exitCode = 1;
      console.error("FAILED: every event must be accepted and every object ingested exactly once");
    }
  } finally {
    await stopWorkers?.().catch(() => {});
    await stopServer?.().catch(() => {});
    const { db } = await import("../lib/db");
    await db.$disconnect().catch(() => {});
    const { pool: pgPool } = await import("../lib/db/pool");
    await pgPool()
      .end()
      .catch(() => {});
    await s3.stop();
    await database.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  // pg-boss and the intake's pool keep timers and sockets; the figures are written.
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
