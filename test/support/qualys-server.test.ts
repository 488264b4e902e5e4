import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { explainNetworkError } from "../../lib/qualys/errors";
import { parseCsamPage, csamSearchUrl } from "../../lib/qualys/csam";
import { parseKnowledgeBasePage } from "../../lib/qualys/knowledge-base";
import { fetchWithRetry, DEFAULT_RETRY_POLICY } from "../../lib/qualys/retry";
import { QualysApiError } from "../../lib/qualys/simple-return";
import { assertSameOrigin } from "../../lib/qualys/vm-common";
import { parseDetectionPage } from "../../lib/qualys/vm-detections";
import { parseHostListPage } from "../../lib/qualys/vm-hosts";
import { XmlParseError } from "../../lib/qualys/xml";
import { startQualysServer, type QualysTestServer } from "./qualys-server";

const FIXTURES = new URL("./qualys-fixtures/", import.meta.url);

describe("Qualys test server", () => {
  let server: QualysTestServer;

  beforeAll(async () => {
    server = await startQualysServer({ assetCount: 650, hostCount: 5, detectionsPerHost: 3 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const vmHeaders = () => ({
    authorization: server.basicAuthHeader(),
    "X-Requested-With": "sluice-test",
  });
  const login = async () => {
    const response = await fetch(`${server.url}/auth`, {
      method: "POST",
      body: new URLSearchParams({
        username: server.username,
        password: server.password,
        token: "true",
      }),
    });
    expect(response.status).toBe(201);
    return response.text();
  };

  describe("/auth", () => {
    it("hands out a JWT-shaped token for the right credentials", async () => {
      const token = await login();
      expect(token.split(".")).toHaveLength(3);
      expect(JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString())).toMatchObject({
        sub: server.username,
      });
      expect(server.requests[0].form).toMatchObject({ username: server.username, token: "true" });
    });

    it("answers 401 to a wrong password", async () => {
      const response = await fetch(`${server.url}/auth`, {
        method: "POST",
        body: new URLSearchParams({ username: server.username, password: "wrong", token: "true" }),
      });
      expect(response.status).toBe(401);
    });
  });

  describe("CSAM asset search", () => {
    it("pages 650 assets by lastSeenAssetId with exact 19-digit IDs", async () => {
      const token = await login();
      const ids: string[] = [];
      let lastSeenAssetId: string | undefined = "0";
      const pageSizes: number[] = [];
      while (lastSeenAssetId !== undefined) {
        const response = await fetch(csamSearchUrl(server.url, { lastSeenAssetId }), {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.status).toBe(200);
        const page = parseCsamPage(await response.text());
        pageSizes.push(page.assets.length);
        ids.push(...page.assets.map((asset) => (asset as { assetId: string }).assetId));
        lastSeenAssetId = page.nextLastSeenAssetId;
      }
      expect(pageSizes).toEqual([300, 300, 50]);
      expect(ids).toEqual(server.assets().map((asset) => asset.assetId));
      expect(ids.every((id) => /^\d{19}$/.test(id))).toBe(true);
    });

    it("filters by tag name from the request body", async () => {
      const token = await login();
      const response = await fetch(csamSearchUrl(server.url, { pageSize: 1000 }), {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ filters: [{ field: "tags.name", operator: "IN", value: "PCI" }] }),
      });
      const page = parseCsamPage(await response.text(), { pageSize: 1000 });
      expect(page.assets).toHaveLength(
        server.assets().filter((asset) => asset.tags.includes("PCI")).length,
      );
      expect(page.hasMore).toBe(false);
    });

    it("refuses a request without a valid bearer token", async () => {
      const response = await fetch(csamSearchUrl(server.url), {
        method: "POST",
        headers: { authorization: "Bearer nope" },
      });
      expect(response.status).toBe(401);
    });
  });

  describe("VM API", () => {
    it("requires X-Requested-With and Basic auth, answering SIMPLE_RETURN", async () => {
      const noHeader = await fetch(`${server.url}/api/2.0/fo/asset/host/?action=list`, {
        headers: { authorization: server.basicAuthHeader() },
      });
      expect(noHeader.status).toBe(400);
      const missingHeaderBody = await noHeader.text();
      expect(() => parseHostListPage(missingHeaderBody, { httpStatus: 400 })).toThrow(
        /X-Requested-With/,
      );
      const wrongAuth = await fetch(`${server.url}/api/2.0/fo/asset/host/?action=list`, {
        headers: { authorization: "Basic eDp5", "X-Requested-With": "t" },
      });
      expect(wrongAuth.status).toBe(401);
      const body = await wrongAuth.text();
      expect(() => parseHostListPage(body, { httpStatus: 401 })).toThrow(QualysApiError);
    });

    it("truncates detections at truncation_limit and links the next page with id_min", async () => {
      let url: string | undefined =
        `${server.url}/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=2&show_qds=1`;
      const pages: string[][] = [];
      while (url) {
        const response = await fetch(assertSameOrigin(url, server.url), { headers: vmHeaders() });
        const page = parseDetectionPage(await response.text());
        expect(page.rejected).toEqual([]);
        pages.push(page.hosts.map((host) => host.id));
        expect(page.hosts.every((host) => host.detections.length === 3)).toBe(true);
        url = page.nextUrl;
      }
      expect(pages).toEqual([["100001", "100002"], ["100003", "100004"], ["100005"]]);
      expect(server.requests.map((request) => request.query.id_min)).toEqual([
        undefined,
        "100003",
        "100005",
      ]);
      expect(server.requests[1].query.show_qds).toBe("1");
    });

    it("lists host IDs with details=None and full hosts by POST form", async () => {
      const ids = await fetch(`${server.url}/api/2.0/fo/asset/host/?action=list&details=None`, {
        headers: vmHeaders(),
      });
      expect(parseHostListPage(await ids.text()).hostIds).toEqual(server.hostIds().map(String));
      const hosts = await fetch(`${server.url}/api/2.0/fo/asset/host/`, {
        method: "POST",
        headers: vmHeaders(),
        body: new URLSearchParams({ action: "list", details: "All", ids: "100002-100003" }),
      });
      const page = parseHostListPage(await hosts.text());
      expect(page.hosts.map((host) => [host.id, host.tags[0]?.name])).toEqual([
        ["100002", "Generated"],
        ["100003", "Generated"],
      ]);
    });

    it("serves knowledge base entries for the requested QIDs", async () => {
      const response = await fetch(
        `${server.url}/api/2.0/fo/knowledge_base/vuln/?action=list&ids=38170,90000-99999`,
        {
          headers: vmHeaders(),
        },
      );
      const page = parseKnowledgeBasePage(await response.text());
      expect(page.vulns.map((vuln) => [vuln.qid, vuln.cvssV3?.base])).toEqual([
        [38170, 7.5],
        [90882, 7.5],
      ]);
    });
  });

  describe("injected failures", () => {
    it("429 with rate-limit headers for the next N requests, recovered by fetchWithRetry", async () => {
      server.inject({ status: 429, times: 2, headers: { "X-RateLimit-ToWait-Sec": "3" } });
      const sleep = vi.fn<(ms: number) => Promise<void>>(async () => {});
      const response = await fetchWithRetry(
        fetch,
        {
          url: `${server.url}/api/2.0/fo/knowledge_base/vuln/?action=list`,
          init: { headers: vmHeaders() },
        },
        DEFAULT_RETRY_POLICY,
        sleep,
        { random: () => 0 },
      );
      expect(response.status).toBe(200);
      expect(server.requests.map((request) => request.status)).toEqual([429, 429, 200]);
      expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([3000, 3000]);
    });

    it("409 answers a SIMPLE_RETURN rate-limit error by default", async () => {
      server.inject({
        status: 409,
        headers: { "X-RateLimit-ToWait-Sec": "10" },
        pathPrefix: "/api/",
      });
      const response = await fetch(`${server.url}/api/2.0/fo/asset/host/?action=list`, {
        headers: vmHeaders(),
      });
      expect(response.status).toBe(409);
      expect(response.headers.get("x-ratelimit-towait-sec")).toBe("10");
      const body = await response.text();
      expect(() => parseHostListPage(body, { httpStatus: 409 })).toThrow(
        /Qualys API error 1965 \(HTTP 409\)/,
      );
    });

    it("only hits requests under pathPrefix", async () => {
      server.inject({ status: 500, pathPrefix: "/rest/" });
      await login();
      expect(server.requests.at(-1)?.status).toBe(201);
      const token = await login();
      const response = await fetch(csamSearchUrl(server.url), {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(500);
    });

    it("cuts a body short so the parser refuses it", async () => {
      server.inject({ cutBodyAt: 0.5 });
      const response = await fetch(
        `${server.url}/api/2.0/fo/asset/host/vm/detection/?action=list`,
        { headers: vmHeaders() },
      );
      expect(response.status).toBe(200);
      const body = await response.text();
      expect(body.length).toBeGreaterThan(100);
      expect(() => parseDetectionPage(body)).toThrow(XmlParseError);
    });

    it("answers slowly when asked, so client timeouts can be tested", async () => {
      server.inject({ delayMs: 300 });
      const error = await fetch(`${server.url}/api/2.0/fo/asset/host/?action=list`, {
        headers: vmHeaders(),
        signal: AbortSignal.timeout(50),
      }).catch((caught: unknown) => caught);
      expect(explainNetworkError(error).title).toBe("Qualys did not answer in time.");
    });
  });

  describe("serving recorded files", () => {
    it("serves response files verbatim and pages CSAM files by lastSeenAssetId", async () => {
      const files = await startQualysServer({
        files: {
          detections: new URL("detections-truncated.xml", FIXTURES).pathname,
          csamPages: [new URL("csam-page.json", FIXTURES).pathname],
        },
      });
      try {
        const detections = await fetch(
          `${files.url}/api/2.0/fo/asset/host/vm/detection/?action=list`,
          {
            headers: { authorization: files.basicAuthHeader(), "X-Requested-With": "t" },
          },
        );
        expect(parseDetectionPage(await detections.text()).hosts.map((host) => host.id)).toEqual([
          "5100001",
          "5100002",
        ]);

        const token = await (
          await fetch(`${files.url}/auth`, {
            method: "POST",
            body: new URLSearchParams({ username: files.username, password: files.password }),
          })
        ).text();
        const first = await fetch(csamSearchUrl(files.url), {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        });
        const page = parseCsamPage(await first.text());
        expect(page.nextLastSeenAssetId).toBe("9007199254740993001");
        const next = await fetch(
          csamSearchUrl(files.url, { lastSeenAssetId: page.nextLastSeenAssetId }),
          {
            method: "POST",
            headers: { authorization: `Bearer ${token}` },
          },
        );
        expect(next.status).toBe(204);
      } finally {
        await files.close();
      }
    });
  });
});
