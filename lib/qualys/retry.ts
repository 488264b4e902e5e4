import { z } from "zod";

import { explainNetworkError } from "./errors";

/**
 * When to retry a Qualys call and how long to wait.
 *
 * Qualys blocks calls over the subscription's limits with 409 (VM API) or
 * 429 and says how long to wait in X-RateLimit-ToWait-Sec; concurrency limits
 * show as X-Concurrency-Limit-Limit/-Running. Server errors and dropped
 * connections get exponential backoff with jitter so that many connectors
 * failing together do not come back in lockstep.
 */

export const retryPolicySchema = z.object({
  /** Total tries including the first one. */
  maxAttempts: z.number().int().min(1).max(20),
  baseDelayMs: z.number().int().min(0),
  maxDelayMs: z.number().int().min(0),
  /** Fraction of each backoff delay that is randomised (0 = none, 1 = full jitter). */
  jitter: z.number().min(0).max(1),
  /**
   * Longest server-requested wait to sit through in-process. A longer wait
   * gives up with `retryAfterMs` so the job can be rescheduled instead.
   */
  maxServerWaitMs: z.number().int().min(0),
  retryNetworkErrors: z.boolean(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  jitter: 0.5,
  maxServerWaitMs: 5 * 60_000,
  retryNetworkErrors: true,
};

export type HeaderSource = Headers | Record<string, string | undefined>;

function header(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value) * 1000;
}

/** The wait Qualys asked for, in ms, from its own header or Retry-After. */
export function serverRequestedWaitMs(
  headers: HeaderSource | undefined,
  now = Date.now(),
): number | undefined {
  const toWait = seconds(header(headers, "X-RateLimit-ToWait-Sec"));
  const retryAfterRaw = header(headers, "Retry-After");
  let retryAfter = seconds(retryAfterRaw);
  if (retryAfter === undefined && retryAfterRaw) {
    const at = Date.parse(retryAfterRaw);
    if (!Number.isNaN(at)) retryAfter = Math.max(0, at - now);
  }
  if (toWait === undefined && retryAfter === undefined) return undefined;
  return Math.max(toWait ?? 0, retryAfter ?? 0);
}

function concurrencySaturated(headers: HeaderSource | undefined): boolean {
  const limit = Number(header(headers, "X-Concurrency-Limit-Limit"));
  const running = Number(header(headers, "X-Concurrency-Limit-Running"));
  return Number.isFinite(limit) && Number.isFinite(running) && limit > 0 && running >= limit;
}

export function backoffDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const randomised = ceiling * policy.jitter * random();
  return Math.round(ceiling - randomised);
}

export type RetryDecision =
  | { retry: true; delayMs: number; reason: string }
  | { retry: false; reason: string; retryAfterMs?: number };

export type AttemptOutcome = { status: number; headers?: HeaderSource } | { error: unknown };

/**
 * Decides what to do after attempt number `attempt` (1-based) ended with
 * `outcome`. Pure: time and randomness come in as arguments.
 */
export function decideRetry(
  attempt: number,
  outcome: AttemptOutcome,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  options: { now?: number; random?: () => number } = {},
): RetryDecision {
  const random = options.random ?? Math.random;
  const lastAttempt = attempt >= policy.maxAttempts;

  if ("error" in outcome) {
    if (!policy.retryNetworkErrors || !explainNetworkError(outcome.error).transient) {
      return { retry: false, reason: "network error that retrying will not fix" };
    }
    if (lastAttempt) return { retry: false, reason: `network error after ${attempt} attempts` };
    return {
      retry: true,
      delayMs: backoffDelayMs(attempt, policy, random),
      reason: "network error",
    };
  }

  const { status, headers } = outcome;
  if (status === 409 || status === 429) {
    const wait = serverRequestedWaitMs(headers, options.now);
    if (wait !== undefined && wait > policy.maxServerWaitMs) {
      return {
        retry: false,
        reason: `Qualys asked to wait ${Math.ceil(wait / 1000)}s`,
        retryAfterMs: wait,
      };
    }
    if (lastAttempt)
      return {
        retry: false,
        reason: `HTTP ${status} after ${attempt} attempts`,
        retryAfterMs: wait,
      };
    if (wait !== undefined) {
      // A little spread on top of the requested wait so parallel workers do
      // not all return in the same second and trip the limit again.
      const spread = Math.round(Math.min(policy.baseDelayMs, 1_000) * policy.jitter * random());
      return {
        retry: true,
        delayMs: wait + spread,
        reason: `HTTP ${status}: rate limit, waiting as asked`,
      };
    }
    const reason = concurrencySaturated(headers)
      ? `HTTP ${status}: concurrency limit reached`
      : `HTTP ${status}: blocked without a wait hint`;
    return { retry: true, delayMs: backoffDelayMs(attempt, policy, random), reason };
  }

  if (status >= 500 && status <= 599 && status !== 501) {
    if (lastAttempt) return { retry: false, reason: `HTTP ${status} after ${attempt} attempts` };
    const wait = serverRequestedWaitMs(headers, options.now);
    const backoff = backoffDelayMs(attempt, policy, random);
    if (wait !== undefined && wait > policy.maxServerWaitMs) {
      return {
        retry: false,
        reason: `HTTP ${status}: server asked to wait ${Math.ceil(wait / 1000)}s`,
        retryAfterMs: wait,
      };
    }
    return {
      retry: true,
      delayMs: Math.max(backoff, wait ?? 0),
      reason: `HTTP ${status}: server error`,
    };
  }

  return { retry: false, reason: `HTTP ${status} is not retryable` };
}

export type FetchFn = (input: string | URL, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export type RetryRequest = {
  url: string | URL;
  /** The body must be replayable (string, URLSearchParams, bytes): it is sent again on retry. */
  init?: RequestInit;
};

export type RetryEvent = { attempt: number; delayMs: number; reason: string };

/**
 * Runs `fetchFn` until the response is not worth retrying or the policy runs
 * out. Returns the last response (the caller turns non-2xx into its own
 * error); rethrows the last network error. A caller's abort is never retried.
 */
export async function fetchWithRetry(
  fetchFn: FetchFn,
  request: RetryRequest,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  sleep: Sleep = realSleep,
  options: {
    onRetry?: (event: RetryEvent) => void;
    random?: () => number;
    now?: () => number;
  } = {},
): Promise<Response> {
  const signal = request.init?.signal ?? undefined;
  for (let attempt = 1; ; attempt++) {
    let outcome: AttemptOutcome;
    let response: Response | undefined;
    try {
      response = await fetchFn(request.url, request.init);
      outcome = { status: response.status, headers: response.headers };
    } catch (error) {
      if (signal?.aborted) throw error;
      outcome = { error };
    }
    const decision = decideRetry(attempt, outcome, policy, {
      now: options.now?.(),
      random: options.random,
    });
    if (!decision.retry) {
      if ("error" in outcome) throw outcome.error;
      return response as Response;
    }
    // Release the connection of the response we are discarding.
    await response?.body?.cancel().catch(() => {});
    options.onRetry?.({ attempt, delayMs: decision.delayMs, reason: decision.reason });
    await sleep(decision.delayMs, signal);
  }
}
