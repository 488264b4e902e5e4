import "server-only";
import { z } from "zod";
import type { ConnectionTestResult, ConnectorDefinition } from "@/lib/connectors/definition";
import { connectorDefinitions, getConnectorDefinition } from "@/lib/connectors/registry";
import { builtInDataModels } from "@/lib/datamodels/built-in-models";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { identifierKinds, identifierLabels } from "@/lib/identity/identifiers";
import {
  builtInTransformMapTemplates,
  findTemplate,
} from "@/lib/ingest/templates/built-in-templates";
import { logger } from "@/lib/logger";
import { nextRunAt, profileScheduleSchema } from "@/lib/schedule/schedule";
import { decryptSecrets, encryptSecrets } from "@/lib/secrets/crypto";
import type { ConnectorCreateInput, ConnectorUpdateInput } from "./schema";
import {
  dateToWallClock,
  emptyScheduleForm,
  toProfileSchedule,
  type ScheduleForm,
} from "./wizard/profile-schedule";
import {
  basicStepSchema,
  connectorSchema,
  dataModelKeyByFindingType,
  emptyWizardValues,
  identificationStepSchema,
  profileStepSchema,
  stepIssues,
  stepKeys,
  transformMapStepSchema,
  type WizardValues,
} from "./wizard/schema";
import { nextStep, previousStep, wizardSteps, type WizardStep } from "./wizard/steps";
import {
  countConnectorsInTenant,
  deleteConnectorRow,
  deleteDraft,
  findConnectorDetail,
  findConnectorForApi,
  findConnectorIdByName,
  findConnectorSecrets,
  findDraft,
  findDraftSecrets,
  insertConnectorFromDraft,
  insertDraft,
  listConnectorsWithLastRun,
  listDrafts,
  updateConnectorParts,
  updateDraft,
  type ConnectorChanges,
} from "./repository";
import { ensureBuiltInDataModels } from "./seed-data-models";

export function countConnectors(options: { tenantId: string }) {
  return countConnectorsInTenant(options.tenantId);
}

// ------------------------------------------------------------------ catalog

export type ConnectorTypeOption = {
  type: string;
  label: string;
  description: string;
  findingTypes: ("ASSET" | "VULNERABILITY")[];
  defaultTransformMap: string | null;
  defaultIdentificationRules: string[];
};

/** What the wizard offers, as plain data the browser can hold (no schemas, no functions). */
export function wizardCatalog() {
  return {
    types: connectorDefinitions.map((d): ConnectorTypeOption => ({
      type: d.type,
      label: d.label,
      description: d.description,
      findingTypes: d.findingTypes.filter((t) => t !== "LOG"),
      defaultTransformMap: d.defaultTransformMap ?? null,
      defaultIdentificationRules: [...d.defaultIdentificationRules],
    })),
    dataModels: builtInDataModels.map((model) => ({
      key: model.key,
      name: model.name,
      kind: model.kind,
      attributes: model.attributes.map((a) => ({
        name: a.name,
        label: a.label,
        dataType: a.dataType,
        isList: a.isList,
        required: a.required,
        description: a.description,
      })),
    })),
    templates: builtInTransformMapTemplates.map((t) => ({
      key: t.key,
      name: t.name,
      description: t.description,
      dataModelKey: t.dataModelKey,
      preambleLines: t.preambleLines,
      delimiter: t.delimiter,
      mappings: t.mappings.map((m) => ({ ...m, transforms: [...m.transforms] })),
    })),
    identifiers: identifierKinds.map((kind) => ({ kind, label: identifierLabels[kind] })),
  };
}

export type WizardCatalog = ReturnType<typeof wizardCatalog>;

/** The AWS principal customers trust in their role, when this installation has one configured. */
export function sluiceAwsPrincipal(): string | null {
  return env().SLUICE_AWS_PRINCIPAL ?? null;
}

export function connectorTypeLabel(type: string): string {
  return getConnectorDefinition(type)?.label ?? type;
}

// ------------------------------------------------------------------ drafts

type EditableStep = Exclude<WizardStep, "review">;
const editableSteps = wizardSteps.filter((s): s is EditableStep => s !== "review");

const plainObject = z.record(z.string(), z.unknown());

