import { ConnectorError } from "@/lib/connectors/definition";
import { assertOutboundAllowed } from "@/lib/net/outbound";

import { explainHttpStatus, explainNetworkError, type ConnectionProblem } from "./errors";
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  fetchWithRetry,
  realSleep,
  type FetchFn,
  type RetryEvent,
  type RetryPolicy,
  type Sleep,
} from "./retry";
import { QualysApiError } from "./simple-return";
import { XmlParseError } from "./xml";

/**
 * The transport both Qualys clients share: the SSRF check before every call,
 * a timeout per attempt (the caller's signal still cancels the whole run),
 * rate-limit and server-error retries from retry.ts, and errors that carry
 * the explanation a person can act on.
 */

export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;
/** How often a page whose body arrived damaged (cut, unparsable) is fetched again. */
export const DEFAULT_PAGE_ATTEMPTS = 4;
const MAX_ERROR_BODY_CHARS = 500;

export type QualysTransportOptions = {
  /** Admin setting: may private-range addresses be called? Link-local and metadata never. */
  allowPrivateNetworks: boolean;
  /** Cancels every request of the run. */
  signal?: AbortSignal;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  retryPolicy?: RetryPolicy;
  pageAttempts?: number;
  sleep?: Sleep;
  fetch?: FetchFn;
  onRetry?: (event: RetryEvent & { url: string }) => void;
};

/**
 * An HTTP answer or network failure that ends the call. `message` is the
 * one-sentence explanation (a ConnectorError, so a failed run shows it as its
 * reason); `checks` and `details` fill the rest of a connection test result.
 */
export class QualysRequestError extends ConnectorError {
  readonly problem: ConnectionProblem;
  readonly status: number | undefined;
  readonly details: string | undefined;

  constructor(
    problem: ConnectionProblem,
    options: { status?: number; details?: string; cause?: unknown } = {},
  ) {
    super(problem.title, { cause: options.cause });
    this.name = "QualysRequestError";
    this.problem = problem;
    this.status = options.status;
    this.details = options.details;
  }

  get checks(): string[] {
    return this.problem.checks;
  }
}

/** Qualys error bodies are short XML or JSON; keep the gist for the details pane. */
export function summariseErrorBody(body: string): string | undefined {
  const simpleReturn = /<CODE>\s*(\d+)\s*<\/CODE>[\s\S]*?<TEXT>([\s\S]*?)<\/TEXT>/.exec(body);
  if (simpleReturn) return `Qualys error ${simpleReturn[1]}: ${simpleReturn[2].trim()}`;
  const text = body.replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  return text.length > MAX_ERROR_BODY_CHARS ? `${text.slice(0, MAX_ERROR_BODY_CHARS)}…` : text;
}

function withAttemptTimeout(fetchFn: FetchFn, timeoutMs: number): FetchFn {
  return (input, init) => {
    // A fresh timer per attempt: a slow attempt is retried, while the run's
    // own signal (init.signal) still ends everything at once.
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetchFn(input, { ...init, signal });
  };
}

export type QualysResponse = { status: number; headers: Headers; body: string; url: string };

/**
 * One HTTP exchange: checks the destination, retries what retry.ts says to
 * retry, and returns the body of a 2xx answer. Anything else throws
 * QualysRequestError; `acceptStatus` lets a caller handle a status itself
 * (the gateway client renews its token on 401).
 */
export async function qualysRequest(
  url: string | URL,
  init: RequestInit,
  options: QualysTransportOptions & { acceptStatus?: (status: number) => boolean },
): Promise<QualysResponse> {
  const target = new URL(url);
  try {
    await assertOutboundAllowed(target, { allowPrivate: options.allowPrivateNetworks });
  } catch (error) {
    throw new QualysRequestError(explainNetworkError(error), {
      details: error instanceof Error ? error.message : String(error),
      cause: error,
    });
  }
  const fetchFn = withAttemptTimeout(
    options.fetch ?? fetch,
    options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  );
  let response: Response;
  try {
    response = await fetchWithRetry(
      fetchFn,
      // Redirects are not followed: a redirect could lead past the SSRF check.
      { url: target, init: { ...init, redirect: "manual", signal: options.signal } },
      options.retryPolicy ?? DEFAULT_RETRY_POLICY,
      options.sleep ?? realSleep,
      { onRetry: (event) => options.onRetry?.({ ...event, url: redactUrl(target) }) },
    );
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new QualysRequestError(explainNetworkError(error), {
      details: describeError(error),
      cause: error,
    });
  }
  const ok = response.status >= 200 && response.status < 300;
  if (!ok && !options.acceptStatus?.(response.status)) {
    const body = await response.text().catch(() => "");
    throw new QualysRequestError(explainHttpStatus(response.status), {
      status: response.status,
      details: [`${init.method ?? "GET"} ${redactUrl(target)} answered HTTP ${response.status}.`]
        .concat(summariseErrorBody(body) ?? [])
        .join(" "),
    });
  }
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, url: target.toString() };
}

/** Only the path: query strings can carry filters nobody needs in a log line. */
export function redactUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(
        `${current.name}: ${current.message}${typeof code === "string" ? ` (${code})` : ""}`,
      );
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(" ← ");
}

/** A body that arrived but cannot be read as the expected document. */
export class DamagedPageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DamagedPageError";
  }
}

function isRepeatable(error: unknown): boolean {
  if (error instanceof DamagedPageError || error instanceof XmlParseError) return true;
  if (error instanceof SyntaxError) return true;
  if (error instanceof QualysApiError) return error.retryable;
  // A body cut off mid-read surfaces as a network error from response.text().
  if (error instanceof QualysRequestError) return false;
  return (
    explainNetworkError(error).transient &&
    !(error instanceof DOMException && error.name === "AbortError")
  );
}

/**
 * Fetches and parses one page, fetching it again when the body turns out to
 * be damaged or Qualys answered 200 with a retryable SIMPLE_RETURN. A page is
 * either parsed whole or the run fails: it is never skipped.
 */
export async function fetchPage<T>(
  load: () => Promise<T>,
  options: Pick<QualysTransportOptions, "pageAttempts" | "retryPolicy" | "sleep" | "signal"> & {
    onRepeat?: (attempt: number, error: unknown) => void;
  },
): Promise<T> {
  const attempts = options.pageAttempts ?? DEFAULT_PAGE_ATTEMPTS;
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (options.signal?.aborted || attempt >= attempts || !isRepeatable(error)) throw error;
      options.onRepeat?.(attempt, error);
      await sleep(backoffDelayMs(attempt, policy), options.signal);
    }
  }
}
