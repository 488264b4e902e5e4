// One run of a connector, end to end: source → parse → transform map →
// validate → identify and upsert in batches → run counts. Everything streams;
// the only thing held in memory is one batch.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setImmediate as yieldToIo } from "node:timers/promises";
import { getConnectorDefinition } from "@/lib/connectors/registry";
import {
  ConnectorError,
  type ConnectorContext,
  type SourceFile,
} from "@/lib/connectors/definition";
import { findBuiltInDataModel } from "@/lib/datamodels/built-in-models";
import type { IdentifierKind } from "@/lib/identity/identifiers";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { decryptSecrets } from "@/lib/secrets/crypto";
import {
  addRunErrors,
  addRunProgress,
  finishRun,
  markRunProcessing,
  setRunTotals,
  type RunErrorInput,
} from "@/lib/runs/repository";
import { readCsv } from "./csv-reader";
import { writeBehind } from "./write-behind";
import { HostCache } from "./host-cache";
import { claim, complete } from "./ledger";
import type { IngestRecord } from "./record";
import { recomputeRiskScores } from "@/lib/risk/service";
import { loadRunPlan, setConnectorState, type RunPlan } from "./run-plan";
import {
  beginRunFindings,
  forgetSeenFindings,
  markMissingFindingsFixed,
  prepareBatch,
  writePrepared,
  type PreparedBatch,
  type RunFindings,
  type SinkContext,
} from "./sink";
import { toIngestRecord } from "./to-ingest-record";
import { compileTransformMap, missingSourceColumns } from "./transforms";
import { createRecordValidator } from "./validate-record";

export function uploadPath(runId: string) {
  return join(resolve(env().SLUICE_DATA_DIR), "uploads", `${runId}.csv`);
}

class RunFailure extends Error {}

type Counters = { rejected: number };

type Validate = (
  record: Record<string, unknown>,
) => { ok: true; record: unknown } | { ok: false; errors: { column: string; reason: string }[] };

/** Records waiting for their write, with what was read to produce them. */
type Pending = {
  records: IngestRecord[];
  errors: RunErrorInput[];
  counters: Counters;
  read: { rowsRead: number; bytesRead: number };
};

const emptyPending = (): Pending => ({
  records: [],
  errors: [],
  counters: { rejected: 0 },
  read: { rowsRead: 0, bytesRead: 0 },
});

/**
 * Validates one transformed record and maps it onto the inventory's shape, or
 * notes why it was rejected.
 */
function admit(
  pending: Pending,
  dataModelKey: string,
  record: Record<string, unknown>,
  line: number,
  validate: Validate,
  sourceKey: string | null,
) {
  const valid = validate(record);
  if (!valid.ok) {
    pending.counters.rejected++;
    for (const e of valid.errors)
      pending.errors.push({ sourceKey, line, column: e.column, reason: e.reason });
    return;
  }
  pending.records.push(toIngestRecord(dataModelKey, valid.record as Record<string, unknown>, line));
}

/**
 * Writes one prepared batch, then hands what to record on the run (errors,
 * counts) to `record`; the touched assets are noted at once.
 */
async function writeRecords(
  plan: RunPlan,
  sink: SinkContext,
  batch: PreparedBatch,
  sourceKey: string | null,
  errors: RunErrorInput[],
  counters: Counters,
  read: { rowsRead: number; bytesRead?: number },
  record: (task: () => Promise<void>) => void,
) {
  const result = await writePrepared(batch, sink);
  for (const line of result.unidentified) {
    counters.rejected++;
    errors.push({
      sourceKey,
      line,
      reason: "no usable host identifier (IP, DNS name, NetBIOS name, host ID …)",
    });
  }
  for (const id of result.touchedAssetIds) plan.touchedAssets.add(id);
  record(async () => {
    await addRunErrors(plan.runId, errors);
    await addRunProgress(plan.runId, {
      ...read,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: counters.rejected,
    });
  });
}