/** Draft JSON as the form expects it: every step present, whatever an older draft stored. */
export function normaliseDraftValues(raw: unknown): WizardValues {
  const values = emptyWizardValues() as unknown as Record<string, Record<string, unknown>>;
  const parsed = plainObject.safeParse(raw);
  if (parsed.success) {
    for (const key of Object.values(stepKeys)) {
      const part = plainObject.safeParse(parsed.data[key]);
      if (part.success) values[key] = { ...values[key], ...part.data };
    }
  }
  const result = values as unknown as WizardValues;
  result.source = {
    config: plainObject.safeParse(result.source.config).data ?? {},
    secrets: {},
  };
  return result;
}

function definitionFor(type: string): ConnectorDefinition | undefined {
  return type ? getConnectorDefinition(type) : undefined;
}

function addIssues(
  into: Record<string, string[]>,
  prefix: string,
  issues: readonly z.core.$ZodIssue[],
) {
  for (const issue of issues) {
    const path = [prefix, ...issue.path.map(String)].join(".");
    (into[path] ??= []).push(issue.message);
  }
}

function decrypt(stored: string | null): Record<string, string> {
  return stored ? decryptSecrets(stored, env().SLUICE_SECRET_KEY) : {};
}

/** Saved credentials plus whatever was typed now; a blank field keeps the saved value. */
function mergeSecrets(saved: Record<string, string>, typed: Record<string, string>) {
  const merged = { ...saved };
  for (const [key, value] of Object.entries(typed)) if (value.trim() !== "") merged[key] = value;
  return merged;
}

/**
 * The step's problems as the server sees them: the shared step schema, then
 * what only the server can check (name taken, the type's own config schema).
 */
export async function serverStepIssues(options: {
  tenantId: string;
  step: EditableStep;
  values: WizardValues;
  secrets: Record<string, string>;
  /** The connector being edited, whose own name is not "taken". */
  connectorId?: string;
}): Promise<Record<string, string[]>> {
  const { step, values, tenantId } = options;
  const issues = stepIssues(step, values);
  const definition = definitionFor(values.basic.type);

  if (step === "basic") {
    if (!issues["basic.type"] && !definition) issues["basic.type"] = ["Choose a connector type."];
    const findingType = values.basic.findingType;
    if (definition && findingType && !definition.findingTypes.includes(findingType)) {
      issues["basic.findingType"] = [
        `${definition.label} connectors do not import ${findingType === "ASSET" ? "assets" : "vulnerabilities"}.`,
      ];
    }
    if (!issues["basic.name"]) {
      const taken = await findConnectorIdByName(tenantId, values.basic.name.trim());
      if (taken && taken.id !== options.connectorId)
        issues["basic.name"] = ["A connector with this name already exists."];
    }
  }

  if (step === "source") {
    if (!definition) {
      issues["source"] = ["Choose a connector type first."];
    } else {
      const config = definition.configSchema.safeParse(values.source.config);
      if (!config.success) addIssues(issues, "source.config", config.error.issues);
      const secrets = definition.secretsSchema.safeParse(options.secrets);
      if (!secrets.success) addIssues(issues, "source.secrets", secrets.error.issues);
    }
  }

  if (step === "identification") {
    const known = new Set<string>(identifierKinds);
    const unknown = values.identification.rules.filter((rule) => !known.has(rule.identifier));
    if (unknown.length > 0) {
      issues["identification.rules"] = [
        `Unknown identifier ${unknown.map((rule) => rule.identifier).join(", ")}.`,
      ];
    }
  }
  return issues;
}

async function validSteps(tenantId: string, values: WizardValues, secrets: Record<string, string>) {
  const valid: WizardStep[] = [];
  for (const step of editableSteps) {
    const issues = await serverStepIssues({ tenantId, step, values, secrets });
    if (Object.keys(issues).length > 0) break;
    valid.push(step);
  }
  return valid;
}

export type WizardDraft = {
  id: string;
  lastStep: WizardStep;
  values: WizardValues;
  /** Names of the credentials saved for this draft; their values never leave the server. */
  savedSecrets: string[];
  validSteps: WizardStep[];
  updatedAt: Date;
};

