// One zod schema per wizard step, merged into the schema of a whole connector.
// The browser validates the current step with these before saving the draft
// and the server parses the same schemas again; checks that need the server
// (a connector type's own config schema, name uniqueness) live in
// lib/connectors/service.ts and come back as field errors on the same paths.
import { z } from "zod";
import { findBuiltInDataModel } from "@/lib/datamodels/built-in-models";
import type { DataModelAttributeDefinition } from "@/lib/datamodels/types";
import {
  checkMappingTargets,
  fieldMappingSchema,
  type FieldMappingInput,
} from "@/lib/ingest/transforms";
import { profileScheduleSchema } from "@/lib/schedule/schedule";
import {
  emptyScheduleForm,
  toProfileSchedule,
  wallClockToDate,
  type ScheduleForm,
} from "./profile-schedule";
import type { WizardStep } from "./steps";

export const CONNECTOR_NAME_MAX = 50;

export const findingTypeSchema = z.enum(["ASSET", "VULNERABILITY"], {
  error: "Choose what this connector imports.",
});
export type WizardFindingType = z.infer<typeof findingTypeSchema>;

/** The built-in data model each finding type is stored in. */
export const dataModelKeyByFindingType: Record<WizardFindingType, string> = {
  ASSET: "host-asset",
  VULNERABILITY: "vulnerability-finding",
};

export const basicStepSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name for the connector.")
    .max(CONNECTOR_NAME_MAX, `Use at most ${CONNECTOR_NAME_MAX} characters.`),
  description: z.string().trim().max(500, "Keep the description under 500 characters."),
  type: z.string().min(1, "Choose a connector type."),
  findingType: findingTypeSchema,
  assetType: z.enum(["HOST"], { error: "Choose the asset type." }),
});

/**
 * The shape every connector type's settings share. Each type's own
 * configSchema and secretsSchema are applied on the server, because they may
 * use Node-only code. A blank secret means "keep the one saved before".
 */
export const sourceStepSchema = z.object({
  config: z.record(z.string(), z.unknown()),
  secrets: z.record(z.string(), z.string()),
});

export const dataModelStepSchema = z.object({
  key: z.string().min(1, "Choose a data model."),
});

export const transformMapStepSchema = z.object({
  templateKey: z.string().nullable(),
  name: z.string().trim().min(1, "Name the transform map.").max(100, "Use at most 100 characters."),
  preambleLines: z
    .number({ error: "Enter a number of lines." })
    .int("Enter a whole number of lines.")
    .min(0, "Enter 0 or more lines.")
    .max(10_000, "At most 10,000 preamble lines."),
  delimiter: z.string().length(1, "The delimiter is one character."),
  mappings: z.array(fieldMappingSchema).min(1, "Add at least one field mapping."),
});

const scheduleFormSchema = z.object({
  kind: z.enum(["none", "once", "recurring"]),
  runAt: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  repeat: z.enum(["interval", "cron"]),
  intervalMinutes: z.string(),
  cron: z.string(),
  timeZone: z.string(),
});

function sentence(message: string) {
  return message.charAt(0).toUpperCase() + message.slice(1) + (/[.!?]$/.test(message) ? "" : ".");
}

export const profileStepSchema = z
  .object({
    name: z.string().trim().min(1, "Name the profile.").max(100, "Use at most 100 characters."),
    description: z.string().trim().max(500, "Keep the description under 500 characters."),
    tagFilter: z.string().trim().max(1000, "Keep the tag filter under 1,000 characters."),
    status: z.enum(["ACTIVE", "INACTIVE"], { error: "Choose Active or Inactive." }),
    schedule: scheduleFormSchema,
    // Defaulted rather than required: drafts and API clients from before the
    // setting existed leave it out, and leaving it out means "mark them Fixed".
    keepFindingStatus: z
      .boolean({ error: "Use true or false." })
      .describe(
        "false (the default): findings a later full import no longer reports become FIXED; true: they keep their status.",
      )
      .default(false),
  })
  .superRefine((profile, ctx) => {
    const form = profile.schedule;
    const issue = (field: keyof ScheduleForm, message: string) =>
      ctx.addIssue({ code: "custom", path: ["schedule", field], message });
    const zone = form.timeZone.trim() || "UTC";
    const at = (field: "runAt" | "startsAt" | "endsAt") => {
      const value = form[field].trim();
      if (value !== "" && !wallClockToDate(value, zone)) issue(field, "Enter a date and time.");
    };
    if (form.kind === "none") return;
    if (form.kind === "once") at("runAt");
    else {
      at("startsAt");
      at("endsAt");
      if (form.repeat === "interval" && !/^\d+$/.test(form.intervalMinutes.trim())) {
        issue("intervalMinutes", "Enter the interval as whole minutes.");
        return;
      }
      if (form.repeat === "cron" && form.cron.trim() === "") {
        issue("cron", "Enter a cron expression such as 0 6 * * 1-5.");
        return;
      }
    }
    const parsed = profileScheduleSchema.safeParse(toProfileSchedule({ ...form, timeZone: zone }));
    if (!parsed.success) {
      for (const problem of parsed.error.issues) {
        const field = String(problem.path[0] ?? "kind") as keyof ScheduleForm;
        issue(field, sentence(problem.message));
      }
      return;
    }
    const schedule = parsed.data;
    if (form.kind === "once" && schedule.runAt && schedule.runAt.getTime() <= Date.now()) {
      issue("runAt", "Choose a time in the future.");
    }
  });