/**
 * Rows a file's records are written in; the reader hands them over in smaller
 * pieces. With two batches queued, 1,000 rows hold as much as one 2,000-row
 * batch did: as fast in bench:csv, and peak RSS 439-477 MB against 484-517.
 */
const WRITE_BATCH = 1000;
const READ_BATCH = 250;

/**
 * Parses one CSV file with the plan's transform map and writes it to the
 * inventory. Each row goes from cells to an inventory record at once, so only
 * those compact records wait for their batch's write: fewer objects live long
 * enough for the garbage collector to copy them.
 */
async function ingestFile(plan: RunPlan, sink: SinkContext, file: SourceFile) {
  if (!plan.mappings.length)
    throw new RunFailure(
      "The profile has no transform map with field mappings: add one to the connector.",
    );
  const compiled = compileTransformMap(plan.mappings);
  const model = findBuiltInDataModel(plan.dataModelKey);
  if (!model) throw new RunFailure(`Unknown data model ${plan.dataModelKey}.`);
  const validate = createRecordValidator(model.recordSchema, plan.mappings);
  const stream = await file.open();
  const { sourceKey } = file;
  let lastBytes = 0;
  // Two batches may wait for the database: its pace varies (checkpoints,
  // new hosts), and a queue keeps reading going meanwhile (bench:csv ratio
  // 0.50-0.55 against 0.49-0.54 with one).
  const writes = writeBehind(2);
  let pending = emptyPending();
  let checkedHeader = false;
  for await (const batch of readCsv(stream, {
    preambleLines: plan.preambleLines,
    delimiter: plan.delimiter,
    batchSize: READ_BATCH,
  })) {
    const { errors, counters } = pending;
    const fatal = batch.errors.find((e) => e.fatal);
    if (fatal) throw new RunFailure(`${file.name}: ${fatal.reason}`);
    if (!checkedHeader && batch.header.length) {
      checkedHeader = true;
      const missing = missingSourceColumns(batch.header, plan.mappings);
      const used = new Set(plan.mappings.map((m) => m.sourceField));
      if (missing.length === used.size) {
        throw new RunFailure(
          `${file.name}: the header matches none of the transform map's source fields (${[...used].slice(0, 4).join(", ")} …). Choose the transform map made for this file's layout.`,
        );
      }
      for (const column of missing) {
        errors.push({
          sourceKey,
          line: plan.preambleLines + 1,
          column,
          reason: `column "${column}" is not in the file's header; its mapping was left empty`,
        });
      }
    }
    for (const e of batch.errors) {
      counters.rejected++;
      errors.push({ sourceKey, line: e.line, column: e.column, reason: e.reason });
    }
    for (const [index, { line, values }] of batch.rows.entries()) {
      // Lets the write in flight have its round trips answered meanwhile.
      if (index % 50 === 49) await yieldToIo();
      const result = compiled.apply(values);
      if (result.errors.length) {
        counters.rejected++;
        for (const e of result.errors)
          errors.push({ sourceKey, line, column: e.column, reason: e.reason });
        continue;
      }
      admit(pending, plan.dataModelKey, result.record, line, validate, sourceKey);
    }
    pending.read.rowsRead += batch.rows.length + batch.errors.length;
    pending.read.bytesRead += batch.bytesRead - lastBytes;
    lastBytes = batch.bytesRead;
    for (const reason of batch.notices) errors.push({ sourceKey, line: 0, reason });
    if (batch.done || pending.records.length + counters.rejected >= WRITE_BATCH) {
      const { records, read } = pending;
      const prepared = prepareBatch(records, sink);
      pending = emptyPending();
      await writes.next(() =>
        writeRecords(plan, sink, prepared, sourceKey, errors, counters, read, writes.record),
      );
    }
  }
  await writes.done();
}