export async function getWizardDraft(options: {
  tenantId: string;
  draftId: string;
}): Promise<WizardDraft | null> {
  const draft = await findDraft(options.tenantId, options.draftId);
  if (!draft) return null;
  const values = normaliseDraftValues(draft.data);
  const secrets = decrypt(await findDraftSecrets(options.tenantId, draft.id));
  return {
    id: draft.id,
    lastStep: (wizardSteps as readonly string[]).includes(draft.lastStep)
      ? (draft.lastStep as WizardStep)
      : "basic",
    values,
    savedSecrets: Object.keys(secrets).filter((key) => secrets[key] !== ""),
    validSteps: await validSteps(options.tenantId, values, secrets),
    updatedAt: draft.updatedAt,
  };
}

/** Wizard values without anything typed into credential fields, for the draft's JSON column. */
function withoutSecrets(values: WizardValues): Prisma.InputJsonValue {
  return {
    ...values,
    source: { config: values.source.config, secrets: {} },
  } as Prisma.InputJsonValue;
}

export async function saveDraft(options: {
  tenantId: string;
  userId: string;
  draftId: string | null;
  step: WizardStep;
  intent: "next" | "back" | "stay";
  values: unknown;
}): Promise<{ draftId: string; step: WizardStep }> {
  const { tenantId } = options;
  const values = normaliseDraftValues(options.values);
  const typed = z
    .record(z.string(), z.string())
    .safeParse((options.values as WizardValues | undefined)?.source?.secrets);

  let saved: Record<string, string> = {};
  if (options.draftId) {
    const existing = await findDraft(tenantId, options.draftId);
    if (!existing)
      throw new NotFoundError("This draft no longer exists; it may have been saved or discarded.");
    // Credentials belong to one connector type; switching type forgets them.
    const before = normaliseDraftValues(existing.data);
    if (before.basic.type === values.basic.type) {
      saved = decrypt(await findDraftSecrets(tenantId, options.draftId));
    }
  }
  const secrets = mergeSecrets(saved, typed.data ?? {});

  if (options.intent !== "back" && options.step !== "review") {
    const issues = await serverStepIssues({ tenantId, step: options.step, values, secrets });
    if (Object.keys(issues).length > 0) {
      throw new ValidationError("Some fields need attention.", issues);
    }
  }

  const step =
    options.intent === "next"
      ? (nextStep(options.step) ?? options.step)
      : options.intent === "back"
        ? (previousStep(options.step) ?? options.step)
        : options.step;
  const row = {
    lastStep: step,
    data: withoutSecrets(values),
    secrets:
      Object.keys(secrets).length > 0 ? encryptSecrets(secrets, env().SLUICE_SECRET_KEY) : null,
  };
  if (options.draftId) {
    await updateDraft(tenantId, options.draftId, row);
    return { draftId: options.draftId, step };
  }
  const created = await insertDraft({ tenantId, userId: options.userId, ...row });
  return { draftId: created.id, step };
}

export async function discardDraft(options: { tenantId: string; draftId: string }) {
  const removed = await deleteDraft(options.tenantId, options.draftId);
  if (!removed) throw new NotFoundError("This draft no longer exists.");
}

export async function listConnectorDrafts(options: { tenantId: string }) {
  const drafts = await listDrafts(options.tenantId);
  return drafts.map((draft) => {
    const values = normaliseDraftValues(draft.data);
    return {
      id: draft.id,
      name: values.basic.name.trim() || "Untitled connector",
      typeLabel: values.basic.type ? connectorTypeLabel(values.basic.type) : null,
      lastStep: (wizardSteps as readonly string[]).includes(draft.lastStep)
        ? (draft.lastStep as WizardStep)
        : ("basic" as WizardStep),
      updatedAt: draft.updatedAt,
      author: draft.user?.name ?? null,
    };
  });
}

// ------------------------------------------------------------------ connection test

/** Runs the type's own connection test against the draft's saved settings. */
export async function testDraftConnection(options: {
  tenantId: string;
  draftId: string;
}): Promise<ConnectionTestResult> {
  const draft = await findDraft(options.tenantId, options.draftId);
  if (!draft) throw new NotFoundError("This draft no longer exists.");
  const values = normaliseDraftValues(draft.data);
  const definition = definitionFor(values.basic.type);
  if (!definition) throw new ValidationError("Choose a connector type first.");
  const secrets = decrypt(await findDraftSecrets(options.tenantId, draft.id));
  const issues = await serverStepIssues({
    tenantId: options.tenantId,
    step: "source",
    values,
    secrets,
  });
  if (Object.keys(issues).length > 0)
    throw new ValidationError("Some fields need attention.", issues);

  return definition.test({
    tenantId: options.tenantId,
    connectorId: draft.id,
    config: definition.configSchema.parse(values.source.config),
    secrets: definition.secretsSchema.parse(secrets),
    allowPrivateNetworks: env().SLUICE_ALLOW_PRIVATE_NETWORKS,
    signal: AbortSignal.timeout(20_000),
    log: (message, fields) =>
      logger.info(message, { ...fields, connectorType: definition.type, draftId: draft.id }),
  });
}