export const identificationStepSchema = z.object({
  rules: z
    .array(z.object({ identifier: z.string().min(1), enabled: z.boolean() }))
    .min(1, "Keep at least one identification rule.")
    .refine((rules) => rules.some((rule) => rule.enabled), "Turn on at least one rule.")
    .refine(
      (rules) => new Set(rules.map((rule) => rule.identifier)).size === rules.length,
      "Each identifier appears once.",
    ),
});

/** Steps and the key of the connector schema each one fills. */
export const stepKeys = {
  basic: "basic",
  source: "source",
  "data-model": "dataModel",
  "transform-map": "transformMap",
  profile: "profile",
  identification: "identification",
} as const satisfies Record<Exclude<WizardStep, "review">, string>;

export type StepKey = (typeof stepKeys)[keyof typeof stepKeys];

export const connectorSchema = z
  .object({
    basic: basicStepSchema,
    source: sourceStepSchema,
    dataModel: dataModelStepSchema,
    transformMap: transformMapStepSchema,
    profile: profileStepSchema,
    identification: identificationStepSchema,
  })
  .superRefine((connector, ctx) => {
    for (const issue of crossStepIssues(connector)) ctx.addIssue({ code: "custom", ...issue });
  });

export type ConnectorInput = z.input<typeof connectorSchema>;
export type ConnectorValues = z.output<typeof connectorSchema>;

/** The wizard's form values: every step's input, plus what the transform-map step remembers about the sample. */
export type WizardValues = {
  basic: Omit<z.input<typeof basicStepSchema>, "findingType"> & {
    findingType: WizardFindingType | "";
  };
  source: z.input<typeof sourceStepSchema>;
  dataModel: z.input<typeof dataModelStepSchema>;
  transformMap: z.input<typeof transformMapStepSchema> & {
    /** The first part of an uploaded sample file, kept so the preview survives a reload. */
    sample?: { fileName: string; text: string; header: string[] } | null;
    /** How sure header matching was of each proposed mapping, by "source→target". */
    confidence?: Record<string, number>;
  };
  profile: z.input<typeof profileStepSchema>;
  identification: z.input<typeof identificationStepSchema>;
};

export function emptyWizardValues(): WizardValues {
  return {
    basic: { name: "", description: "", type: "", findingType: "", assetType: "HOST" },
    source: { config: {}, secrets: {} },
    dataModel: { key: "" },
    transformMap: {
      templateKey: null,
      name: "",
      preambleLines: 0,
      delimiter: ",",
      mappings: [],
      sample: null,
      confidence: {},
    },
    profile: {
      name: "Default profile",
      description: "",
      tagFilter: "",
      status: "ACTIVE",
      schedule: { ...emptyScheduleForm },
      keepFindingStatus: false,
    },
    identification: { rules: [] },
  };
}

type CrossIssue = { path: (string | number)[]; message: string };

function modelAttributes(key: string): readonly DataModelAttributeDefinition[] | null {
  return findBuiltInDataModel(key)?.attributes ?? null;
}

/** Problems of the mappings against the chosen model, on the paths of the mapping rows. */
export function mappingIssues(
  mappings: readonly FieldMappingInput[],
  dataModelKey: string,
): CrossIssue[] {
  const attributes = modelAttributes(dataModelKey);
  if (!attributes) return [];
  const issues: CrossIssue[] = [];
  mappings.forEach((mapping, index) => {
    const [problem] = checkMappingTargets([mapping], attributes);
    if (problem) {
      issues.push({
        path: ["transformMap", "mappings", index, "targetField"],
        message: sentence(problem.reason),
      });
    }
  });
  return issues;
}

/** Rules that tie steps together: the model follows the finding type, mappings follow the model. */
export function crossStepIssues(values: {
  basic: { findingType: string };
  dataModel: { key: string };
  transformMap: { mappings: readonly FieldMappingInput[] };
}): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const expected = dataModelKeyByFindingType[values.basic.findingType as WizardFindingType];
  if (expected && values.dataModel.key !== expected) {
    issues.push({
      path: ["dataModel", "key"],
      message: `${values.basic.findingType === "ASSET" ? "Asset" : "Vulnerability"} connectors use the ${findBuiltInDataModel(expected)?.name} model.`,
    });
  }
  issues.push(...mappingIssues(values.transformMap.mappings, values.dataModel.key));
  return issues;
}

/**
 * The schema the form validates on a step: that step's key, plus the
 * cross-step rules that land on it. Other keys pass through untouched.
 */
export function stepFormSchema(step: WizardStep) {
  if (step === "review") return connectorSchema;
  const key = stepKeys[step];
  const shape = {
    basic: basicStepSchema,
    source: sourceStepSchema,
    dataModel: dataModelStepSchema,
    transformMap: transformMapStepSchema,
    profile: profileStepSchema,
    identification: identificationStepSchema,
  }[key];
  return z.looseObject({ [key]: shape }).superRefine((values, ctx) => {
    const all = values as unknown as Parameters<typeof crossStepIssues>[0];
    if (!all.basic || !all.dataModel || !all.transformMap) return;
    for (const issue of crossStepIssues(all)) {
      if (issue.path[0] === key) ctx.addIssue({ code: "custom", ...issue });
    }
  });
}

/** Issues of one step, keyed by dotted path ("basic.name"), as server actions return them. */
export function stepIssues(
  step: Exclude<WizardStep, "review">,
  values: unknown,
): Record<string, string[]> {
  const result = stepFormSchema(step).safeParse(values);
  if (result.success) return {};
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues)
    (fields[issue.path.join(".") || "form"] ??= []).push(issue.message);
  return fields;
}
