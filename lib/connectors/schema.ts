// Inputs of the connector server actions. The wizard's own step schemas are
// in ./wizard/schema.ts; these wrap them with the draft and intent.
import { z } from "zod";
import { wizardSteps } from "./wizard/steps";

const draftIdSchema = z.string().uuid("Unknown draft.");

export const saveDraftSchema = z.object({
  draftId: draftIdSchema.nullable(),
  step: z.enum(wizardSteps),
  /** next and stay validate the step first; back saves as it is. */
  intent: z.enum(["next", "back", "stay"]),
  values: z
    .record(z.string(), z.unknown())
    // A draft is a form, not a file store; the sample CSV it keeps is at most 64 KB.
    .refine(
      (values) => JSON.stringify(values).length <= 512 * 1024,
      "The draft is too large to save.",
    ),
});

export const draftRefSchema = z.object({ draftId: draftIdSchema });

export const createConnectorSchema = z.object({ draftId: draftIdSchema });

/** The first part of a sample CSV, read in the browser. */
export const sampleCsvSchema = z.object({
  text: z.string().max(70 * 1024, "Send at most the first 64 KB of the file."),
  dataModelKey: z.string().min(1, "Choose a data model first."),
  delimiter: z.string().length(1).default(","),
  /** "auto" detects Qualys report preambles. */
  preambleLines: z.union([z.number().int().min(0).max(10_000), z.literal("auto")]),
});

export const previewTransformSchema = sampleCsvSchema.extend({
  mappings: z.array(z.unknown()).min(1, "Add at least one field mapping."),
  limit: z.number().int().min(1).max(50).default(20),
});

export const s3PoliciesSchema = z.object({
  bucket: z.string(),
  prefix: z.string(),
  externalId: z.string(),
  roleArn: z.string(),
});

export type SaveDraftInput = z.input<typeof saveDraftSchema>;
export type SampleCsvInput = z.input<typeof sampleCsvSchema>;
export type PreviewTransformInput = z.input<typeof previewTransformSchema>;