// ------------------------------------------------------------------ save

/**
 * Turns a finished draft into a connector, its transform map, profile and
 * identification rules, in one transaction that also deletes the draft.
 */
export async function createConnectorFromDraft(options: {
  tenantId: string;
  userId: string;
  draftId: string;
  now?: Date;
}) {
  const { tenantId } = options;
  const draft = await findDraft(tenantId, options.draftId);
  if (!draft)
    throw new NotFoundError("This draft no longer exists; it may have been saved already.");
  return saveNewConnector({
    tenantId,
    userId: options.userId,
    draftId: draft.id,
    values: normaliseDraftValues(draft.data),
    secrets: decrypt(await findDraftSecrets(tenantId, draft.id)),
    now: options.now,
  });
}

/**
 * Validates every step the way the wizard's Save does and writes the
 * connector; shared by the wizard (from its draft) and POST /api/v1/connectors.
 */
async function saveNewConnector(options: {
  tenantId: string;
  userId: string;
  draftId: string | null;
  values: WizardValues;
  secrets: Record<string, string>;
  /** Problems the caller found before the step checks (REST defaults). */
  problems?: Record<string, string[]>;
  message?: (fields: string[]) => string;
  now?: Date;
}) {
  const { tenantId, values, secrets } = options;
  const problems: Record<string, string[]> = {};
  for (const step of editableSteps) {
    Object.assign(problems, await serverStepIssues({ tenantId, step, values, secrets }));
  }
  Object.assign(problems, options.problems);
  if (Object.keys(problems).length > 0) {
    throw new ValidationError(
      options.message?.(Object.keys(problems)) ??
        "Some steps need attention before the connector can be saved.",
      problems,
    );
  }

  const connector = connectorSchema.parse(values);
  const definition = definitionFor(connector.basic.type) as ConnectorDefinition;
  const config = definition.configSchema.parse(connector.source.config) as Prisma.InputJsonValue;
  const parsedSecrets = definition.secretsSchema.parse(secrets) as Record<
    string,
    string | undefined
  >;
  const storedSecrets = Object.fromEntries(
    Object.entries(parsedSecrets).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  );

  const schedule = profileScheduleSchema.parse(toProfileSchedule(connector.profile.schedule));
  const now = options.now ?? new Date();
  const next = nextRunAt(schedule, now);
  const active = connector.profile.status === "ACTIVE";
  const modelIds = await ensureBuiltInDataModels();
  const dataModelId = modelIds.get(connector.dataModel.key);
  if (!dataModelId)
    throw new ValidationError("Choose a data model.", {
      "dataModel.key": ["Choose a data model."],
    });

  try {
    return await insertConnectorFromDraft({
      tenantId,
      userId: options.userId,
      draftId: options.draftId,
      connector: {
        name: connector.basic.name,
        description: connector.basic.description,
        type: definition.type,
        findingType: connector.basic.findingType,
        assetType: connector.basic.assetType,
        state: active && next ? "SCHEDULED" : "REGISTERED",
        config,
        secrets:
          Object.keys(storedSecrets).length > 0
            ? encryptSecrets(storedSecrets, env().SLUICE_SECRET_KEY)
            : null,
        dataModelId,
      },
      transformMap: {
        name: connector.transformMap.name,
        description: "",
        templateKey: connector.transformMap.templateKey,
        preambleLines: connector.transformMap.preambleLines,
        delimiter: connector.transformMap.delimiter,
        mappings: connector.transformMap.mappings.map((m) => ({
          sourceField: m.sourceField,
          dataType: m.dataType,
          targetField: m.targetField,
          transforms: m.transforms as Prisma.InputJsonValue,
        })),
      },
      profile: {
        name: connector.profile.name,
        description: connector.profile.description,
        tagFilter: connector.profile.tagFilter,
        status: connector.profile.status,
        scheduleKind: ({ none: "NONE", once: "ONCE", recurring: "RECURRING" } as const)[
          schedule.kind
        ],
        runAt: schedule.runAt ?? null,
        startsAt: schedule.startsAt ?? null,
        endsAt: schedule.endsAt ?? null,
        intervalMinutes: schedule.intervalMinutes ?? null,
        cron: schedule.cron ?? null,
        timeZone: schedule.timeZone,
        keepFindingStatus: connector.profile.keepFindingStatus,
        nextRunAt: active ? next : null,
      },
      rules: connector.identification.rules,
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError("A connector with this name already exists.", {
        "basic.name": ["A connector with this name already exists."],
      });
    }
    throw error;
  }
}

// ------------------------------------------------------------------ reading connectors

export async function listConnectors(options: { tenantId: string }) {
  const rows = await listConnectorsWithLastRun(options.tenantId);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type,
    typeLabel: connectorTypeLabel(row.type),
    findingType: row.findingType,
    state: row.state,
    lastRun: row.runs[0] ?? null,
    lastRunAt: row.lastRunAt,
  }));
}

