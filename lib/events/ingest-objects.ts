// The connector.object worker: a batch of queued objects becomes one run per
// connector (trigger S3_EVENT) whose files are exactly those objects. The
// ledger decides who ingests what, so a duplicate delivery, a second worker
// holding the same object, or a scheduled scan that found it first all end
// with one ingest.
import { findConnectorForIntake } from "./repository";
import { alreadyDone } from "@/lib/ingest/ledger";
import { executeRun } from "@/lib/ingest/pipeline";
import { connectS3, s3File, sourceKeyOf, type S3CsvContext } from "@/lib/connectors/s3-csv/source";
import type { ConnectorContext, SourceFile } from "@/lib/connectors/definition";
import { insertRun, setRunTotals } from "@/lib/runs/repository";
import { logger } from "@/lib/logger";
import type { ObjectJobPayload } from "./schema";

async function* eventFiles(
  context: ConnectorContext<unknown, unknown>,
  objects: ObjectJobPayload[],
): AsyncIterable<SourceFile> {
  const s3Context = context as S3CsvContext;
  // Not destroyed when the list ends: the last objects are still being read.
  const client = await connectS3(s3Context);
  for (const object of objects) {
    yield s3File(client, object.bucket, {
      key: object.key,
      etag: object.version,
      size: object.size,
      versionId: object.versionId,
    });
  }
}

/** Ingests one batch of object jobs; answers the runs it started. */
export async function processObjectJobs(jobs: { payload: ObjectJobPayload }[]): Promise<string[]> {
  const byConnector = new Map<string, ObjectJobPayload[]>();
  for (const { payload } of jobs) {
    const list = byConnector.get(payload.connectorId) ?? [];
    list.push(payload);
    byConnector.set(payload.connectorId, list);
  }
  const runIds: string[] = [];
  for (const [connectorId, payloads] of byConnector) {
    const connector = await findConnectorForIntake(connectorId);
    // Deleted since the event arrived: nothing left to ingest into.
    if (!connector || connector.tenantId !== payloads[0].tenantId) continue;

    const unique = new Map<string, ObjectJobPayload>();
    for (const p of payloads) unique.set(`${sourceKeyOf(p.bucket, p.key)}\u0000${p.version}`, p);
    const done = await alreadyDone(
      connectorId,
      [...unique.values()].map((p) => ({
        sourceKey: sourceKeyOf(p.bucket, p.key),
        version: p.version,
      })),
    );
    // Redeliveries of what the ledger already holds start no run at all.
    const todo = [...unique.entries()].filter(([id]) => !done.has(id)).map(([, p]) => p);
    if (todo.length === 0) continue;

    const bucket = todo[0].bucket;
    const run = await insertRun({
      tenantId: connector.tenantId,
      connectorId,
      trigger: "S3_EVENT",
      source:
        todo.length === 1
          ? sourceKeyOf(bucket, todo[0].key)
          : `s3://${bucket}/ (${todo.length} objects from events)`,
    });
    await setRunTotals(run.id, { objectsTotal: todo.length });
    const state = await executeRun(run.id, { files: (context) => eventFiles(context, todo) });
    if (state === "FAILED") {
      // Objects the run never claimed stay out of the ledger, so "Process
      // existing objects" picks them up once the cause is fixed.
      logger.warn("event run failed", { runId: run.id, connectorId, objects: todo.length });
    }
    runIds.push(run.id);
  }
  return runIds;
}
