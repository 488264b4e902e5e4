// Event-driven runs end to end, all real: PostgreSQL, pg-boss workers, the
// intake and template routes over HTTP, an S3-compatible server, and the
// forwarder Lambda taken from the downloaded template and run on SQS-shaped
// batches.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import YAML from "yaml";
import { signApiJwt } from "@/lib/auth/api-jwt";
import { exportToProcessEnv } from "@/lib/env";
import { createTenantWithUser, createTestDatabase, TEST_SECRET_KEY } from "@/test/support/db";
import {
  createEventConnector,
  EVENT_BUCKET,
  S3_TEST_EVENT,
  s3EventRecord,
  scanCsv,
  sqsLambdaEvent,
  startCountingProxy,
  startRouteServer,
} from "@/test/support/events";
import { startS3Server, S3RVER_CREDENTIALS, type S3Server } from "@/test/support/s3-server";

// The console's cookie session is the one edge not exercised here: callers
// use the intake token or a bearer JWT, which the route checks for real.
vi.mock("@/lib/auth/config", () => ({ auth: async () => null }));

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];
let s3: S3Server;
let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
let sluice: Awaited<ReturnType<typeof startRouteServer>>;
let workers: { stop: () => Promise<void> };
let client: S3Client;
let work: string;

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
  s3 = await startS3Server({ buckets: [EVENT_BUCKET, "someone-elses-bucket"] });
  proxy = await startCountingProxy(s3.endpoint);
  exportToProcessEnv({ SLUICE_DATA_DIR: s3.directory });
  work = await mkdtemp(join(tmpdir(), "sluice-events-"));
  const events = await import("@/app/api/v1/connectors/[id]/events/route");
  const template = await import("@/app/api/v1/connectors/[id]/events/template/route");
  sluice = await startRouteServer([
    { path: /^\/api\/v1\/connectors\/(?<id>[^/]+)\/events$/, handlers: { POST: events.POST } },
    {
      path: /^\/api\/v1\/connectors\/(?<id>[^/]+)\/events\/template$/,
      handlers: { GET: template.GET },
    },
  ]);
  const { startWorkers } = await import("@/lib/jobs/boss");
  workers = await startWorkers({ mode: "worker" });
  client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await sluice?.stop();
  await proxy?.stop();
  await s3?.stop();
  await rm(work, { recursive: true, force: true });
});

async function put(key: string, body: string) {
  const result = await client.send(
    new PutObjectCommand({ Bucket: EVENT_BUCKET, Key: key, Body: body }),
  );
  return { key, eTag: result.ETag!, size: Buffer.byteLength(body) };
}

async function setup(options: { prefix: string; concurrency?: number; role?: "viewer" }) {
  const { tenant, user } = await createTenantWithUser(prisma, options.role ?? "operator");
  const connector = await createEventConnector(prisma, {
    tenantId: tenant.id,
    endpoint: proxy.endpoint,
    secretKey: TEST_SECRET_KEY,
    prefix: options.prefix,
    concurrency: options.concurrency,
  });
  const { rotateIntakeToken } = await import("./service");
  const { token } = await rotateIntakeToken({
    tenantId: tenant.id,
    connectorId: connector.id,
    userId: user.id,
  });
  return { tenant, user, connector, token };
}

function post(connectorId: string, token: string | null, body: unknown) {
  return fetch(`${sluice.url}/api/v1/connectors/${connectorId}/events`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await read();
  }
  return value;
}

async function ledger(connectorId: string) {
  return prisma.ingestLedgerEntry.findMany({
    where: { connectorId },
    orderBy: { sourceKey: "asc" },
    select: { sourceKey: true, version: true, status: true, detail: true },
  });
}

/** Waits until the connector's queued jobs are all taken and its runs finished. */
async function settled(connectorId: string, ms = 30_000) {
  const { eventIntakeStats } = await import("./repository");
  await waitFor(
    async () => ({
      stats: await eventIntakeStats(connectorId, "connector.object"),
      open: await prisma.run.count({
        where: { connectorId, state: { in: ["QUEUED", "PROCESSING"] } },
      }),
    }),
    (v) => v.stats.queued === 0 && v.stats.inProgress === 0 && v.open === 0,
    ms,
  );
}

