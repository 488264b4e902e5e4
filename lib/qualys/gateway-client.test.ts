import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { startQualysServer, type QualysTestServer } from "@/test/support/qualys-server";

import {
  createGatewayClient,
  GATEWAY_TOKEN_LIFETIME_MS,
  GATEWAY_TOKEN_RENEW_MARGIN_MS,
  tokenExpiry,
} from "./gateway-client";
import { FAST_RETRY, recordingSleep } from "./test-support";

const jwt = (claims: object) =>
  ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "c2ln"].join(".");

describe("tokenExpiry", () => {
  const issuedAt = Date.parse("2025-01-01T00:00:00Z");
  it.each([
    ["a JWT with exp one hour ahead", jwt({ exp: issuedAt / 1000 + 3600 }), issuedAt + 3_600_000],
    [
      "a JWT claiming more than four hours (capped)",
      jwt({ exp: issuedAt / 1000 + 86_400 }),
      issuedAt + GATEWAY_TOKEN_LIFETIME_MS,
    ],
    ["a JWT without exp", jwt({ sub: "x" }), issuedAt + GATEWAY_TOKEN_LIFETIME_MS],
    ["an opaque token", "xxxx", issuedAt + GATEWAY_TOKEN_LIFETIME_MS],
    ["a token with a broken payload", "a.!!!.c", issuedAt + GATEWAY_TOKEN_LIFETIME_MS],
  ])("reads %s", (_label, token, expected) => {
    expect(tokenExpiry(token, issuedAt)).toBe(expected);
  });
});

describe("gateway client", () => {
  let server: QualysTestServer;
  beforeAll(async () => {
    server = await startQualysServer({ assetCount: 3 });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const client = (now: () => number) =>
    createGatewayClient({
      baseUrl: server.url,
      credentials: { username: server.username, password: server.password },
      allowPrivateNetworks: true,
      retryPolicy: FAST_RETRY,
      sleep: recordingSleep(),
      now,
    });
  const auths = () => server.requests.filter((r) => r.path === "/auth");

  it("reuses the token until shortly before its four-hour expiry, then renews it", async () => {
    let clock = Date.now();
    const gateway = client(() => clock);
    const first = await gateway.token();
    clock += GATEWAY_TOKEN_LIFETIME_MS - GATEWAY_TOKEN_RENEW_MARGIN_MS - 1000;
    expect(await gateway.token()).toBe(first);
    clock += 2000;
    const renewed = await gateway.token();
    expect(renewed).not.toBe(first);
    expect(auths()).toHaveLength(2);
    expect(auths()[0].form).toEqual({
      username: server.username,
      password: server.password,
      token: "true",
    });
  });

  it("shares one sign-in between concurrent callers", async () => {
    const gateway = client(Date.now);
    const tokens = await Promise.all([gateway.token(), gateway.token(), gateway.token()]);
    expect(new Set(tokens).size).toBe(1);
    expect(gateway.authCount).toBe(1);
  });

  it("keeps a path prefix of the gateway URL", async () => {
    const gateway = createGatewayClient({
      baseUrl: `${server.url}/prefix/`,
      credentials: { username: server.username, password: server.password },
      allowPrivateNetworks: true,
      retryPolicy: { ...FAST_RETRY, maxAttempts: 1 },
    });
    await expect(gateway.token()).rejects.toThrow("(404 Not Found)");
    expect(server.requests[0].path).toBe("/prefix/auth");
  });
});