export type ConnectorListItem = Awaited<ReturnType<typeof listConnectors>>[number];

export async function getConnectorDetail(options: { tenantId: string; connectorId: string }) {
  const connector = await findConnectorDetail(options.tenantId, options.connectorId);
  if (!connector) return null;
  let savedSecrets: string[] = [];
  try {
    const secrets = decrypt(await findConnectorSecrets(options.tenantId, connector.id));
    savedSecrets = Object.keys(secrets).filter((key) => secrets[key] !== "");
  } catch (error) {
    logger.warn("connector secrets unreadable", { connectorId: connector.id, error });
    savedSecrets = [];
  }
  return {
    ...connector,
    config: plainObject.safeParse(connector.config).data ?? {},
    typeLabel: connectorTypeLabel(connector.type),
    /** "files" sources take CSV uploads; "records" sources (APIs) only run. */
    sourceKind: getConnectorDefinition(connector.type)?.source.kind ?? null,
    savedSecrets,
  };
}

export type ConnectorDetail = NonNullable<Awaited<ReturnType<typeof getConnectorDetail>>>;

// ------------------------------------------------------------------ REST v1

function connectorNotFound() {
  return new NotFoundError(
    "No connector with this id in your tenant. List yours with GET /api/v1/connectors.",
  );
}

type ApiRow = NonNullable<Awaited<ReturnType<typeof findConnectorForApi>>>;

/** The profile runs use and its transform map: the ones the wizard and the API create. */
function primaryParts(row: ApiRow) {
  const profile = row.profiles[0] ?? null;
  const transformMap =
    row.transformMaps.find((map) => map.id === profile?.transformMapId) ??
    row.transformMaps[0] ??
    null;
  return { profile, transformMap };
}

const scheduleKindForm = { NONE: "none", ONCE: "once", RECURRING: "recurring" } as const;

function scheduleForm(profile: NonNullable<ApiRow["profiles"][number]>): ScheduleForm {
  const zone = profile.timeZone;
  const wallClock = (date: Date | null) => (date ? dateToWallClock(date, zone) : "");
  return {
    kind: scheduleKindForm[profile.scheduleKind],
    runAt: wallClock(profile.runAt),
    startsAt: wallClock(profile.startsAt),
    endsAt: wallClock(profile.endsAt),
    repeat: profile.cron ? "cron" : "interval",
    intervalMinutes:
      profile.intervalMinutes === null
        ? emptyScheduleForm.intervalMinutes
        : String(profile.intervalMinutes),
    cron: profile.cron ?? "",
    timeZone: zone,
  };
}

/** A stored connector in the wizard's shape, without credentials. */
function storedValues(row: ApiRow): WizardValues {
  const values = emptyWizardValues();
  const { profile, transformMap } = primaryParts(row);
  values.basic = {
    name: row.name,
    description: row.description,
    type: row.type,
    findingType: row.findingType === "LOG" ? "" : row.findingType,
    assetType: row.assetType as "HOST",
  };
  values.source = { config: plainObject.safeParse(row.config).data ?? {}, secrets: {} };
  values.dataModel = {
    key:
      row.dataModel?.key ??
      dataModelKeyByFindingType[row.findingType as keyof typeof dataModelKeyByFindingType] ??
      "",
  };
  if (transformMap) {
    values.transformMap = {
      templateKey: transformMap.templateKey,
      name: transformMap.name,
      preambleLines: transformMap.preambleLines,
      delimiter: transformMap.delimiter,
      mappings: transformMap.mappings as WizardValues["transformMap"]["mappings"],
    };
  }
  if (profile) {
    values.profile = {
      name: profile.name,
      description: profile.description,
      tagFilter: profile.tagFilter,
      status: profile.status,
      schedule: scheduleForm(profile),
      keepFindingStatus: profile.keepFindingStatus,
    };
  }
  values.identification = { rules: row.identificationRules };
  return values;
}

