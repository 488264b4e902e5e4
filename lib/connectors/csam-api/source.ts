import {
  ConnectorError,
  type ConnectorContext,
  type ModelRecordPage,
} from "@/lib/connectors/definition";
import { hostAssetModel } from "@/lib/datamodels/host-asset";
import { CsamAssetError, toCsamHostAsset } from "@/lib/qualys/csam";
import { asConnectorError } from "@/lib/qualys/explain-failure";
import { createGatewayClient, type GatewayClientOptions } from "@/lib/qualys/gateway-client";
import type { TypedRecordPage } from "@/lib/qualys/record-page";
import type { RunErrorInput } from "@/lib/runs/repository";

import { csamToHostAssetRecord } from "./host-asset-record";
import { csamTagNames, type CsamApiConfig, type CsamApiSecrets } from "./schema";

export type CsamContext = ConnectorContext<CsamApiConfig, CsamApiSecrets>;

/** Transport knobs tests and the benchmark set; a run uses the defaults. */
export type CsamReadOptions = Partial<
  Pick<
    GatewayClientOptions,
    "retryPolicy" | "sleep" | "timeoutMs" | "pageAttempts" | "now" | "fetch"
  >
> & { pageSize?: number };

const MAX_RAW_CHARS = 2000;

export function gatewayClientFor(context: CsamContext, options: CsamReadOptions = {}) {
  return createGatewayClient({
    ...options,
    baseUrl: context.config.baseUrl,
    credentials: { username: context.secrets.username, password: context.secrets.password },
    allowPrivateNetworks: context.allowPrivateNetworks,
    signal: context.signal,
    onRetry: (event) =>
      context.log("CSAM call retried", {
        attempt: event.attempt,
        delayMs: event.delayMs,
        reason: event.reason,
        url: event.url,
      }),
  });
}

function rawText(raw: unknown): string {
  try {
    return JSON.stringify(raw).slice(0, MAX_RAW_CHARS);
  } catch {
    return String(raw).slice(0, MAX_RAW_CHARS);
  }
}

/**
 * Every CSAM asset matching the connector's tag filter (and, after the first
 * successful run, changed since it), as Host Asset records, one page of up to
 * 300 per call. Pages are keyset-paged by asset ID and shift as assets
 * change, so they are not replayable: `sourceKey` is null.
 */
export async function* readCsamAssets(
  context: CsamContext & { since: Date | null },
  options: CsamReadOptions = {},
): AsyncGenerator<TypedRecordPage> {
  try {
    yield* csamPages(context, options);
  } catch (error) {
    throw asConnectorError(error, context.signal);
  }
}

async function* csamPages(
  context: CsamContext & { since: Date | null },
  options: CsamReadOptions,
): AsyncGenerator<TypedRecordPage> {
  const client = gatewayClientFor(context, options);
  const tagNames = csamTagNames(context.config);
  const search = (lastSeenAssetId: string | undefined) => {
    const pending = client.searchAssets({
      lastSeenAssetId,
      pageSize: options.pageSize,
      tagNames,
      updatedSince: context.since ?? undefined,
    });
    // Awaited on the next turn; this only keeps an abandoned prefetch quiet.
    pending.catch(() => {});
    return pending;
  };
  let lastSeenAssetId: string | undefined;
  let pending = search(undefined);
  let line = 0;
  let pageNumber = 0;
  for (;;) {
    const page = await pending;
    context.signal.throwIfAborted();
    pageNumber += 1;
    const next = page.hasMore ? page.nextLastSeenAssetId : undefined;
    if (next !== undefined && next === lastSeenAssetId) {
      throw new ConnectorError(
        `CSAM returned the same page twice (lastSeenAssetId ${lastSeenAssetId}); stopping so the run does not loop.`,
      );
    }
    // Ask for the next page while this one is mapped and written: the gateway
    // takes far longer to answer than the mapping takes.
    if (next !== undefined) pending = search(next);
    const records: ModelRecordPage["records"] = [];
    const errors: RunErrorInput[] = [];
    for (const raw of page.assets) {
      line += 1;
      try {
        // The pipeline validates each record against the Host Asset model;
        // here only assets that cannot be read at all become row errors.
        records.push({ line, record: csamToHostAssetRecord(toCsamHostAsset(raw)) });
      } catch (error) {
        if (!(error instanceof CsamAssetError)) throw error;
        errors.push({ line, reason: error.message, raw: rawText(raw) });
      }
    }
    yield {
      dataModel: hostAssetModel.key,
      sourceKey: null,
      version: `page-${pageNumber}-after-${lastSeenAssetId ?? "0"}`,
      records,
      errors,
    };
    if (next === undefined) return;
    lastSeenAssetId = next;
  }
}
