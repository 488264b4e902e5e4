import { z } from "zod";

// S3 event notifications reach Sluice three ways: the JSON itself (posted by
// the forwarder Lambda or sent straight to an SQS queue), or inside an SNS
// envelope whose `Message` is that JSON as a string (SNS → SQS without raw
// delivery). Everything here is pure so the intake route, the SQS poller and
// the tests share one reading of the format.

/** Thrown for anything that is not a well-formed S3 notification. */
export class S3EventParseError extends Error {
  readonly issues: string[];

  constructor(message: string, issues: string[] = []) {
    super(issues.length > 0 ? `${message}: ${issues.join("; ")}` : message);
    this.name = "S3EventParseError";
    this.issues = issues;
  }
}

// Unknown keys are kept (`loose`): S3 keeps adding blocks such as
// replicationEventData, and a strict schema would reject real messages.
const s3ObjectSchema = z.looseObject({
  key: z.string().min(1, "object key is empty"),
  // Absent on ObjectRemoved events, so optional rather than defaulted.
  size: z.number().int().nonnegative().optional(),
  eTag: z.string().optional(),
  versionId: z.string().optional(),
  sequencer: z.string().optional(),
});

export const s3EventRecordSchema = z.looseObject({
  eventVersion: z.string(),
  eventSource: z.literal("aws:s3"),
  awsRegion: z.string(),
  eventTime: z.string(),
  eventName: z.string().min(1),
  s3: z.looseObject({
    bucket: z.looseObject({
      name: z.string().min(1, "bucket name is empty"),
      arn: z.string().optional(),
    }),
    object: s3ObjectSchema,
  }),
});

export const s3RecordsNotificationSchema = z.looseObject({
  Records: z.array(s3EventRecordSchema),
});

// What S3 sends once when a notification configuration is saved. It has no
// Records, and a consumer that treats it as malformed would retry it forever.
export const s3TestEventSchema = z.looseObject({
  Service: z.literal("Amazon S3"),
  Event: z.literal("s3:TestEvent"),
  Time: z.string().optional(),
  Bucket: z.string().optional(),
  RequestId: z.string().optional(),
  HostId: z.string().optional(),
});

const snsEnvelopeSchema = z.looseObject({
  Type: z.literal("Notification"),
  Message: z.string(),
  TopicArn: z.string().optional(),
  MessageId: z.string().optional(),
});

/** The Lambda SQS trigger event (not the ReceiveMessage API shape). */
export const sqsLambdaEventSchema = z.object({
  Records: z.array(
    z.looseObject({
      messageId: z.string().min(1),
      body: z.string(),
      eventSource: z.literal("aws:sqs"),
      eventSourceARN: z.string().optional(),
      attributes: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

export type S3EventRecord = z.infer<typeof s3EventRecordSchema>;
export type SqsLambdaEvent = z.infer<typeof sqsLambdaEventSchema>;

export type S3ObjectEvent = {
  eventName: string;
  eventTime: string;
  awsRegion: string;
  bucket: string;
  /** The object key as stored in S3, i.e. URL-decoded. */
  key: string;
  /** The key exactly as it appeared in the notification (URL-encoded). */
  encodedKey: string;
  size?: number;
  eTag?: string;
  versionId?: string;
  sequencer?: string;
  isObjectCreated: boolean;
};

export type S3Notification =
  | { kind: "records"; records: S3ObjectEvent[] }
  | { kind: "test"; bucket?: string; time?: string; requestId?: string };

/**
 * Decodes an object key from a notification. S3 form-encodes keys here: a
 * space arrives as '+', and a literal '+' as '%2B', so '+' must be turned into
 * a space before percent-decoding and never after.
 */
export function decodeS3EventKey(encodedKey: string): string {
  try {
    return decodeURIComponent(encodedKey.replace(/\+/g, " "));
  } catch {
    throw new S3EventParseError(`object key "${encodedKey}" is not valid URL encoding`);
  }
}

/** Older notifications say "ObjectCreated:Put", newer types carry an "s3:" prefix. */
export function isObjectCreatedEvent(eventName: string): boolean {
  return /^(s3:)?ObjectCreated:/.test(eventName);
}

/**
 * True when `key` (already decoded) is a CSV file under `prefix`. The prefix
 * comparison is exact because S3 keys are case-sensitive; only the extension
 * is compared without case so "Export.CSV" counts.
 */
export function isCsvKeyUnderPrefix(key: string, prefix = ""): boolean {
  return key.startsWith(prefix) && /\.csv$/i.test(key);
}

/**
 * Orders two sequencer values for the same key. S3 documents them as hex
 * strings of varying length that compare correctly once left-padded.
 */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const left = a.padStart(width, "0").toUpperCase();
  const right = b.padStart(width, "0").toUpperCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`))
      .join("")
      .replace(/^\./, "");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

function toObjectEvent(record: S3EventRecord): S3ObjectEvent {
  const object = record.s3.object;
  return {
    eventName: record.eventName,
    eventTime: record.eventTime,
    awsRegion: record.awsRegion,
    bucket: record.s3.bucket.name,
    key: decodeS3EventKey(object.key),
    encodedKey: object.key,
    size: object.size,
    eTag: object.eTag,
    versionId: object.versionId,
    sequencer: object.sequencer,
    isObjectCreated: isObjectCreatedEvent(record.eventName),
  };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new S3EventParseError(`${what} is not JSON (${reason})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads an S3 notification given as a parsed value or a JSON string: the
 * notification itself, an `s3:TestEvent`, or either of them inside an SNS
 * envelope. Throws S3EventParseError naming the offending field otherwise.
 */
export function parseS3Notification(input: unknown): S3Notification {
  let value = typeof input === "string" ? parseJson(input, "S3 notification") : input;

  if (isObject(value) && value.Type === "Notification") {
    const envelope = snsEnvelopeSchema.safeParse(value);
    if (!envelope.success) {
      throw new S3EventParseError("SNS envelope is malformed", formatIssues(envelope.error));
    }
    value = parseJson(envelope.data.Message, "SNS Message");
  }

  if (!isObject(value)) {
    throw new S3EventParseError("S3 notification must be a JSON object");
  }

  if (value.Event === "s3:TestEvent") {
    const test = s3TestEventSchema.safeParse(value);
    if (!test.success) {
      throw new S3EventParseError("s3:TestEvent is malformed", formatIssues(test.error));
    }
    return {
      kind: "test",
      bucket: test.data.Bucket,
      time: test.data.Time,
      requestId: test.data.RequestId,
    };
  }

  if (!("Records" in value)) {
    throw new S3EventParseError("S3 notification has neither Records nor Event: s3:TestEvent", [
      `top-level keys: ${Object.keys(value).join(", ") || "(none)"}`,
    ]);
  }

  const parsed = s3RecordsNotificationSchema.safeParse(value);
  if (!parsed.success) {
    throw new S3EventParseError("S3 notification is malformed", formatIssues(parsed.error));
  }
  return { kind: "records", records: parsed.data.Records.map(toObjectEvent) };
}

/**
 * Splits a Lambda SQS trigger event into its messages. Each body is left as
 * a string: one bad message must fail alone, not take the batch down with it.
 */
export function parseSqsLambdaEvent(input: unknown): { messageId: string; body: string }[] {
  const value = typeof input === "string" ? parseJson(input, "SQS event") : input;
  const parsed = sqsLambdaEventSchema.safeParse(value);
  if (!parsed.success) {
    throw new S3EventParseError("SQS event is malformed", formatIssues(parsed.error));
  }
  return parsed.data.Records.map(({ messageId, body }) => ({ messageId, body }));
}