/** Names of a type's credential fields, from its own secrets schema. */
function secretFieldNames(type: string): string[] {
  const definition = getConnectorDefinition(type);
  if (!definition) return [];
  const json = z.toJSONSchema(definition.secretsSchema, { io: "input", unrepresentable: "any" });
  return Object.keys((json as { properties?: Record<string, unknown> }).properties ?? {});
}

async function savedConnectorSecrets(tenantId: string, connectorId: string) {
  try {
    return decrypt(await findConnectorSecrets(tenantId, connectorId));
  } catch (error) {
    // A rotated key makes old credentials unreadable: treat them as not set.
    logger.warn("connector secrets unreadable", { connectorId, error });
    return {};
  }
}

/** `{ passwordSet: true, … }`: which credentials are saved, never their values. */
function secretFlags(type: string, saved: Record<string, string>): Record<string, boolean> {
  const names = new Set([...secretFieldNames(type), ...Object.keys(saved)]);
  return Object.fromEntries([...names].map((name) => [`${name}Set`, (saved[name] ?? "") !== ""]));
}

function connectorApiView(row: ApiRow, saved: Record<string, string>) {
  const values = storedValues(row);
  const { profile, transformMap } = primaryParts(row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    type: row.type,
    typeLabel: connectorTypeLabel(row.type),
    findingType: row.findingType,
    state: row.state,
    lastRun: row.runs[0] ?? null,
    lastRunAt: row.lastRunAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    basic: values.basic,
    source: { config: values.source.config, secrets: secretFlags(row.type, saved) },
    dataModel: values.dataModel,
    transformMap: transformMap ? { id: transformMap.id, ...values.transformMap } : null,
    profile: profile ? { id: profile.id, ...values.profile, nextRunAt: profile.nextRunAt } : null,
    identification: values.identification,
  };
}

export type ConnectorApiView = ReturnType<typeof connectorApiView>;

/** GET /api/v1/connectors/{id}: the connector in the shape POST takes, credentials as flags. */
export async function getConnectorForApi(options: {
  tenantId: string;
  connectorId: string;
}): Promise<ConnectorApiView> {
  const row = await findConnectorForApi(options.tenantId, options.connectorId);
  if (!row) throw connectorNotFound();
  return connectorApiView(row, await savedConnectorSecrets(options.tenantId, row.id));
}

function unknownTypeMessage(type: string) {
  return `Unknown connector type "${type}". Use one of: ${connectorDefinitions.map((d) => d.type).join(", ")}.`;
}

/** The transform map a REST create asks for, filled from a built-in template where it names one. */
function requestedTransformMap(
  input: ConnectorCreateInput,
  dataModelKey: string,
  definition: ConnectorDefinition | undefined,
  problems: Record<string, string[]>,
): WizardValues["transformMap"] {
  const given = input.transformMap;
  const templateKey = given ? given.templateKey : (definition?.defaultTransformMap ?? null);
  const template = templateKey ? findTemplate(templateKey) : undefined;
  if (templateKey && !template) {
    problems["transformMap.templateKey"] = [
      `Unknown transform map template "${templateKey}". Use one of: ${builtInTransformMapTemplates.map((t) => t.key).join(", ")}, or null with your own mappings.`,
    ];
  } else if (template && template.dataModelKey !== dataModelKey && !given?.mappings) {
    problems["transformMap.templateKey"] = [
      `${template.name} fills the ${template.dataModelKey} model; this connector uses ${dataModelKey}. Choose another template or send mappings.`,
    ];
  }
  if (!given && !template && definition) {
    problems["transformMap"] = [
      `${definition.label} connectors have no built-in transform map: send transformMap with a templateKey or mappings.`,
    ];
  }
  return {
    templateKey: template ? templateKey : null,
    name: given?.name ?? template?.name ?? `${input.basic.name} transform map`.slice(0, 100),
    preambleLines: given?.preambleLines ?? template?.preambleLines ?? 0,
    delimiter: given?.delimiter ?? template?.delimiter ?? ",",
    mappings:
      given?.mappings ??
      template?.mappings.map((m) => ({ ...m, transforms: [...m.transforms] })) ??
      [],
  };
}

