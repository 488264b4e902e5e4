// "Process existing objects": the vendor's Lambda never sees files that were
// in the bucket before it was set up. A backfill run lists the prefix and
// ingests what the ingest ledger lacks, so running it again, or alongside
// events and scheduled scans, ingests nothing twice.
import type { ConnectorContext, SourceFile } from "@/lib/connectors/definition";
import {
  connectS3,
  listObjectPages,
  normalizeEtag,
  s3File,
  sourceKeyOf,
  type S3CsvContext,
  type S3ObjectSummary,
} from "@/lib/connectors/s3-csv/source";
import { s3CsvConfigSchema } from "@/lib/connectors/s3-csv/schema";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { alreadyDone } from "@/lib/ingest/ledger";
import { executeRun } from "@/lib/ingest/pipeline";
import { enqueue } from "@/lib/jobs/boss";
import { connectorBackfillJob } from "@/lib/jobs/definitions/connector-object";
import { insertRun, setRunJob, setRunTotals } from "@/lib/runs/repository";
import { EVENT_CONNECTOR_TYPE } from "./intake";
import { findConnectorInTenant } from "./repository";

export async function startBackfill(options: { tenantId: string; connectorId: string }) {
  const connector = await findConnectorInTenant(options.tenantId, options.connectorId);
  if (!connector) throw new NotFoundError("That connector does not exist in your tenant.");
  if (connector.type !== EVENT_CONNECTOR_TYPE) {
    throw new ConflictError("Only AWS S3 CSV connectors have existing objects to process.");
  }
  const config = s3CsvConfigSchema.safeParse(connector.config);
  if (!config.success) {
    throw new ConflictError("The connector's settings are not valid; edit the connector first.");
  }
  const run = await insertRun({
    tenantId: connector.tenantId,
    connectorId: connector.id,
    trigger: "BACKFILL",
    source: `s3://${config.data.bucket}/${config.data.prefix}`,
  });
  const jobId = await enqueue(connectorBackfillJob, { runId: run.id });
  await setRunJob(run.id, jobId);
  return { runId: run.id };
}

async function missingFrom(connectorId: string, page: S3ObjectSummary[], bucket: string) {
  const keys = page.map((o) => ({
    sourceKey: sourceKeyOf(bucket, o.key),
    version: normalizeEtag(o.etag),
  }));
  const done = await alreadyDone(connectorId, keys);
  return page.filter((_, i) => !done.has(`${keys[i].sourceKey}\u0000${keys[i].version}`));
}

/**
 * Two listings: the first only counts what is missing, page by page, so the
 * run's progress bar has a total that grows while listing a large bucket and
 * is right before the first object is read; the second ingests. Listing is
 * cheap next to ingesting (a thousand keys per request), and holding the
 * missing keys in memory between the two would not be for millions of them.
 */
async function* backfillFiles(
  context: ConnectorContext<unknown, unknown>,
  runId: string,
  pageSize?: number,
): AsyncIterable<SourceFile> {
  const s3Context = context as S3CsvContext;
  const { bucket } = s3Context.config;
  // Not destroyed when the listing ends: the last objects are still being read.
  const client = await connectS3(s3Context);
  let missing = 0;
  await setRunTotals(runId, { objectsTotal: 0 });
  for await (const page of listObjectPages(s3Context, client, { pageSize })) {
    missing += (await missingFrom(context.connectorId, page, bucket)).length;
    await setRunTotals(runId, { objectsTotal: missing });
  }
  for await (const page of listObjectPages(s3Context, client, { pageSize })) {
    for (const object of await missingFrom(context.connectorId, page, bucket)) {
      yield s3File(client, bucket, object);
    }
  }
}

/** The connector.backfill job. `pageSize` is for tests that want many listing pages. */
export function runBackfill(runId: string, options: { pageSize?: number } = {}) {
  return executeRun(runId, {
    files: (context) => backfillFiles(context, runId, options.pageSize),
  });
}
