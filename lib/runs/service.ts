import { mkdir, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import { dirname } from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform, type Readable } from "node:stream";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/boss";
import { connectorRunJob } from "@/lib/jobs/definitions/connector-run";
import { uploadPath } from "@/lib/ingest/pipeline";
import type { RunTrigger } from "@/lib/generated/prisma/enums";
import { findRun, insertRun, listRunErrors, setRunJob, finishRun } from "./repository";

async function connectorInTenant(tenantId: string, connectorId: string) {
  const connector = await db.connector.findFirst({
    where: { id: connectorId, tenantId },
    select: { id: true, type: true, config: true },
  });
  if (!connector) throw new NotFoundError("That connector does not exist in your tenant.");
  return connector;
}

async function queue(runId: string) {
  const jobId = await enqueue(connectorRunJob, { runId });
  await setRunJob(runId, jobId);
  return { runId };
}

/** "Run now": read every object under the prefix that the ledger has not seen. */
export async function startRun(options: {
  tenantId: string;
  connectorId: string;
  profileId?: string;
  trigger?: RunTrigger;
}) {
  const connector = await connectorInTenant(options.tenantId, options.connectorId);
  const config = connector.config as { bucket?: string; prefix?: string };
  const run = await insertRun({
    tenantId: options.tenantId,
    connectorId: connector.id,
    profileId: options.profileId ?? null,
    trigger: options.trigger ?? "MANUAL",
    source: config.bucket ? `s3://${config.bucket}/${config.prefix ?? ""}` : connector.type,
  });
  return queue(run.id);
}

/** Streams an uploaded CSV to disk (never into memory), then queues its run. */
export async function startUploadRun(options: {
  tenantId: string;
  connectorId: string;
  transformMapId: string;
  fileName: string;
  body: Readable;
  maxBytes?: number;
}) {
  const connector = await connectorInTenant(options.tenantId, options.connectorId);
  const map = await db.transformMap.findFirst({
    where: { id: options.transformMapId, tenantId: options.tenantId },
    select: { id: true },
  });
  if (!map)
    throw new ValidationError("Choose a transform map of this tenant.", {
      transformMapId: ["Unknown transform map."],
    });
  const run = await insertRun({
    tenantId: options.tenantId,
    connectorId: connector.id,
    trigger: "UPLOAD",
    source: options.fileName,
  });
  await db.run.update({
    where: { id: run.id },
    data: { transformMapId: map.id },
    select: { id: true },
  });
  const path = uploadPath(run.id);
  await mkdir(dirname(path), { recursive: true });
  let bytes = 0;
  const limit = options.maxBytes ?? Number.MAX_SAFE_INTEGER;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback(
        bytes > limit ? new ValidationError("The file is larger than the upload limit.") : null,
        chunk,
      );
    },
  });
  try {
    await pipeline(options.body, counter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    await finishRun(run.id, "FAILED", "The upload did not complete.");
    throw error;
  }
  if (bytes === 0) {
    await rm(path, { force: true });
    await finishRun(run.id, "FAILED", "The uploaded file is empty.");
    throw new ValidationError("The uploaded file is empty.", { file: ["The file is empty."] });
  }
  await db.run.update({
    where: { id: run.id },
    data: { bytesTotal: BigInt(bytes) },
    select: { id: true },
  });
  return queue(run.id);
}

export async function getRunView(options: { tenantId: string; runId: string }) {
  const run = await findRun(options.tenantId, options.runId);
  if (!run) throw new NotFoundError("That run does not exist in your tenant.");
  const errorCount = await db.runError.count({ where: { runId: run.id } });
  return {
    id: run.id,
    connector: run.connector,
    trigger: run.trigger,
    state: run.state,
    source: run.source,
    bytesTotal: run.bytesTotal === null ? null : Number(run.bytesTotal),
    bytesRead: Number(run.bytesRead),
    objectsTotal: run.objectsTotal,
    objectsDone: run.objectsDone,
    rowsRead: run.rowsRead,
    created: run.created,
    updated: run.updated,
    unchanged: run.unchanged,
    rejected: run.rejected,
    skipped: run.skipped,
    fixed: run.fixed,
    error: run.error,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    createdAt: run.createdAt,
    errorCount,
  };
}

export async function getRunErrors(options: {
  tenantId: string;
  runId: string;
  cursor?: string;
  limit: number;
}) {
  const run = await findRun(options.tenantId, options.runId);
  if (!run) throw new NotFoundError("That run does not exist in your tenant.");
  const rows = await listRunErrors(run.id, {
    afterId: options.cursor ? BigInt(options.cursor) : undefined,
    take: options.limit + 1,
  });
  const items = rows.slice(0, options.limit).map((r) => ({
    id: r.id.toString(),
    sourceKey: r.sourceKey,
    line: r.line,
    column: r.column,
    reason: r.reason,
  }));
  return { items, nextCursor: rows.length > options.limit ? items[items.length - 1].id : null };
}