function withoutBlankSecrets(secrets: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secrets).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim() !== "",
    ),
  );
}

/** POST /api/v1/connectors: a whole connector in one body, checked like the wizard's Save. */
export async function createConnector(options: {
  tenantId: string;
  userId: string;
  input: ConnectorCreateInput;
  now?: Date;
}): Promise<ConnectorApiView> {
  const { tenantId, input } = options;
  const definition = definitionFor(input.basic.type);
  const problems: Record<string, string[]> = {};
  if (!definition) problems["basic.type"] = [unknownTypeMessage(input.basic.type)];

  const values = emptyWizardValues();
  values.basic = input.basic;
  values.source = { config: input.source.config, secrets: {} };
  values.dataModel = input.dataModel ?? { key: dataModelKeyByFindingType[input.basic.findingType] };
  values.transformMap = requestedTransformMap(input, values.dataModel.key, definition, problems);
  values.profile = input.profile;
  values.identification = input.identification ?? {
    rules: (definition?.defaultIdentificationRules ?? []).map((identifier) => ({
      identifier,
      enabled: true,
    })),
  };

  const created = await saveNewConnector({
    tenantId,
    userId: options.userId,
    draftId: null,
    values,
    secrets: withoutBlankSecrets(input.source.secrets),
    problems,
    message: (fields) => `The connector is not valid: ${fields.join(", ")}.`,
    now: options.now,
  });
  return getConnectorForApi({ tenantId, connectorId: created.id });
}

const stepOfPatchKey = {
  basic: "basic",
  source: "source",
  transformMap: "transform-map",
  profile: "profile",
  identification: "identification",
} as const satisfies Record<keyof ConnectorUpdateInput, EditableStep>;

/**
 * PATCH /api/v1/connectors/{id}: merges the given fields into the stored
 * connector and checks the steps they belong to with the wizard's schemas.
 */
