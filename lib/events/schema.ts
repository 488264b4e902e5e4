import { z } from "zod";

export const connectorRefSchema = z.object({
  connectorId: z.string().uuid("Unknown connector."),
});
export type ConnectorRef = z.infer<typeof connectorRefSchema>;

export const intakeParamsSchema = z.object({ id: z.string().uuid("Unknown connector.") });

/** Larger than one SQS message (256 KiB) with room for a batch of notifications. */
export const MAX_INTAKE_BODY_BYTES = 1024 * 1024;
/** S3 records one request may carry (SQS delivers at most 10 messages per batch). */
export const MAX_INTAKE_RECORDS = 1000;

/** The body: one notification (or SNS envelope), or an array of them. */
export const intakeBodySchema = z.union([
  z.array(z.unknown()).min(1, "The array holds no notification.").max(MAX_INTAKE_RECORDS),
  z.record(z.string(), z.unknown()),
]);

/** One S3 object to ingest, as queued by the intake route for the connector.object job. */
export const objectJobPayloadSchema = z.object({
  tenantId: z.string().uuid(),
  connectorId: z.string().uuid(),
  bucket: z.string().min(1),
  key: z.string().min(1),
  /** The ETag without quotes: the ledger version, shared with scheduled scans. */
  version: z.string(),
  versionId: z.string().optional(),
  size: z.number().int().nonnegative().nullable(),
});
export type ObjectJobPayload = z.infer<typeof objectJobPayloadSchema>;

export const backfillJobPayloadSchema = z.object({ runId: z.string().uuid() });

const optionalNumber = (min: number, max: number, label: string) =>
  z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce
      .number({ error: `${label} must be a number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} is at least ${min}.`)
      .max(max, `${label} is at most ${max}.`)
      .optional(),
  );

/**
 * The Download Cloud Template form and the GET route's query string. The
 * ranges repeat cloudFormationInputSchema's so the form can say what is wrong
 * before asking the server; the generator checks them again.
 */
export const cloudTemplateQuerySchema = z.object({
  // The same two variants as lib/connectors/s3-csv/cloudformation.ts (not imported: the form
  // would pull the YAML generator into the browser bundle).
  variant: z.enum(["sqs", "direct"]).default("sqs"),
  sluiceUrl: z
    .string()
    .trim()
    .url("Enter Sluice's URL as AWS will reach it, e.g. https://sluice.example.com.")
    .refine((url) => url.startsWith("https://"), {
      message: "AWS must reach Sluice over https:// (the token travels in the request).",
    }),
  batchSize: optionalNumber(1, 10, "Batch size"),
  reservedConcurrency: optionalNumber(1, 1000, "Reserved concurrency"),
  maxReceiveCount: optionalNumber(1, 1000, "Max receive count"),
});
export type CloudTemplateQuery = z.infer<typeof cloudTemplateQuerySchema>;
export type CloudTemplateForm = z.input<typeof cloudTemplateQuerySchema>;
