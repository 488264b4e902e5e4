// Inputs of the connector server actions. The wizard's own step schemas are
// in ./wizard/schema.ts; these wrap them with the draft and intent.
import { z } from "zod";
import {
  basicStepSchema,
  dataModelStepSchema,
  emptyWizardValues,
  identificationStepSchema,
  profileStepSchema,
  sourceStepSchema,
  transformMapStepSchema,
} from "./wizard/schema";
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

// ------------------------------------------------------------------ REST v1

// The REST API takes a whole connector in one body, with the wizard's step
// schemas under the wizard's keys. Fields a client may leave out get the
// wizard's own defaults here; the connector type, template and identifier
// checks that need the server run in lib/connectors/service.ts on the same
// paths ("basic.name", "source.secrets.password", …).

const profileDefaults = emptyWizardValues().profile;
const basicShape = basicStepSchema.shape;
const transformMapShape = transformMapStepSchema.shape;
const profileShape = profileStepSchema.shape;
const scheduleShape = profileShape.schedule.shape;
const scheduleDefaults = profileDefaults.schedule;

const apiScheduleSchema = profileShape.schedule
  .extend({
    kind: scheduleShape.kind.default(scheduleDefaults.kind),
    runAt: scheduleShape.runAt.default(scheduleDefaults.runAt),
    startsAt: scheduleShape.startsAt.default(scheduleDefaults.startsAt),
    endsAt: scheduleShape.endsAt.default(scheduleDefaults.endsAt),
    repeat: scheduleShape.repeat.default(scheduleDefaults.repeat),
    intervalMinutes: scheduleShape.intervalMinutes.default(scheduleDefaults.intervalMinutes),
    cron: scheduleShape.cron.default(scheduleDefaults.cron),
    timeZone: scheduleShape.timeZone.default(scheduleDefaults.timeZone),
  })
  .describe(
    'Times are wall-clock values ("2030-01-31T06:00") in timeZone; intervalMinutes is a whole number as text.',
  );

/** Names the unknown keys and the keys that are allowed, instead of zod's bare "Unrecognized key". */
function unknownKeys(allowed: string) {
  return {
    error: (issue: { code?: string; keys?: string[] }) =>
      issue.code === "unrecognized_keys"
        ? `Remove ${issue.keys?.map((key) => `"${key}"`).join(", ")}: the fields here are ${allowed}.`
        : undefined,
  };
}

const connectorKeys = "basic, source, dataModel, transformMap, profile and identification";

export const connectorCreateSchema = z.strictObject(
  {
    basic: basicStepSchema.extend({
      description: basicShape.description.default(""),
      assetType: basicShape.assetType.default("HOST"),
    }),
    source: sourceStepSchema
      .extend({
        config: sourceStepSchema.shape.config.default({}),
        secrets: sourceStepSchema.shape.secrets
          .default({})
          .describe("Credentials; stored encrypted and never returned."),
      })
      .prefault({}),
    dataModel: dataModelStepSchema
      .optional()
      .describe(
        "Defaults to the model of basic.findingType (host-asset or vulnerability-finding).",
      ),
    transformMap: transformMapStepSchema
      .extend({
        templateKey: transformMapShape.templateKey
          .default(null)
          .describe(
            "A built-in transform map to start from; its mappings apply when none are given.",
          ),
        name: transformMapShape.name.optional(),
        preambleLines: transformMapShape.preambleLines.optional(),
        delimiter: transformMapShape.delimiter.optional(),
        mappings: transformMapShape.mappings.optional(),
      })
      .optional()
      .describe("Defaults to the connector type's built-in transform map, when it has one."),
    // The defaults are filled first, then the step's own schema (with its
    // schedule checks) validates the result.
    profile: z
      .object({
        name: profileShape.name.default(profileDefaults.name),
        description: profileShape.description.default(profileDefaults.description),
        tagFilter: profileShape.tagFilter.default(profileDefaults.tagFilter),
        status: profileShape.status.default(profileDefaults.status),
        schedule: apiScheduleSchema.prefault({}),
        // Left out, the step schema's own default (false) applies in the pipe.
        keepFindingStatus: profileShape.keepFindingStatus.unwrap().optional(),
      })
      .pipe(profileStepSchema)
      .prefault({}),
    identification: identificationStepSchema
      .optional()
      .describe("Defaults to the connector type's identification rules, all turned on."),
  },
  unknownKeys(connectorKeys),
);

/**
 * A partial connector: only the steps and fields given change. Secrets are
 * replaced only when given (a blank value keeps the saved one); config keys
 * are merged, and a null value removes a key; mappings and rules, when given,
 * replace the whole list.
 */
export const connectorUpdateSchema = z.strictObject(
  {
    basic: basicStepSchema.partial().optional(),
    source: z
      .strictObject(
        {
          config: z.record(z.string(), z.unknown()).optional(),
          secrets: sourceStepSchema.shape.secrets.optional(),
        },
        unknownKeys("config and secrets"),
      )
      .optional(),
    transformMap: transformMapStepSchema.partial().optional(),
    profile: z
      .strictObject(
        {
          name: profileShape.name.optional(),
          description: profileShape.description.optional(),
          tagFilter: profileShape.tagFilter.optional(),
          status: profileShape.status.optional(),
          schedule: profileShape.schedule.partial().optional(),
          // Without its default: a PATCH that leaves it out keeps the stored value.
          keepFindingStatus: profileShape.keepFindingStatus.unwrap().optional(),
        },
        unknownKeys("name, description, tagFilter, status, schedule and keepFindingStatus"),
      )
      .optional(),
    identification: identificationStepSchema.optional(),
  },
  unknownKeys(connectorKeys.replace("dataModel, ", "")),
);

export const connectorIdParamsSchema = z.object({
  id: z.uuid("Connector ids are UUIDs; take one from GET /api/v1/connectors."),
});

export type ConnectorCreateInput = z.output<typeof connectorCreateSchema>;
export type ConnectorUpdateInput = z.output<typeof connectorUpdateSchema>;
