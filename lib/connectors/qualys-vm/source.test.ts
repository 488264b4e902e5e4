import { fileURLToPath } from "node:url";

import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ConnectorError } from "@/lib/connectors/definition";
import { vulnerabilityFindingModel } from "@/lib/datamodels/vulnerability-finding";
import { explainHttpStatus } from "@/lib/qualys/errors";
import { QualysRequestError } from "@/lib/qualys/http";
import { QualysApiError } from "@/lib/qualys/simple-return";
import { collect, connectorContext, FAST_RETRY, recordingSleep } from "@/lib/qualys/test-support";
import {
  simpleReturnXml,
  startQualysServer,
  type QualysTestServer,
} from "@/test/support/qualys-server";

import { qualysVmConfigSchema, type QualysVmSecrets } from "./schema";
import { KnowledgeBaseCache, readQualysVm, type QualysVmReadOptions } from "./source";
import { testQualysVmConnection } from "./test";

const DETECTION_PATH = "/api/2.0/fo/asset/host/vm/detection/";
const KB_PATH = "/api/2.0/fo/knowledge_base/vuln/";

describe("Qualys VM source against the Qualys test server", () => {
  let server: QualysTestServer;

  beforeAll(async () => {
    server = await startQualysServer({ hostCount: 5, detectionsPerHost: 2 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const secrets = (password = server.password): QualysVmSecrets => ({
    username: server.username,
    password,
  });
  const context = (
    config: Record<string, unknown> = {},
    overrides: { password?: string; since?: Date | null } = {},
  ) => ({
    ...connectorContext(
      qualysVmConfigSchema.parse({ apiUrl: server.url, ...config }),
      secrets(overrides.password),
    ),
    since: overrides.since ?? null,
  });
  const fast = (extra: QualysVmReadOptions = {}): QualysVmReadOptions => ({
    retryPolicy: FAST_RETRY,
    sleep: recordingSleep(),
    truncationLimit: 2,
    knowledgeBaseCache: new KnowledgeBaseCache(),
    ...extra,
  });
  const calls = (path: string) => server.requests.filter((r) => r.path === path);

  it("follows truncation to the end: 5 hosts × 2 detections in 3 pages, enriched from the KB", async () => {
    const pages = await collect(readQualysVm(context(), fast()));
    expect(pages.map((page) => page.records.length)).toEqual([4, 4, 2]);
    expect(pages.every((page) => page.dataModel === "vulnerability-finding")).toBe(true);
    const records = pages.flatMap((page) => page.records);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(records.map((r) => r.record.hostId))).toEqual(
      new Set(server.hostIds().map(String)),
    );
    for (const { record } of records) {
      const checked = vulnerabilityFindingModel.recordSchema.safeParse(record);
      expect(checked.error?.issues ?? []).toEqual([]);
    }
    const qid = records[0].record.qid as number;
    expect(records[0].record).toMatchObject({
      ip: "198.51.100.1",
      hostId: "100001",
      dnsName: "host-100001.example.test",
      netbiosName: "HOST-100001",
      tags: ["Generated"],
      title: `Generated vulnerability ${qid}`,
      cves: [`CVE-2020-${qid}`],
      cvssBase: 5,
      cvss3Base: 7.5,
      solution: "Install the vendor update.",
      impact: "An attacker could read data.",
      category: "General remote services",
      port: 443,
      protocol: "tcp",
      ssl: true,
      type: "CONFIRMED",
      status: "ACTIVE",
      qds: 40,
      timesDetected: 3,
      firstDetected: new Date("2024-01-01T00:00:00Z"),
    });
    // Pages 2 and 3 are the URLs of the 1980 warnings, with id_min moving on.
    const detectionCalls = calls(DETECTION_PATH);
    expect(detectionCalls.map((r) => r.method)).toEqual(["POST", "GET", "GET"]);
    expect(detectionCalls.slice(1).map((r) => r.query.id_min)).toEqual(["100003", "100005"]);
    expect(detectionCalls.every((r) => r.headers["x-requested-with"])).toBe(true);
    expect(detectionCalls.every((r) => r.headers.authorization === server.basicAuthHeader())).toBe(
      true,
    );
    // Each page asks only for QIDs not seen yet in this run.
    const asked = calls(KB_PATH).flatMap((r) => r.form.ids.split(","));
    expect(asked).toHaveLength(new Set(asked).size);
  });

  it("asks the KnowledgeBase nothing on a second run when the cross-run cache is on", async () => {
    const cache = new KnowledgeBaseCache();
    await collect(readQualysVm(context(), fast({ knowledgeBaseCache: cache })));
    const first = calls(KB_PATH).length;
    expect(first).toBeGreaterThan(0);
    server.reset();
    await collect(readQualysVm(context(), fast({ knowledgeBaseCache: cache })));
    expect(calls(KB_PATH)).toHaveLength(0);
    server.reset();
    await collect(
      readQualysVm(context({ cacheKnowledgeBase: false }), fast({ knowledgeBaseCache: cache })),
    );
    expect(calls(KB_PATH)).toHaveLength(first);
  });

  it("asks only for detections processed since the last run", async () => {
    const since = new Date("2025-02-03T04:05:06.789Z");
    await collect(readQualysVm(context({}, { since }), fast()));
    expect(calls(DETECTION_PATH)[0].form).toMatchObject({
      action: "list",
      vm_processed_after: "2025-02-03T04:05:06Z",
      truncation_limit: "2",
    });
  });

  it("yields hosts as Host Asset records before detections when both are chosen", async () => {
    const pages = await collect(
      readQualysVm(context({ contentTypes: ["HOSTS", "VULNERABILITIES"] }), fast()),
    );
    expect(pages.map((page) => [page.dataModel, page.records.length])).toEqual([
      ["host-asset", 2],
      ["host-asset", 2],
      ["host-asset", 1],
      ["vulnerability-finding", 4],
      ["vulnerability-finding", 4],
      ["vulnerability-finding", 2],
    ]);
    expect(pages[0].records[0].record).toMatchObject({
      hostId: "100001",
      dnsName: "host-100001.example.test",
      operatingSystem: { name: "Linux 5.15" },
      networkInterfaces: [{ ipv4Address: "198.51.100.1" }],
    });
    expect(calls("/api/2.0/fo/asset/host/")[0].form).toMatchObject({ details: "All" });
    expect(pages.flatMap((page) => page.records).at(-1)?.line).toBe(15);
  });

  it("normalises an API URL with a trailing slash", async () => {
    const pages = await collect(readQualysVm(context({ apiUrl: `${server.url}/` }), fast()));
    expect(pages.flatMap((page) => page.records)).toHaveLength(10);
    expect(calls(DETECTION_PATH)).toHaveLength(3);
  });

  it("fails with the 401 explanation on wrong credentials, in the run and the test", async () => {
    const wrong = context({}, { password: "not-the-password" });
    const error = await collect(readQualysVm(wrong, fast())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QualysRequestError);
    expect((error as Error).message).toBe(explainHttpStatus(401).title);
    expect((error as QualysRequestError).details).toContain(
      "Qualys error 2000: Bad Login/Password",
    );

    const result = await testQualysVmConnection(wrong);
    expect(result).toMatchObject({ ok: false, title: explainHttpStatus(401).title });
    expect(JSON.stringify(result)).not.toContain("not-the-password");
  });

  it("fails the run with Qualys's reason when a SIMPLE_RETURN answers a page", async () => {
    server.inject({
      status: 200,
      pathPrefix: DETECTION_PATH,
      body: simpleReturnXml(1905, "parameter show_qds has invalid value: 7"),
      headers: { "content-type": "text/xml" },
    });
    const error = await collect(readQualysVm(context(), fast())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).cause).toBeInstanceOf(QualysApiError);
    expect((error as Error).message).toMatch(
      /^Qualys refused the request \(error 1905\): parameter show_qds has invalid value: 7/,
    );

    server.inject({
      status: 400,
      pathPrefix: DETECTION_PATH,
      body: simpleReturnXml(1905, "parameter ids has invalid value: abc123"),
    });
    const result = await testQualysVmConnection(context());
    expect(result).toMatchObject({ ok: false, title: explainHttpStatus(400).title });
    expect(result.ok || result.details).toContain("Qualys error 1905");
  });

  it("waits out 409 rate limits and 429s as Qualys asks, retries 500s, and loses no detection", async () => {
    server.inject({
      status: 409,
      pathPrefix: DETECTION_PATH,
      times: 3,
      headers: { "X-RateLimit-ToWait-Sec": "30", "X-RateLimit-Remaining": "0" },
    });
    server.inject({
      status: 429,
      pathPrefix: KB_PATH,
      times: 2,
      headers: { "Retry-After": "5" },
    });
    server.inject({ status: 503, pathPrefix: DETECTION_PATH, times: 2 });
    const sleep = recordingSleep();
    const pages = await collect(readQualysVm(context(), fast({ sleep })));
    expect(pages.flatMap((page) => page.records)).toHaveLength(10);
    expect(sleep.waits.filter((ms) => ms >= 30_000)).toHaveLength(3);
    expect(sleep.waits.filter((ms) => ms >= 5000 && ms < 30_000)).toHaveLength(2);
    expect(calls(DETECTION_PATH).map((r) => r.status)).toEqual([
      409, 409, 409, 503, 503, 200, 200, 200,
    ]);
  });

  it("refetches a detection page whose body was cut short", async () => {
    server.inject({ cutBodyAt: 0.6, pathPrefix: DETECTION_PATH });
    const pages = await collect(readQualysVm(context(), fast()));
    expect(pages.flatMap((page) => page.records)).toHaveLength(10);
    expect(calls(DETECTION_PATH)).toHaveLength(4);
  });

  it("refuses to follow a next-page URL on another origin", async () => {
    const other = await startQualysServer({
      files: {
        detections: fileURLToPath(
          new URL(
            "../../../test/support/qualys-fixtures/detections-truncated.xml",
            import.meta.url,
          ),
        ),
      },
    });
    try {
      const run = readQualysVm(
        {
          ...connectorContext(qualysVmConfigSchema.parse({ apiUrl: other.url }), {
            username: other.username,
            password: other.password,
          }),
          since: null,
        },
        fast(),
      );
      const first = await run.next();
      expect(first.value?.records.length).toBeGreaterThan(0);
      await expect(run.next()).rejects.toThrow(
        /qualysapi\.example\.test.*not the configured API URL/,
      );
      await expect(run.next()).resolves.toMatchObject({ done: true });
    } finally {
      await other.close();
    }
  });

  it("refuses the metadata address in the connection test", async () => {
    const result = await testQualysVmConnection({
      ...connectorContext(
        qualysVmConfigSchema.parse({ apiUrl: "http://169.254.169.254" }),
        secrets(),
      ),
    });
    expect(result).toMatchObject({
      ok: false,
      title: expect.stringMatching(/private or internal/),
    });
    expect(result.ok || result.details).toMatch(/metadata/);
  });

  it("passes the connection test with one host and one detection page of one", async () => {
    const result = await testQualysVmConnection(context({ contentTypes: ["VULNERABILITIES"] }));
    expect(result).toMatchObject({ ok: true });
    expect(calls("/api/2.0/fo/asset/host/")[0].form.truncation_limit).toBe("1");
    expect(calls(DETECTION_PATH)[0].form.truncation_limit).toBe("1");
    expect(calls(DETECTION_PATH)).toHaveLength(1);
  });

  it("explains 403, 404, 409 and 429 in the connection test", async () => {
    for (const status of [403, 404, 409, 429]) {
      server.reset();
      server.inject({ status, pathPrefix: "/api/" });
      const result = await testQualysVmConnection(context());
      expect(result).toMatchObject({ ok: false, title: explainHttpStatus(status).title });
    }
  });

  it("explains a DNS failure in the connection test", async () => {
    const result = await testQualysVmConnection(
      connectorContext(
        qualysVmConfigSchema.parse({ apiUrl: "https://qualysapi.does-not-exist.invalid" }),
        secrets(),
      ),
    );
    expect(result).toMatchObject({ ok: false, title: expect.stringMatching(/DNS lookup failed/) });
  });
});
