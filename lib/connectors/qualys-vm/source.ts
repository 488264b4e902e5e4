import type { ConnectorContext } from "@/lib/connectors/definition";
import { hostAssetModel } from "@/lib/datamodels/host-asset";
import { vulnerabilityFindingModel } from "@/lib/datamodels/vulnerability-finding";
import { asConnectorError } from "@/lib/qualys/explain-failure";
import type { KnowledgeBaseVuln } from "@/lib/qualys/knowledge-base";
import type { TypedRecordPage } from "@/lib/qualys/record-page";
import type { RejectedRecord } from "@/lib/qualys/vm-common";
import { createVmClient, type VmClient, type VmClientOptions } from "@/lib/qualys/vm-client";
import type { RunErrorInput } from "@/lib/runs/repository";

import { detectionToFindingRecord, vmHostToHostAssetRecord } from "./records";
import type { QualysVmConfig, QualysVmSecrets } from "./schema";

export type QualysVmContext = ConnectorContext<QualysVmConfig, QualysVmSecrets>;

export type QualysVmReadOptions = Partial<
  Pick<VmClientOptions, "retryPolicy" | "sleep" | "timeoutMs" | "pageAttempts" | "fetch">
> & {
  /** Overrides the configured truncation limit (tests use small pages). */
  truncationLimit?: number;
  /** Cross-run KnowledgeBase cache; the module-wide one unless given. */
  knowledgeBaseCache?: KnowledgeBaseCache;
};

/**
 * KnowledgeBase entries by platform and QID, kept between runs in this
 * process. QID descriptions change rarely (Qualys revises some daily at
 * most), so a day-old entry is good enough and saves a call per run.
 */
export class KnowledgeBaseCache {
  private readonly entries = new Map<string, { vuln: KnowledgeBaseVuln; storedAt: number }>();

  constructor(
    private readonly maxAgeMs = 24 * 60 * 60 * 1000,
    private readonly maxEntries = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(platform: string, qid: number): KnowledgeBaseVuln | undefined {
    const key = `${platform} ${qid}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.storedAt > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.vuln;
  }

  set(platform: string, vuln: KnowledgeBaseVuln): void {
    const key = `${platform} ${vuln.qid}`;
    this.entries.delete(key);
    this.entries.set(key, { vuln, storedAt: this.now() });
    // Oldest first in a Map: drop from the front when full.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

const sharedKnowledgeBase = new KnowledgeBaseCache();

export function vmClientFor(context: QualysVmContext, options: QualysVmReadOptions = {}): VmClient {
  return createVmClient({
    ...options,
    apiUrl: context.config.apiUrl,
    credentials: { username: context.secrets.username, password: context.secrets.password },
    allowPrivateNetworks: context.allowPrivateNetworks,
    signal: context.signal,
    onRetry: (event) =>
      context.log("Qualys VM call retried", {
        attempt: event.attempt,
        delayMs: event.delayMs,
        reason: event.reason,
        url: event.url,
      }),
  });
}

function rejectedToError(rejected: RejectedRecord, line: number | null): RunErrorInput {
  const what =
    rejected.kind === "detection"
      ? `Detection ${rejected.index + 1}${rejected.qid ? ` (QID ${rejected.qid})` : ""} of host ${rejected.hostId ?? "?"}`
      : rejected.kind === "host"
        ? `Host ${rejected.hostId ?? `at position ${rejected.index + 1}`}`
        : `KnowledgeBase entry ${rejected.qid ?? rejected.index + 1}`;
  return { line, reason: `${what} could not be read: ${rejected.reason}` };
}

/**
 * Looks up the QIDs of a page in the KnowledgeBase: first this run's cache,
 * then (when enabled) the cache shared across runs, then Qualys in chunks.
 */
async function knowledgeFor(
  qids: Set<number>,
  client: VmClient,
  runCache: Map<number, KnowledgeBaseVuln | null>,
  shared: KnowledgeBaseCache | undefined,
  platform: string,
): Promise<void> {
  const missing: number[] = [];
  for (const qid of qids) {
    if (runCache.has(qid)) continue;
    const cached = shared?.get(platform, qid);
    if (cached) runCache.set(qid, cached);
    else missing.push(qid);
  }
  if (missing.length === 0) return;
  const found = await client.knowledgeBase(missing);
  for (const qid of missing) {
    const vuln = found.get(qid);
    // Remember misses too, so a QID absent from the KB is asked for once per run.
    runCache.set(qid, vuln ?? null);
    if (vuln) shared?.set(platform, vuln);
  }
}

/**
 * Hosts (as Host Asset records) and/or detections (as Vulnerability Finding
 * records enriched from the KnowledgeBase), following Qualys's truncation
 * paging to the end. After a first successful run only detections processed
 * since then are asked for. Pages are not replayable, so `sourceKey` is null.
 */
export async function* readQualysVm(
  context: QualysVmContext & { since: Date | null },
  options: QualysVmReadOptions = {},
): AsyncGenerator<TypedRecordPage> {
  try {
    yield* vmPages(context, options);
  } catch (error) {
    throw asConnectorError(error, context.signal);
  }
}

async function* vmPages(
  context: QualysVmContext & { since: Date | null },
  options: QualysVmReadOptions,
): AsyncGenerator<TypedRecordPage> {
  const client = vmClientFor(context, options);
  const truncationLimit = options.truncationLimit ?? context.config.truncationLimit;
  const contentTypes = new Set(context.config.contentTypes);
  let line = 0;

  if (contentTypes.has("HOSTS")) {
    let pageNumber = 0;
    for await (const page of client.hostPages({ truncationLimit })) {
      pageNumber += 1;
      const records = page.hosts.map((host) => ({
        line: ++line,
        record: vmHostToHostAssetRecord(host),
      }));
      yield {
        dataModel: hostAssetModel.key,
        sourceKey: null,
        version: `hosts-page-${pageNumber}`,
        records,
        errors: page.rejected.map((rejected) => rejectedToError(rejected, null)),
      };
    }
  }

  if (contentTypes.has("VULNERABILITIES")) {
    const runCache = new Map<number, KnowledgeBaseVuln | null>();
    const shared = context.config.cacheKnowledgeBase
      ? (options.knowledgeBaseCache ?? sharedKnowledgeBase)
      : undefined;
    let pageNumber = 0;
    for await (const page of client.detectionPages({
      truncationLimit,
      processedAfter: context.since ?? undefined,
    })) {
      pageNumber += 1;
      const qids = new Set(
        page.hosts.flatMap((host) => host.detections.map((detection) => detection.qid)),
      );
      await knowledgeFor(qids, client, runCache, shared, context.config.apiUrl);
      const records: TypedRecordPage["records"] = [];
      for (const host of page.hosts) {
        for (const detection of host.detections) {
          records.push({
            line: ++line,
            record: detectionToFindingRecord(
              host,
              detection,
              runCache.get(detection.qid) ?? undefined,
            ),
          });
        }
      }
      yield {
        dataModel: vulnerabilityFindingModel.key,
        sourceKey: null,
        version: `detections-page-${pageNumber}`,
        records,
        errors: page.rejected.map((rejected) => rejectedToError(rejected, null)),
      };
    }
  }
}
