// POST /api/v1/connectors/{id}/events: authenticate, read the S3 event
// notifications, queue one connector.object job per CSV object and answer.
// Nothing here reads S3 or the inventory, so the answer is fast however many
// events arrive; the jobs wait in pg-boss until a worker has room.
import { getConnectorDefinition } from "@/lib/connectors/registry";
import { s3CsvConfigSchema } from "@/lib/connectors/s3-csv/schema";
import { normalizeEtag, sourceKeyOf } from "@/lib/connectors/s3-csv/source";
import {
  isCsvKeyUnderPrefix,
  parseS3Notification,
  S3EventParseError,
  type S3ObjectEvent,
} from "@/lib/aws/s3-events";
import { ConflictError, NotFoundError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { enqueueMany } from "@/lib/jobs/boss";
import { connectorObjectJob } from "@/lib/jobs/definitions/connector-object";
import { intakeTokenMatches, looksLikeIntakeToken } from "./intake-token";
import { findConnectorForIntake, recordSkippedObjects, type IntakeConnector } from "./repository";
import { intakeBodySchema, MAX_INTAKE_RECORDS, type ObjectJobPayload } from "./schema";

export const EVENT_CONNECTOR_TYPE = "s3-csv";

// A burst is a thousand requests a second for one connector; its row is read
// once per CACHE_MS rather than once per request. A rotation in this process
// forgets the entry at once; other processes accept the old token for at
// most CACHE_MS more.
const CACHE_MS = 2_000;
const connectorCache = new Map<string, { at: number; row: Promise<IntakeConnector | null> }>();

function cachedConnector(id: string): Promise<IntakeConnector | null> {
  const now = Date.now();
  const hit = connectorCache.get(id);
  if (hit && now - hit.at < CACHE_MS) return hit.row;
  if (connectorCache.size > 1000) connectorCache.clear();
  const row = findConnectorForIntake(id);
  connectorCache.set(id, { at: now, row });
  row.catch(() => connectorCache.delete(id));
  return row;
}

export function forgetIntakeConnector(id: string) {
  connectorCache.delete(id);
}

const BAD_TOKEN =
  "The intake token is not valid for this connector. Rotate it in Sluice and update the stack's IntakeToken parameter.";

/**
 * Who may post events: the connector's own intake token, or else a user of
 * the connector's tenant (bearer JWT from POST /auth, or the console session)
 * through `asUser`, which must throw when the caller is not one.
 */
export async function authenticateIntake(options: {
  connectorId: string;
  authorization: string | null;
  asUser: () => Promise<{ tenantId: string }>;
}): Promise<IntakeConnector> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? "")?.[1];
  if (bearer && looksLikeIntakeToken(bearer)) {
    const connector = await cachedConnector(options.connectorId);
    // One answer for "no such connector" and "wrong token": ids are not to be probed.
    if (!connector || !intakeTokenMatches(bearer, connector.intakeTokenHash)) {
      throw new UnauthorizedError(BAD_TOKEN);
    }
    return connector;
  }
  const user = await options.asUser();
  const connector = await findConnectorForIntake(options.connectorId);
  if (!connector || connector.tenantId !== user.tenantId) {
    throw new NotFoundError("That connector does not exist in your tenant.");
  }
  return connector;
}

export type IntakeResult = {
  /** CSV objects queued for ingestion. */
  accepted: number;
  /** Objects under the prefix that are not .csv: recorded in the ledger as skipped. */
  skipped: number;
  /** Records that are not for this connector: other bucket, outside the prefix, not a create. */
  ignored: number;
  testEvents: number;
  /** The same object and version more than once in this request. */
  duplicates: number;
};

function readNotifications(body: unknown) {
  const parsed = intakeBodySchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(
      "Send an S3 event notification ({ Records: [...] } or s3:TestEvent), or an array of them.",
      { body: parsed.error.issues.map((i) => i.message) },
    );
  }
  const items = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  return items.map((item, index) => {
    try {
      return parseS3Notification(item);
    } catch (error) {
      if (!(error instanceof S3EventParseError)) throw error;
      const where = Array.isArray(parsed.data) ? `[${index}]` : "body";
      throw new ValidationError(`Notification ${where} is not valid: ${error.message}.`, {
        [where]: [error.message],
      });
    }
  });
}

export async function acceptS3Events(options: {
  connector: IntakeConnector;
  body: unknown;
}): Promise<IntakeResult> {
  const { connector } = options;
  if (connector.type !== EVENT_CONNECTOR_TYPE) {
    const label = getConnectorDefinition(connector.type)?.label ?? connector.type;
    throw new ConflictError(`${label} connectors do not take S3 events; only AWS S3 CSV ones do.`);
  }
  const config = s3CsvConfigSchema.safeParse(connector.config);
  if (!config.success) {
    throw new ConflictError(
      "The connector's settings are not valid; edit the connector before sending events.",
    );
  }
  const { bucket, prefix } = config.data;

  const notifications = readNotifications(options.body);
  const records: S3ObjectEvent[] = [];
  const result: IntakeResult = {
    accepted: 0,
    skipped: 0,
    ignored: 0,
    testEvents: 0,
    duplicates: 0,
  };
  for (const notification of notifications) {
    if (notification.kind === "test") result.testEvents++;
    else records.push(...notification.records);
  }
  if (records.length > MAX_INTAKE_RECORDS) {
    throw new ValidationError(
      `At most ${MAX_INTAKE_RECORDS} records per request; this one has ${records.length}.`,
    );
  }

  const seen = new Set<string>();
  const jobs: ObjectJobPayload[] = [];
  const skipped: Parameters<typeof recordSkippedObjects>[0] = [];
  for (const record of records) {
    if (
      !record.isObjectCreated ||
      record.bucket !== bucket ||
      !record.key.startsWith(prefix) ||
      record.key.endsWith("/")
    ) {
      result.ignored++;
      continue;
    }
    const version = normalizeEtag(record.eTag) || (record.versionId ?? "");
    const sourceKey = sourceKeyOf(record.bucket, record.key);
    const identity = `${sourceKey}\u0000${version}`;
    if (seen.has(identity)) {
      result.duplicates++;
      continue;
    }
    seen.add(identity);
    const base = { tenantId: connector.tenantId, connectorId: connector.id };
    if (!isCsvKeyUnderPrefix(record.key, prefix)) {
      skipped.push({ ...base, sourceKey, version, sizeBytes: record.size ?? null });
      continue;
    }
    jobs.push({
      ...base,
      bucket: record.bucket,
      key: record.key,
      version,
      versionId: record.versionId,
      size: record.size ?? null,
    });
  }
  await Promise.all([
    recordSkippedObjects(skipped, "not a .csv object"),
    enqueueMany(connectorObjectJob, jobs),
  ]);
  result.accepted = jobs.length;
  result.skipped = skipped.length;
  return result;
}
