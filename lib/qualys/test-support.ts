// Helpers for the Qualys connector tests: a connector context, a fast retry
// policy and a sleep that records what it was asked to wait instead of
// waiting. Imported by *.test.ts files only.
import type { ConnectorContext } from "@/lib/connectors/definition";

import type { RetryPolicy, Sleep } from "./retry";

export const FAST_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1,
  maxDelayMs: 5,
  jitter: 0,
  maxServerWaitMs: 60_000,
  retryNetworkErrors: true,
};

export function recordingSleep(): Sleep & { waits: number[]; total: () => number } {
  const waits: number[] = [];
  const sleep = (async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    waits.push(ms);
  }) as Sleep & { waits: number[]; total: () => number };
  sleep.waits = waits;
  sleep.total = () => waits.reduce((sum, ms) => sum + ms, 0);
  return sleep;
}

export function connectorContext<C, S>(
  config: C,
  secrets: S,
  overrides: Partial<ConnectorContext<C, S>> = {},
): ConnectorContext<C, S> & { logs: { message: string; fields?: Record<string, unknown> }[] } {
  const logs: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    tenantId: "00000000-0000-4000-8000-000000000001",
    connectorId: "00000000-0000-4000-8000-000000000002",
    config,
    secrets,
    // The test server listens on 127.0.0.1, a loopback (private) address.
    allowPrivateNetworks: true,
    signal: new AbortController().signal,
    log: (message, fields) => logs.push({ message, fields }),
    logs,
    ...overrides,
  };
}

export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(page);
  return all;
}