async function rowsIngested(connectorId: string) {
  const sum = await prisma.run.aggregate({ where: { connectorId }, _sum: { rowsRead: true } });
  return sum._sum.rowsRead ?? 0;
}

describe("forwarder Lambda from the downloaded template, against Sluice", () => {
  it("delivers SQS batches to the intake, and reports only the message Sluice refused", async () => {
    const { tenant, user, connector, token } = await setup({ prefix: "lambda/" });
    const jwt = await signApiJwt({ userId: user.id, tenantId: tenant.id });

    const download = await fetch(
      `${sluice.url}/api/v1/connectors/${connector.id}/events/template?variant=sqs&sluiceUrl=${encodeURIComponent("https://sluice.example.com")}&batchSize=10&reservedConcurrency=5`,
      { headers: { authorization: `Bearer ${jwt}` } },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toBe(
      `attachment; filename="sluice-${connector.id}-sqs.yaml"`,
    );
    const yaml = await download.text();
    expect(yaml).not.toContain(token);
    const doc = YAML.parse(yaml);
    expect(doc.Parameters.ConnectorId.Default).toBe(connector.id);
    expect(doc.Parameters.BucketName.Default).toBe(EVENT_BUCKET);
    expect(doc.Parameters.Prefix.Default).toBe("lambda/");
    expect(doc.Parameters.IntakeToken).toMatchObject({ NoEcho: true });
    expect(doc.Parameters.IntakeToken.Default).toBeUndefined();

    // The customer's Lambda: the template's inline code, with the stack's environment.
    const dir = await mkdtemp(join(work, "forwarder-"));
    await writeFile(join(dir, "index.js"), doc.Resources.ForwarderFunction.Properties.Code.ZipFile);
    const { handler } = createRequire(__filename)(join(dir, "index.js")) as {
      handler: (event: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
    };
    vi.stubEnv("SLUICE_URL", `${sluice.url}/`);
    vi.stubEnv("CONNECTOR_ID", connector.id);
    vi.stubEnv("INTAKE_TOKEN", token);
    vi.stubEnv("KEY_PREFIX", doc.Parameters.Prefix.Default);
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);

    const a = await put("lambda/hosts-a.csv", scanCsv([{ ip: "10.1.0.1", dns: "a.example.test" }]));
    // A space, a literal plus and a literal "%20": S3 sends Q3+report%2Bv2+100%2520.csv.
    const odd = await put(
      "lambda/Q3 report+v2 100%20.csv",
      scanCsv([{ ip: "10.1.0.2", dns: "b.example.test" }]),
    );
    const sns = await put(
      "lambda/hosts-c.csv",
      scanCsv([{ ip: "10.1.0.3", dns: "c.example.test" }]),
    );
    const broken = s3EventRecord(EVENT_BUCKET, { key: "lambda/broken.csv", eTag: "x", size: 1 });
    delete (broken as Partial<typeof broken>).eventTime;

    const result = await handler(
      sqsLambdaEvent([
        { id: "m-a", body: { Records: [s3EventRecord(EVENT_BUCKET, a)] } },
        { id: "m-odd", body: { Records: [s3EventRecord(EVENT_BUCKET, odd)] } },
        {
          id: "m-sns",
          body: {
            Type: "Notification",
            MessageId: "sns-1",
            TopicArn: "arn:aws:sns:us-east-1:111122223333:uploads",
            Message: JSON.stringify({ Records: [s3EventRecord(EVENT_BUCKET, sns)] }),
          },
        },
        { id: "m-test", body: S3_TEST_EVENT },
        { id: "m-broken", body: { Records: [broken] } },
      ]),
    );
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "m-broken" }]);
    expect(logged.mock.calls.flat().join(" ")).toContain("Sluice answered HTTP 400");
    vi.unstubAllEnvs();
    logged.mockRestore();

    await settled(connector.id);
    expect(await ledger(connector.id)).toEqual([
      {
        sourceKey: `s3://${EVENT_BUCKET}/lambda/Q3 report+v2 100%20.csv`,
        version: odd.eTag.replace(/"/g, ""),
        status: "INGESTED",
        detail: null,
      },
      {
        sourceKey: `s3://${EVENT_BUCKET}/lambda/hosts-a.csv`,
        version: a.eTag.replace(/"/g, ""),
        status: "INGESTED",
        detail: null,
      },
      {
        sourceKey: `s3://${EVENT_BUCKET}/lambda/hosts-c.csv`,
        version: sns.eTag.replace(/"/g, ""),
        status: "INGESTED",
        detail: null,
      },
    ]);
    const hosts = await prisma.asset.findMany({
      where: { tenantId: tenant.id },
      select: { name: true },
      orderBy: { name: "asc" },
    });
    expect(hosts).toHaveLength(3);
    const runs = await prisma.run.findMany({ where: { connectorId: connector.id } });
    expect(runs.every((r) => r.trigger === "S3_EVENT" && r.state === "PROCESSED")).toBe(true);
  }, 60_000);
});

describe("intake", () => {
  it("ingests an object once however often and however concurrently its event arrives", async () => {
    const { tenant, connector, token } = await setup({ prefix: "dup/" });
    const v1 = await put("dup/scan.csv", scanCsv([{ ip: "10.2.0.1", dns: "dup.example.test" }]));
    const event = { Records: [s3EventRecord(EVENT_BUCKET, v1)] };

    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(connector.id, token, event)),
    );
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202, 202, 202]);
    const twiceInOne = await post(connector.id, token, {
      Records: [s3EventRecord(EVENT_BUCKET, v1), s3EventRecord(EVENT_BUCKET, v1)],
    });
    expect(await twiceInOne.json()).toEqual({
      accepted: 1,
      skipped: 0,
      ignored: 0,
      testEvents: 0,
      duplicates: 1,
    });
    await settled(connector.id);
    expect(await ledger(connector.id)).toHaveLength(1);
    expect(await rowsIngested(connector.id)).toBe(1);

    // Rewritten with other content: a new ETag, so a new version to ingest.
    const v2 = await put(
      "dup/scan.csv",
      scanCsv([{ ip: "10.2.0.1", dns: "dup.example.test", severity: 5 }]),
    );
    expect(v2.eTag).not.toBe(v1.eTag);
    await post(connector.id, token, { Records: [s3EventRecord(EVENT_BUCKET, v2)] });
    await settled(connector.id);
    const entries = await ledger(connector.id);
    expect(entries.map((e) => [e.version, e.status]).sort()).toEqual(
      [
        [v1.eTag.replace(/"/g, ""), "INGESTED"],
        [v2.eTag.replace(/"/g, ""), "INGESTED"],
      ].sort(),
    );
    expect(await rowsIngested(connector.id)).toBe(2);
    const finding = await prisma.finding.findFirstOrThrow({
      where: { tenantId: tenant.id, qid: 105971 },
    });
    expect(finding.severity).toBe(5);

    // A late redelivery of the first version starts no run at all.
    const runsBefore = await prisma.run.count({ where: { connectorId: connector.id } });
    await post(connector.id, token, event);
    await settled(connector.id);
    expect(await prisma.run.count({ where: { connectorId: connector.id } })).toBe(runsBefore);

    // A scheduled scan of the prefix agrees with the events (quoted listing ETags and unquoted event ETags).
    const { executeRun } = await import("@/lib/ingest/pipeline");
    const scan = await prisma.run.create({
      data: { tenantId: tenant.id, connectorId: connector.id, trigger: "SCHEDULE" },
    });
    await executeRun(scan.id);
    expect(await prisma.run.findUniqueOrThrow({ where: { id: scan.id } })).toMatchObject({
      state: "PROCESSED",
      objectsTotal: 1,
      rowsRead: 0,
    });
  });

  it("answers a TestEvent, records non-CSV objects as skipped and ignores what is not this connector's", async () => {
    const { connector, token } = await setup({ prefix: "mixed/" });
    const csv = await put("mixed/one.csv", scanCsv([{ ip: "10.3.0.1", dns: "m.example.test" }]));
    const record = (key: string, bucket = EVENT_BUCKET, eventName?: string) =>
      s3EventRecord(bucket, { key, eTag: "0123456789abcdef", size: 10 }, eventName);
    const response = await post(connector.id, token, [
      S3_TEST_EVENT,
      {
        Records: [
          s3EventRecord(EVENT_BUCKET, csv),
          record("mixed/readme.txt"),
          record("mixed/one.csv", "someone-elses-bucket"),
          record("elsewhere/two.csv"),
          record("mixed/gone.csv", EVENT_BUCKET, "ObjectRemoved:Delete"),
          record("mixed/folder/"),
        ],
      },
    ]);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 1,
      skipped: 1,
      ignored: 4,
      testEvents: 1,
      duplicates: 0,
    });
    const onlyTest = await post(connector.id, token, S3_TEST_EVENT);
    expect(await onlyTest.json()).toMatchObject({ accepted: 0, testEvents: 1 });
    await settled(connector.id);
    expect((await ledger(connector.id)).map((e) => [e.sourceKey, e.status, e.detail])).toEqual([
      [`s3://${EVENT_BUCKET}/mixed/one.csv`, "INGESTED", null],
      [`s3://${EVENT_BUCKET}/mixed/readme.txt`, "SKIPPED", "not a .csv object"],
    ]);
  });

  it("takes the connector's intake token or an operator's JWT, and nothing else", async () => {
    const { tenant, user, connector, token } = await setup({ prefix: "auth/" });
    const other = await setup({ prefix: "auth/" });
    const { token: viewerJwt } = await (async () => {
      const viewer = await prisma.user.create({
        data: {
          tenantId: tenant.id,
          email: `viewer-${connector.id}@example.test`,
          name: "viewer",
          role: "viewer",
          passwordHash: "x",
        },
      });
      return { token: await signApiJwt({ userId: viewer.id, tenantId: tenant.id }) };
    })();
    const jwt = await signApiJwt({ userId: user.id, tenantId: tenant.id });
    const body = S3_TEST_EVENT;

    const missing = await post(connector.id, null, body);
    expect(missing.status).toBe(401);
    expect((await missing.json()).error.code).toBe("unauthorized");
    expect((await post(connector.id, `${token}x`, body)).status).toBe(401);
    expect((await post(connector.id, other.token, body)).status).toBe(401);
    const unknown = await post("00000000-0000-4000-8000-000000000000", token, body);
    expect(unknown.status).toBe(401);
    expect((await post(connector.id, jwt, body)).status).toBe(202);
    expect((await post(connector.id, viewerJwt, body)).status).toBe(403);
    expect((await post(other.connector.id, jwt, body)).status).toBe(404);

    const { rotateIntakeToken } = await import("./service");
    const rotated = await rotateIntakeToken({
      tenantId: tenant.id,
      connectorId: connector.id,
      userId: user.id,
    });
    expect((await post(connector.id, token, body)).status).toBe(401);
    expect((await post(connector.id, rotated.token, body)).status).toBe(202);
    const stored = await prisma.connector.findUniqueOrThrow({
      where: { id: connector.id },
      select: { intakeTokenHash: true },
    });
    expect(stored.intakeTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.intakeTokenHash).not.toContain(rotated.token);

    const notJson = await post(connector.id, rotated.token, "{");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/must be JSON/);
    const malformed = await post(connector.id, rotated.token, {
      Records: [{ eventSource: "aws:s3" }],
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.message).toMatch(/Records\[0\]\.eventVersion/);

    const vm = await prisma.connector.create({
      data: { tenantId: tenant.id, name: "vm", type: "qualys-vm", findingType: "VULNERABILITY" },
    });
    const wrongType = await post(vm.id, jwt, body);
    expect(wrongType.status).toBe(409);
    expect((await wrongType.json()).error.message).toMatch(/do not take S3 events/);
  });

  it("accepts a burst in batches of 10 at once, then ingests each object once, never more at a time than the setting", async () => {
    const { tenant, connector, token } = await setup({ prefix: "burst/", concurrency: 3 });
    const objects = [];
    for (let i = 0; i < 300; i += 20) {
      objects.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, j) =>
            put(
              `burst/file-${i + j}.csv`,
              scanCsv([
                { ip: `10.9.${(i + j) >> 8}.${(i + j) & 255}`, dns: `h${i + j}.burst.test` },
              ]),
            ),
          ),
        )),
      );
    }
    const batches = [];
    for (let i = 0; i < objects.length; i += 10) {
      batches.push({
        Records: objects.slice(i, i + 10).map((o) => s3EventRecord(EVENT_BUCKET, o)),
      });
    }
    // SQS delivers at least once: every fourth batch arrives twice.
    const deliveries = [...batches, ...batches.filter((_, i) => i % 4 === 0)];
    proxy.reset();
    const started = Date.now();
    const answers = await Promise.all(deliveries.map((b) => post(connector.id, token, b)));
    const intakeMs = Date.now() - started;
    expect(answers.every((r) => r.status === 202)).toBe(true);
    const accepted = (await Promise.all(answers.map((r) => r.json()))).reduce(
      (sum, r: { accepted: number }) => sum + r.accepted,
      0,
    );
    expect(accepted).toBe(deliveries.length * 10);
    expect(intakeMs).toBeLessThan(10_000);

    await settled(connector.id, 120_000);
    const entries = await ledger(connector.id);
    expect(entries).toHaveLength(300);
    expect(entries.every((e) => e.status === "INGESTED")).toBe(true);
    expect(await prisma.asset.count({ where: { tenantId: tenant.id } })).toBe(300);
    expect(await rowsIngested(connector.id)).toBe(300);
    expect(proxy.stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(proxy.stats.maxInFlight).toBeGreaterThanOrEqual(2);
  }, 180_000);
});

