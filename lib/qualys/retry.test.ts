import { describe, expect, it, vi } from "vitest";

import {
  backoffDelayMs,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  fetchWithRetry,
  retryPolicySchema,
  serverRequestedWaitMs,
  type RetryPolicy,
} from "./retry";

const policy: RetryPolicy = {
  ...DEFAULT_RETRY_POLICY,
  maxAttempts: 4,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  jitter: 0.5,
  maxServerWaitMs: 60_000,
};
const noJitter = () => 0;
const fullJitter = () => 1;
const networkError = (code: string) =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) });

describe("serverRequestedWaitMs", () => {
  const now = Date.parse("2024-01-01T00:00:00Z");
  it.each([
    ["X-RateLimit-ToWait-Sec", { "X-RateLimit-ToWait-Sec": "42" }, 42_000],
    ["Retry-After seconds", { "retry-after": "7" }, 7_000],
    ["Retry-After HTTP date", { "Retry-After": "Mon, 01 Jan 2024 00:00:30 GMT" }, 30_000],
    ["the longer of both", { "X-RateLimit-ToWait-Sec": "5", "Retry-After": "9" }, 9_000],
    ["nothing usable", { "Retry-After": "soon" }, undefined],
    ["no headers", {}, undefined],
  ])("%s", (_label, headers, expected) => {
    expect(serverRequestedWaitMs(headers, now)).toBe(expected);
    expect(serverRequestedWaitMs(new Headers(headers), now)).toBe(expected);
  });
});

describe("backoffDelayMs", () => {
  it.each([
    [1, noJitter, 1000],
    [2, noJitter, 2000],
    [3, noJitter, 4000],
    [4, noJitter, 8000],
    [10, noJitter, 8000],
    [3, fullJitter, 2000],
  ])("attempt %i", (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, policy, random)).toBe(expected);
  });

  it("always stays within [ceiling × (1 - jitter), ceiling]", () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelayMs(3, policy);
      expect(delay).toBeGreaterThanOrEqual(2000);
      expect(delay).toBeLessThanOrEqual(4000);
    }
  });
});

describe("decideRetry", () => {
  it.each([
    [
      "429 with ToWait waits as asked (+ spread)",
      1,
      { status: 429, headers: { "X-RateLimit-ToWait-Sec": "3" } },
      { retry: true, delayMs: 3000 },
    ],
    [
      "409 with Retry-After waits as asked",
      1,
      { status: 409, headers: { "Retry-After": "2" } },
      { retry: true, delayMs: 2000 },
    ],
    [
      "409 at the concurrency limit backs off",
      2,
      {
        status: 409,
        headers: { "X-Concurrency-Limit-Limit": "2", "X-Concurrency-Limit-Running": "2" },
      },
      { retry: true, delayMs: 2000 },
    ],
    ["429 without hints backs off", 1, { status: 429 }, { retry: true, delayMs: 1000 }],
    ["500 backs off exponentially", 3, { status: 500 }, { retry: true, delayMs: 4000 }],
    [
      "503 honours a longer Retry-After",
      1,
      { status: 503, headers: { "Retry-After": "5" } },
      { retry: true, delayMs: 5000 },
    ],
    ["501 is not retried", 1, { status: 501 }, { retry: false }],
    ["401 is not retried", 1, { status: 401 }, { retry: false }],
    ["404 is not retried", 1, { status: 404 }, { retry: false }],
    ["the last attempt is not retried", 4, { status: 500 }, { retry: false }],
    [
      "a reset connection is retried",
      1,
      { error: networkError("ECONNRESET") },
      { retry: true, delayMs: 1000 },
    ],
    ["a DNS failure is not", 1, { error: networkError("ENOTFOUND") }, { retry: false }],
    ["a bad certificate is not", 1, { error: networkError("CERT_HAS_EXPIRED") }, { retry: false }],
  ] as const)("%s", (_label, attempt, outcome, expected) => {
    expect(decideRetry(attempt, outcome, policy, { random: noJitter })).toMatchObject(expected);
  });

  it("gives up with retryAfterMs when Qualys asks for a longer wait than the policy allows", () => {
    const decision = decideRetry(
      1,
      { status: 409, headers: { "X-RateLimit-ToWait-Sec": "3600" } },
      policy,
    );
    expect(decision).toEqual({
      retry: false,
      reason: "Qualys asked to wait 3600s",
      retryAfterMs: 3_600_000,
    });
  });

  it("validates policies with zod", () => {
    expect(retryPolicySchema.safeParse({ ...policy, maxAttempts: 0 }).success).toBe(false);
    expect(retryPolicySchema.parse(DEFAULT_RETRY_POLICY)).toEqual(DEFAULT_RETRY_POLICY);
  });
});