export async function updateConnector(options: {
  tenantId: string;
  userId: string;
  connectorId: string;
  input: ConnectorUpdateInput;
  now?: Date;
}): Promise<ConnectorApiView> {
  const { tenantId, connectorId, input } = options;
  const row = await findConnectorForApi(tenantId, connectorId);
  if (!row) throw connectorNotFound();
  const { profile: storedProfile, transformMap: storedMap } = primaryParts(row);
  const definition = definitionFor(row.type);
  const values = storedValues(row);

  if (input.basic) {
    values.basic = {
      ...values.basic,
      name: input.basic.name ?? values.basic.name,
      description: input.basic.description ?? values.basic.description,
    };
  }
  if (input.source?.config) {
    const config = { ...values.source.config };
    for (const [key, value] of Object.entries(input.source.config)) {
      if (value === null) delete config[key];
      else config[key] = value;
    }
    values.source = { config, secrets: {} };
  }
  const saved = await savedConnectorSecrets(tenantId, connectorId);
  const secrets = mergeSecrets(saved, input.source?.secrets ?? {});
  if (input.transformMap) values.transformMap = { ...values.transformMap, ...input.transformMap };
  if (input.profile) {
    const { schedule, ...rest } = input.profile;
    values.profile = {
      ...values.profile,
      ...rest,
      schedule: { ...values.profile.schedule, ...schedule },
    };
  }
  if (input.identification) values.identification = input.identification;

  const touched = (Object.keys(input) as (keyof ConnectorUpdateInput)[]).filter(
    (key) => input[key] !== undefined,
  );
  const problems: Record<string, string[]> = {};
  for (const key of touched) {
    Object.assign(
      problems,
      await serverStepIssues({ tenantId, step: stepOfPatchKey[key], values, secrets, connectorId }),
    );
  }
  if (input.basic?.type !== undefined && input.basic.type !== row.type) {
    problems["basic.type"] = [
      `A connector's type cannot change (this one is ${row.type}); create a new connector instead.`,
    ];
  }
  if (input.basic?.findingType !== undefined && input.basic.findingType !== row.findingType) {
    problems["basic.findingType"] = [
      "What a connector imports cannot change; create a new connector instead.",
    ];
  }
  if (input.transformMap && !storedMap) {
    problems["transformMap"] = ["This connector has no transform map to change."];
  }
  if (input.profile && !storedProfile) {
    problems["profile"] = ["This connector has no profile to change."];
  }
  if (Object.keys(problems).length > 0) {
    throw new ValidationError(
      `The changes are not valid: ${Object.keys(problems).join(", ")}.`,
      problems,
    );
  }

  const changes: ConnectorChanges = {
    tenantId,
    userId: options.userId,
    connectorId,
    changed: touched,
  };
  const connector: NonNullable<ConnectorChanges["connector"]> = {};
  if (input.basic) {
    const basic = basicStepSchema.parse(values.basic);
    connector.name = basic.name;
    connector.description = basic.description;
  }
  if (input.source && definition) {
    connector.config = definition.configSchema.parse(values.source.config) as Prisma.InputJsonValue;
    if (input.source.secrets) {
      const stored = withoutBlankSecrets(
        definition.secretsSchema.parse(secrets) as Record<string, string | undefined>,
      );
      connector.secrets =
        Object.keys(stored).length > 0 ? encryptSecrets(stored, env().SLUICE_SECRET_KEY) : null;
    }
  }
  if (input.transformMap && storedMap) {
    const map = transformMapStepSchema.parse(values.transformMap);
    changes.transformMap = {
      id: storedMap.id,
      name: map.name,
      templateKey: map.templateKey,
      preambleLines: map.preambleLines,
      delimiter: map.delimiter,
      mappings: input.transformMap.mappings?.map((m) => ({
        sourceField: m.sourceField,
        dataType: m.dataType,
        targetField: m.targetField,
        transforms: m.transforms as Prisma.InputJsonValue,
      })),
    };
  }
  if (input.profile && storedProfile) {
    const profile = profileStepSchema.parse(values.profile);
    const schedule = profileScheduleSchema.parse(toProfileSchedule(profile.schedule));
    const next = nextRunAt(schedule, options.now ?? new Date());
    const active = profile.status === "ACTIVE";
    changes.profile = {
      id: storedProfile.id,
      name: profile.name,
      description: profile.description,
      tagFilter: profile.tagFilter,
      status: profile.status,
      scheduleKind: ({ none: "NONE", once: "ONCE", recurring: "RECURRING" } as const)[
        schedule.kind
      ],
      runAt: schedule.runAt ?? null,
      startsAt: schedule.startsAt ?? null,
      endsAt: schedule.endsAt ?? null,
      intervalMinutes: schedule.intervalMinutes ?? null,
      cron: schedule.cron ?? null,
      timeZone: schedule.timeZone,
      keepFindingStatus: profile.keepFindingStatus,
      nextRunAt: active ? next : null,
    };
    // Run outcomes (processing, processed, failed) stay; only the idle states follow the schedule.
    if (row.state === "REGISTERED" || row.state === "SCHEDULED") {
      connector.state = active && next ? "SCHEDULED" : "REGISTERED";
    }
  }
  if (input.identification) {
    changes.rules = identificationStepSchema.parse(values.identification).rules;
  }
  changes.connector = connector;

  try {
    if (!(await updateConnectorParts(changes))) throw connectorNotFound();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError("A connector with this name already exists.", {
        "basic.name": ["A connector with this name already exists; choose another name."],
      });
    }
    throw error;
  }
  return getConnectorForApi({ tenantId, connectorId });
}

/**
 * DELETE /api/v1/connectors/{id}. Refused while a run is queued or processing.
 * See deleteConnectorRow for what the schema's cascades remove and keep.
 */
export async function deleteConnector(options: {
  tenantId: string;
  userId: string;
  connectorId: string;
}) {
  const result = await deleteConnectorRow({
    tenantId: options.tenantId,
    userId: options.userId,
    id: options.connectorId,
  });
  if (result.outcome === "not-found") throw connectorNotFound();
  if (result.outcome === "busy") {
    throw new ConflictError(
      `Run ${result.runId} of this connector is still queued or processing; wait for it to finish (GET /api/v1/runs/${result.runId}), then delete the connector.`,
    );
  }
}
