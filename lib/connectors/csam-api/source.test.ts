import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ConnectorError } from "@/lib/connectors/definition";
import { hostAssetModel } from "@/lib/datamodels/host-asset";
import { explainHttpStatus } from "@/lib/qualys/errors";
import { QualysRequestError } from "@/lib/qualys/http";
import { collect, connectorContext, FAST_RETRY, recordingSleep } from "@/lib/qualys/test-support";
import { startQualysServer, type QualysTestServer } from "@/test/support/qualys-server";

import { csamApiConfigSchema, type CsamApiSecrets } from "./schema";
import { readCsamAssets, type CsamReadOptions } from "./source";
import { testCsamConnection } from "./test";

describe("CSAM API source against the Qualys test server", () => {
  let server: QualysTestServer;

  beforeAll(async () => {
    server = await startQualysServer({ assetCount: 7 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.tokens.clear();
  });

  const secrets = (): CsamApiSecrets => ({ username: server.username, password: server.password });
  const context = (
    config: Record<string, unknown> = {},
    overrides: { secrets?: CsamApiSecrets; since?: Date | null; allowPrivate?: boolean } = {},
  ) => ({
    ...connectorContext(
      csamApiConfigSchema.parse({ baseUrl: server.url, ...config }),
      overrides.secrets ?? secrets(),
      { allowPrivateNetworks: overrides.allowPrivate ?? true },
    ),
    since: overrides.since ?? null,
  });
  const fast = (extra: CsamReadOptions = {}): CsamReadOptions => ({
    retryPolicy: FAST_RETRY,
    sleep: recordingSleep(),
    pageSize: 3,
    ...extra,
  });
  const searches = () => server.requests.filter((r) => r.path === "/rest/2.0/search/am/asset");
  const auths = () => server.requests.filter((r) => r.path === "/auth");

  it("pages through 7 assets in 3 pages with one token and exact 19-digit IDs", async () => {
    const pages = await collect(readCsamAssets(context(), fast()));
    expect(pages.map((page) => page.records.length)).toEqual([3, 3, 1]);
    const records = pages.flatMap((page) => page.records);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(records.map((r) => r.record.assetId)).toEqual(
      server.assets().map((asset) => asset.assetId),
    );
    expect(pages.every((page) => page.sourceKey === null && page.errors.length === 0)).toBe(true);
    expect(pages.every((page) => page.dataModel === "host-asset")).toBe(true);
    // Token reused: one sign-in for three searches, each with the previous page's last ID.
    expect(auths()).toHaveLength(1);
    expect(searches().map((r) => r.query.lastSeenAssetId)).toEqual([
      "0",
      server.assets()[2].assetId,
      server.assets()[5].assetId,
    ]);
    expect(searches().every((r) => r.query.pageSize === "3")).toBe(true);
    const bearer = new Set(searches().map((r) => r.headers.authorization));
    expect(bearer.size).toBe(1);
  });

  it("yields Host Asset records the model's schema accepts, with software lists", async () => {
    const [page] = await collect(readCsamAssets(context(), fast({ pageSize: 300 })));
    expect(page.records).toHaveLength(7);
    for (const { record } of page.records) {
      const checked = hostAssetModel.recordSchema.safeParse(record);
      expect(checked.error?.issues ?? []).toEqual([]);
    }
    expect(page.records[0].record).toMatchObject({
      assetUuid: "00000000-0000-4000-8000-000000000000",
      hostId: "100001",
      dnsName: "asset-1.example.test",
      netbiosName: "ASSET-1",
      bios: { serialNumber: "SN-0" },
      operatingSystem: { name: "Ubuntu 22.04 LTS", version: "22.04", architecture: "x86_64" },
      networkInterfaces: [
        { name: "eth0", ipv4Address: "203.0.113.1", macAddress: "02:00:00:00:00:00" },
      ],
      software: [
        { name: "OpenSSH", version: "8.9" },
        { name: "curl", version: "7.81" },
      ],
      openPorts: [{ port: 22, protocol: "TCP", detectedService: "ssh" }],
    });
  });

  it("sends the tag filter, and an updated-since filter once there was a run", async () => {
    const since = new Date("2025-03-04T05:06:07.890Z");
    const pages = await collect(
      readCsamAssets(context({ tagFilter: " PCI, Production ,PCI" }, { since }), fast()),
    );
    // Tags cycle Production, Development, PCI: 5 of the 7 assets match.
    expect(pages.flatMap((page) => page.records)).toHaveLength(5);
    expect(JSON.parse(searches()[0].body)).toEqual({
      filters: [
        { field: "tags.name", operator: "IN", value: "PCI,Production" },
        { field: "asset.lastUpdated", operator: "GREATER", value: "2025-03-04T05:06:07Z" },
      ],
    });
  });

  it("normalises a base URL with trailing slashes", async () => {
    const config = csamApiConfigSchema.parse({ baseUrl: `${server.url}//` });
    expect(config.baseUrl).toBe(server.url);
    const pages = await collect(readCsamAssets(context({ baseUrl: `${server.url}/` }), fast()));
    expect(pages.flatMap((page) => page.records)).toHaveLength(7);
    expect(server.requests.every((r) => !r.path.startsWith("//"))).toBe(true);
  });

  it("renews the token once when the gateway rejects it mid-run", async () => {
    const run = readCsamAssets(context(), fast());
    const first = await run.next();
    expect(first.done).toBe(false);
    server.tokens.clear(); // the gateway revokes every token
    const rest = await collect({ [Symbol.asyncIterator]: () => run });
    expect([first.value, ...rest].flatMap((page) => page?.records ?? [])).toHaveLength(7);
    expect(auths()).toHaveLength(2);
    expect(searches().filter((r) => r.status === 401)).toHaveLength(1);
  });

  it("fails with the 401 explanation when the renewed token is rejected too", async () => {
    server.inject({ status: 401, pathPrefix: "/rest/", times: 2 });
    const error = await collect(readCsamAssets(context(), fast())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QualysRequestError);
    expect((error as Error).message).toBe(explainHttpStatus(401).title);
    expect(auths()).toHaveLength(2);
  });

  it("rejects wrong credentials with the 401 explanation, in the run and the test", async () => {
    const wrong = context({}, { secrets: { username: server.username, password: "wrong" } });
    const error = await collect(readCsamAssets(wrong, fast())).catch((e: unknown) => e);
    // A ConnectorError: the pipeline shows its message as the run's reason.
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as Error).message).toBe(explainHttpStatus(401).title);

    const result = await testCsamConnection(wrong);
    expect(result).toMatchObject({
      ok: false,
      title: explainHttpStatus(401).title,
      checks: explainHttpStatus(401).checks,
    });
    expect(JSON.stringify(result)).not.toContain("wrong");
  });

  it("rides out a 429 storm, waiting as asked, and loses no asset", async () => {
    server.inject({
      status: 429,
      pathPrefix: "/rest/",
      times: 4,
      headers: { "X-RateLimit-ToWait-Sec": "2", "X-RateLimit-Limit": "300" },
    });
    const sleep = recordingSleep();
    const pages = await collect(readCsamAssets(context(), fast({ sleep })));
    expect(pages.flatMap((page) => page.records)).toHaveLength(7);
    expect(sleep.waits.filter((ms) => ms >= 2000)).toHaveLength(4);
    expect(searches().filter((r) => r.status === 429)).toHaveLength(4);
  });

  it("retries 409 concurrency refusals and 500s, and refetches a cut page", async () => {
    server.inject({
      status: 409,
      pathPrefix: "/rest/",
      times: 2,
      headers: { "X-Concurrency-Limit-Limit": "2", "X-Concurrency-Limit-Running": "2" },
    });
    server.inject({ status: 500, pathPrefix: "/rest/", times: 2 });
    server.inject({ cutBodyAt: 0.5, pathPrefix: "/rest/" });
    const pages = await collect(readCsamAssets(context(), fast()));
    expect(pages.flatMap((page) => page.records.map((r) => r.record.assetId))).toEqual(
      server.assets().map((asset) => asset.assetId),
    );
    expect(searches().map((r) => r.status)).toEqual([409, 409, 500, 500, 200, 200, 200, 200]);
  });

  it("refuses the cloud metadata address whatever the private-network setting", async () => {
    const blocked = {
      ...connectorContext(
        csamApiConfigSchema.parse({ baseUrl: "http://169.254.169.254/" }),
        secrets(),
        { allowPrivateNetworks: true },
      ),
      since: null,
    };
    const error = await collect(readCsamAssets(blocked, fast())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QualysRequestError);
    expect((error as QualysRequestError).details).toMatch(/169\.254\.169\.254.*metadata/);
    const result = await testCsamConnection(blocked);
    expect(result).toMatchObject({
      ok: false,
      title: expect.stringMatching(/private or internal/),
    });
  });

  it("refuses the loopback test server unless private networks are allowed", async () => {
    const result = await testCsamConnection(context({}, { allowPrivate: false }));
    expect(result.ok).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it("passes the connection test with one sign-in and a one-asset search", async () => {
    const result = await testCsamConnection(context({ tagFilter: "PCI" }));
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.details.join(" ")).toContain("asset-3");
    expect(searches()).toHaveLength(1);
    expect(searches()[0].query.pageSize).toBe("1");
  });

  it("explains 403, 404, 409 and 429 in the connection test without retrying", async () => {
    for (const status of [403, 404, 409, 429]) {
      server.reset();
      server.inject({ status, pathPrefix: "/rest/" });
      const result = await testCsamConnection(context());
      expect(result).toMatchObject({ ok: false, title: explainHttpStatus(status).title });
      expect(searches()).toHaveLength(1);
    }
  });

  it("explains a timeout in the connection test", async () => {
    server.inject({ delayMs: 2000, pathPrefix: "/auth" });
    const result = await testCsamConnection(context(), { timeoutMs: 100 });
    expect(result).toMatchObject({ ok: false, title: "Qualys did not answer in time." });
  });

  it("stops when the run is cancelled", async () => {
    const controller = new AbortController();
    const cancelled = {
      ...connectorContext(csamApiConfigSchema.parse({ baseUrl: server.url }), secrets(), {
        allowPrivateNetworks: true,
        signal: controller.signal,
      }),
      since: null,
    };
    const run = readCsamAssets(cancelled, fast());
    await run.next();
    controller.abort(new Error("run cancelled"));
    await expect(run.next()).rejects.toThrow("run cancelled");
  });
});