describe("Process existing objects", () => {
  it("lists the prefix page by page and ingests only what the ledger lacks, once", async () => {
    const { tenant, connector, token } = await setup({ prefix: "old/", concurrency: 4 });
    const objects = [];
    for (let i = 0; i < 23; i++) {
      objects.push(await put(`old/f${i}.csv`, scanCsv([{ ip: `10.4.0.${i}`, dns: `o${i}.test` }])));
    }
    await put("old/readme.txt", "not a scan");
    await post(connector.id, token, {
      Records: objects.slice(0, 5).map((o) => s3EventRecord(EVENT_BUCKET, o)),
    });
    await settled(connector.id);
    expect(await ledger(connector.id)).toHaveLength(5);

    const { runBackfill, startBackfill } = await import("./backfill");
    const run = await prisma.run.create({
      data: { tenantId: tenant.id, connectorId: connector.id, trigger: "BACKFILL" },
    });
    // Four keys per page: the 24 objects take six ListObjectsV2 pages with continuation.
    expect(await runBackfill(run.id, { pageSize: 4 })).toBe("PROCESSED");
    expect(await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      state: "PROCESSED",
      objectsTotal: 19,
      objectsDone: 19,
      skipped: 1,
      rowsRead: 18,
    });
    const entries = await ledger(connector.id);
    expect(entries).toHaveLength(24);
    expect(entries.filter((e) => e.status === "INGESTED")).toHaveLength(23);
    expect(await prisma.asset.count({ where: { tenantId: tenant.id } })).toBe(23);

    // Through the job, as the button does: nothing is left, so nothing is read.
    const again = await startBackfill({ tenantId: tenant.id, connectorId: connector.id });
    const done = await waitFor(
      () => prisma.run.findUniqueOrThrow({ where: { id: again.runId } }),
      (r) => r.state === "PROCESSED" || r.state === "FAILED",
    );
    expect(done).toMatchObject({ state: "PROCESSED", trigger: "BACKFILL", objectsTotal: 0 });
    expect(await rowsIngested(connector.id)).toBe(23);
  }, 60_000);
});
