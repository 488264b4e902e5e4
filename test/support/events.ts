// What the event-intake tests and `npm run bench:events` share: Sluice's
// route handlers served over real HTTP, an s3-csv connector on the
// S3-compatible test server, small Qualys scan CSVs, S3 notifications and
// SQS-shaped Lambda batches as AWS writes them, and a counting proxy that
// shows how many objects Sluice reads at once.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import type { Db } from "@/lib/db/client";
import { addQualysScanTransformMap } from "./transform-maps";
import { qualysScanReportColumns } from "@/lib/ingest/templates/qualys-vm-scan-csv";
import { encryptSecrets } from "@/lib/secrets/crypto";

// `never`: any route's own params type is accepted; the server fills them from the path.
type RouteHandler = (
  request: NextRequest,
  context: { params: Promise<never> },
) => Promise<Response>;

export type Route = {
  /** Named groups become the route's params, e.g. /^\/api\/v1\/connectors\/(?<id>[^/]+)\/events$/. */
  path: RegExp;
  handlers: Partial<Record<"GET" | "POST", RouteHandler>>;
};

/** Serves Next.js route handlers from a plain node:http server (no build, real HTTP). */
export async function startRouteServer(routes: Route[]) {
  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const route = routes.find((r) => r.path.test(url.pathname));
      const handler = route?.handlers[req.method as "GET" | "POST"];
      if (!route || !handler) {
        res.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
          headers.append(name, v);
      }
      const request = new NextRequest(url, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const params = { ...(route.path.exec(url.pathname)?.groups ?? {}) };
      const response = await handler(request, {
        params: Promise.resolve(params) as Promise<never>,
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(599, { "content-type": "text/plain" }).end(String(error));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async stop() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

/**
 * An HTTP proxy in front of the S3 server that counts object reads in flight
 * (GET of a key, not of a listing), to check Sluice's concurrency bound.
 */
export async function startCountingProxy(target: string) {
  const upstream = new URL(target);
  const stats = { inFlight: 0, maxInFlight: 0, reads: 0 };
  const server = createServer((req, res) => {
    const isRead = req.method === "GET" && /^\/[^/?]+\/[^?]+/.test(req.url ?? "");
    if (isRead) {
      stats.reads++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    }
    let finished = false;
    const done = () => {
      if (isRead && !finished) stats.inFlight--;
      finished = true;
    };
    const forward = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("end", done);
        answer.on("error", done);
      },
    );
    forward.on("error", () => {
      done();
      res.writeHead(502).end();
    });
    res.on("close", done);
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    reset() {
      stats.maxInFlight = stats.inFlight;
      stats.reads = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A Qualys scan report with the full header and one detection per host given. */
export function scanCsv(hosts: { ip: string; dns: string; qid?: number; severity?: number }[]) {
  const lines = [qualysScanReportColumns.join(",")];
  for (const host of hosts) {
    const qid = host.qid ?? 105971;
    const cells = new Map<string, string>([
      ["IP", host.ip],
      ["Network", "Global Default Network"],
      ["DNS", host.dns],
      ["NetBIOS", host.dns.split(".")[0].toUpperCase()],
      ["Tracking Method", "IP"],
      ["OS", "Linux 5"],
      ["IP Status", "host scanned"],
      ["QID", String(qid)],
      ["Title", `Finding ${qid}`],
      ["Vuln Status", "Active"],
      ["Type", "Vuln"],
      ["Severity", String(host.severity ?? 4)],
      ["Port", "443"],
      ["Protocol", "tcp"],
      ["FQDN", host.dns],
      ["First Detected", "05/13/2021 09:10:11"],
      ["Last Detected", "05/25/2021 10:11:12"],
      ["Times Detected", "3"],
    ]);
    lines.push(qualysScanReportColumns.map((c) => cells.get(c) ?? "").join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

export const EVENT_BUCKET = "event-drops";

/** An s3-csv connector on the test S3 server (static keys), with the Qualys scan map. */
export async function createEventConnector(
  prisma: Db,
  options: {
    tenantId: string;
    endpoint: string;
    secretKey: string;
    prefix?: string;
    concurrency?: number;
    name?: string;
  },
) {
  const connector = await prisma.connector.create({
    data: {
      tenantId: options.tenantId,
      name: options.name ?? `events ${Math.random().toString(36).slice(2, 8)}`,
      type: "s3-csv",
      findingType: "VULNERABILITY",
      config: {
        bucket: EVENT_BUCKET,
        region: "us-east-1",
        prefix: options.prefix ?? "drops/",
        authMode: "keys",
        endpoint: options.endpoint,
        concurrency: options.concurrency ?? 2,
      },
      secrets: encryptSecrets(
        { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
        options.secretKey,
      ),
      identificationRules: {
        create: ["FQDN", "NETBIOS", "IP"].map((identifier, position) => ({ identifier, position })),
      },
    },
  });
  await addQualysScanTransformMap(prisma, {
    tenantId: options.tenantId,
    connectorId: connector.id,
  });
  return connector;
}

/** How S3 writes a key into a notification: form encoding, so a space is "+". */
export function encodeS3EventKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, "+");
}

/** One record of an S3 event notification, as S3 sends it (eTag unquoted). */
export function s3EventRecord(
  bucket: string,
  object: { key: string; eTag: string; size: number; encodedKey?: string },
  eventName = "ObjectCreated:Put",
) {
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "us-east-1",
    eventTime: new Date().toISOString(),
    eventName,
    userIdentity: { principalId: "AWS:AIDAEXAMPLE" },
    requestParameters: { sourceIPAddress: "203.0.113.10" },
    responseElements: { "x-amz-request-id": "EXAMPLE", "x-amz-id-2": "EXAMPLE" },
    s3: {
      s3SchemaVersion: "1.0",
      configurationId: "sluice",
      bucket: {
        name: bucket,
        ownerIdentity: { principalId: "EXAMPLE" },
        arn: `arn:aws:s3:::${bucket}`,
      },
      object: {
        key: object.encodedKey ?? encodeS3EventKey(object.key),
        size: object.size,
        eTag: object.eTag.replace(/"/g, ""),
        sequencer: Date.now().toString(16).toUpperCase().padStart(16, "0"),
      },
    },
  };
}

export const S3_TEST_EVENT = {
  Service: "Amazon S3",
  Event: "s3:TestEvent",
  Time: "2026-11-24T10:00:00.000Z",
  Bucket: EVENT_BUCKET,
  RequestId: "5582815E1AEA5ADF",
  HostId: "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
};

/** A Lambda SQS trigger event: one message per body, as the event source mapping delivers. */
export function sqsLambdaEvent(bodies: { id: string; body: unknown }[]) {
  return {
    Records: bodies.map(({ id, body }) => ({
      messageId: id,
      receiptHandle: `AQEB${id}`,
      body: typeof body === "string" ? body : JSON.stringify(body),
      attributes: {
        ApproximateReceiveCount: "1",
        SentTimestamp: String(Date.now()),
        SenderId: "AIDAIENQZJOLO23YVJ4VO",
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: "",
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:us-east-1:111122223333:sluice-events",
      awsRegion: "us-east-1",
    })),
  };
}