describe("fetchWithRetry", () => {
  const response = (status: number, headers: Record<string, string> = {}) =>
    new Response(`status ${status}`, { status, headers });

  it("retries 429 and 5xx, sleeping the decided delays, then returns the success", async () => {
    const fetchFn = vi
      .fn<(input: string | URL, init?: RequestInit) => Promise<Response>>()
      .mockResolvedValueOnce(response(429, { "X-RateLimit-ToWait-Sec": "4" }))
      .mockResolvedValueOnce(response(502))
      .mockResolvedValueOnce(response(200));
    const sleep = vi.fn<(ms: number) => Promise<void>>(async () => {});
    const onRetry = vi.fn();
    const result = await fetchWithRetry(
      fetchFn,
      { url: "https://q.example.test/x", init: { method: "POST", body: "a=1" } },
      policy,
      sleep,
      {
        random: noJitter,
        onRetry,
      },
    );
    expect(result.status).toBe(200);
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(fetchFn.mock.calls.every(([, init]) => init?.body === "a=1")).toBe(true);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([4000, 2000]);
    expect(onRetry.mock.calls.map(([event]) => event.attempt)).toEqual([1, 2]);
  });

  it("returns the last response once attempts run out", async () => {
    const fetchFn = vi.fn(async () => response(500));
    const sleep = vi.fn<(ms: number) => Promise<void>>(async () => {});
    const result = await fetchWithRetry(
      fetchFn,
      { url: "https://q.example.test/x" },
      policy,
      sleep,
      { random: noJitter },
    );
    expect(result.status).toBe(500);
    expect(fetchFn).toHaveBeenCalledTimes(4);
    expect(sleep).toHaveBeenCalledTimes(3);
  });

  it("does not retry a 401", async () => {
    const fetchFn = vi.fn(async () => response(401));
    const sleep = vi.fn<(ms: number) => Promise<void>>(async () => {});
    expect(
      (await fetchWithRetry(fetchFn, { url: "https://q.example.test/x" }, policy, sleep)).status,
    ).toBe(401);
    expect(sleep).not.toHaveBeenCalled();
  });

  it("retries a transient network error and rethrows a permanent one", async () => {
    const flaky = vi
      .fn<(input: string | URL, init?: RequestInit) => Promise<Response>>()
      .mockRejectedValueOnce(networkError("ECONNRESET"))
      .mockResolvedValueOnce(response(200));
    expect(
      (await fetchWithRetry(flaky, { url: "https://q.example.test/x" }, policy, async () => {}))
        .status,
    ).toBe(200);

    const dns = networkError("ENOTFOUND");
    const broken = vi.fn(async () => {
      throw dns;
    });
    await expect(
      fetchWithRetry(broken, { url: "https://q.example.test/x" }, policy, async () => {}),
    ).rejects.toBe(dns);
    expect(broken).toHaveBeenCalledTimes(1);
  });

  it("never retries after the caller aborted", async () => {
    const controller = new AbortController();
    const fetchFn = vi.fn(async () => {
      controller.abort();
      throw networkError("ECONNRESET");
    });
    await expect(
      fetchWithRetry(
        fetchFn,
        { url: "https://q.example.test/x", init: { signal: controller.signal } },
        policy,
        async () => {},
      ),
    ).rejects.toThrow("fetch failed");
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });
});