async function runFiles(
  plan: RunPlan,
  sink: SinkContext,
  context: ConnectorContext<unknown, unknown>,
  /** The files to ingest, when not the source's own listing (S3 events, backfill). */
  files?: AsyncIterable<SourceFile>,
) {
  const definition = getConnectorDefinition(plan.connectorType)!;
  if (definition.source.kind !== "files")
    throw new RunFailure("This connector does not read files.");
  const concurrency = Math.max(
    1,
    Number((plan.config as { concurrency?: number }).concurrency ?? 2),
  );
  const inFlight = new Set<Promise<void>>();
  let total = 0;
  const ingestOne = async (file: SourceFile) => {
    const key = {
      tenantId: plan.tenantId,
      connectorId: plan.connectorId,
      sourceKey: file.sourceKey,
      version: file.version,
    };
    if (!file.name.toLowerCase().endsWith(".csv")) {
      await complete(key, "SKIPPED", "not a .csv object", plan.runId);
      await addRunProgress(plan.runId, { skipped: 1, objectsDone: 1 });
      return;
    }
    if (!(await claim({ ...key, runId: plan.runId, sizeBytes: file.sizeBytes }))) {
      await addRunProgress(plan.runId, { objectsDone: 1 });
      return;
    }
    try {
      await ingestFile(plan, sink, file);
      await complete(key, "INGESTED", undefined, plan.runId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await complete(key, "FAILED", reason, plan.runId);
      await addRunErrors(plan.runId, [{ sourceKey: file.sourceKey, line: 0, reason }]);
      plan.failedObjects++;
    }
    await addRunProgress(plan.runId, { objectsDone: 1 });
  };
  for await (const file of files ?? definition.source.list(context)) {
    total++;
    const task = ingestOne(file).finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await setRunTotals(plan.runId, { objectsTotal: total });
}

async function runRecords(
  plan: RunPlan,
  sink: SinkContext,
  context: ConnectorContext<unknown, unknown>,
) {
  const definition = getConnectorDefinition(plan.connectorType)!;
  if (definition.source.kind !== "records")
    throw new RunFailure("This connector does not read records.");
  const validators = new Map<string, Validate>();
  const validatorFor = (key: string) => {
    let validate = validators.get(key);
    if (!validate) {
      const model = findBuiltInDataModel(key);
      if (!model) throw new RunFailure(`Unknown data model ${key}.`);
      validate = createRecordValidator(model.recordSchema, []);
      validators.set(key, validate);
    }
    return validate;
  };
  // The next page is fetched while this one is written (hosts stay before their
  // detections); a deeper queue was slower for CSAM pages.
  const writes = writeBehind(1);
  for await (const page of definition.source.read({ ...context, since: plan.since })) {
    const modelKey = page.dataModel ?? plan.dataModelKey;
    const validate = validatorFor(modelKey);
    const pending = emptyPending();
    pending.errors.push(...page.errors);
    pending.counters.rejected = page.errors.length;
    for (const [index, { line, record }] of page.records.entries()) {
      // Lets the write in flight have its round trips answered meanwhile.
      if (index % 50 === 49) await yieldToIo();
      admit(pending, modelKey, record, line, validate, page.sourceKey);
    }
    const { errors, counters } = pending;
    const prepared = prepareBatch(pending.records, sink);
    await writes.next(() =>
      writeRecords(
        plan,
        sink,
        prepared,
        page.sourceKey,
        errors,
        counters,
        { rowsRead: page.records.length + page.errors.length },
        writes.record,
      ),
    );
  }
  await writes.done();
}

/**
 * What every run does once its records are in: findings of the assets it
 * reported that it no longer saw become Fixed (unless the run was partial or
 * the profile keeps their status), and the assets it touched are re-scored.
 * Both go at once (the sweep writes findings, scoring writes assets, so they
 * cannot block each other); the few assets the sweep changed are scored again
 * after it.
 */
async function afterIngest(plan: RunPlan, run: RunFindings) {
  const { tenantId } = plan;
  const touched = [...plan.touchedAssets];
  const [swept] = await Promise.all([
    markMissingFindingsFixed(run, plan.connectorId, {
      apply: plan.failedObjects === 0 && !plan.keepFindingStatus,
    }),
    touched.length > 0 ? recomputeRiskScores({ tenantId, assetIds: touched }) : null,
  ]);
  if (swept.fixed > 0) {
    await addRunProgress(plan.runId, { fixed: swept.fixed });
    await recomputeRiskScores({ tenantId, assetIds: swept.assetIds });
  }
}

/**
 * Runs one run to its end state and answers it ("SKIPPED" when the run is
 * gone or already over). By default the run reads what its trigger says: an
 * upload, the source's listing, or the source's records. `files` names the
 * objects instead (S3 events, a backfill's listing); it gets the run's
 * context, so it can build its client from the connector's settings and
 * decrypted credentials.
 */
export async function executeRun(
  runId: string,
  options: {
    files?: (context: ConnectorContext<unknown, unknown>) => AsyncIterable<SourceFile>;
  } = {},
): Promise<"PROCESSED" | "FAILED" | "SKIPPED"> {
  const plan = await loadRunPlan(runId);
  if (!plan) return "SKIPPED";
  await markRunProcessing(runId);
  await setConnectorState(plan.connectorId, "PROCESSING");
  const fail = async (reason: string) => {
    await finishRun(runId, "FAILED", reason);
    await setConnectorState(plan.connectorId, "FAILED");
    return "FAILED" as const;
  };
  const definition = getConnectorDefinition(plan.connectorType);
  if (!definition) return fail(`Sluice has no connector type "${plan.connectorType}".`);
  const config = definition.configSchema.safeParse(plan.config);
  if (!config.success) {
    const problems = config.error.issues
      .map((i) => `${i.path.join(".") || "settings"}: ${i.message}`)
      .join("; ");
    return fail(
      `The connector's settings are not valid (${problems}). Edit the connector and save it again.`,
    );
  }
  const run = await beginRunFindings(runId);
  const sink: SinkContext = {
    tenantId: plan.tenantId,
    connectorId: plan.connectorId,
    sourceName: plan.sourceName,
    rules: plan.rules as IdentifierKind[],
    hosts: new HostCache(),
    run,
  };
  const controller = new AbortController();
  const context: ConnectorContext<unknown, unknown> = {
    tenantId: plan.tenantId,
    connectorId: plan.connectorId,
    config: config.data,
    secrets: plan.secrets ? decryptSecrets(plan.secrets, env().SLUICE_SECRET_KEY) : {},
    allowPrivateNetworks: env().SLUICE_ALLOW_PRIVATE_NETWORKS,
    signal: controller.signal,
    log: (message, fields) => logger.info(message, { runId, ...fields }),
  };
  try {
    if (options.files) {
      await runFiles(plan, sink, context, options.files(context));
    } else if (plan.trigger === "UPLOAD") {
      const path = uploadPath(runId);
      const size = (await stat(path)).size;
      await setRunTotals(runId, { bytesTotal: BigInt(size), objectsTotal: 1 });
      await ingestFile(plan, sink, {
        sourceKey: `upload:${runId}`,
        version: "",
        name: plan.source,
        sizeBytes: size,
        open: async () => createReadStream(path),
      });
      await addRunProgress(runId, { objectsDone: 1 });
    } else if (definition.source.kind === "files") {
      await runFiles(plan, sink, context);
    } else {
      await runRecords(plan, sink, context);
    }
    await afterIngest(plan, run);
    if (plan.failedObjects > 0) {
      return await fail(
        `${plan.failedObjects} object(s) could not be ingested; see the row errors.`,
      );
    }
    await finishRun(runId, "PROCESSED");
    await setConnectorState(plan.connectorId, "PROCESSED");
    return "PROCESSED";
  } catch (error) {
    const known = error instanceof RunFailure || error instanceof ConnectorError;
    if (!known) logger.error("run failed", { runId, error });
    return fail(
      known ? error.message : `The run stopped: ${(error as Error)?.message ?? String(error)}`,
    );
  } finally {
    controller.abort();
    // A failed run forgets the finding keys it noted (a finished one already did).
    await forgetSeenFindings(runId).catch(() => {});
  }
}
