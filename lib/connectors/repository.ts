// The only connectors file that touches Prisma. Functions take the tenant id
// and put it in every where clause, so a record of another tenant is never
// read or changed even when its id is guessed.
import { db } from "@/lib/db";
import type { Db } from "@/lib/db/client";
import type { DataModelDefinition } from "@/lib/datamodels/types";
import type {
  ConnectorState,
  FindingType,
  ProfileStatus,
  ScheduleKind,
} from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

// ------------------------------------------------------------------ drafts

const draftSelect = {
  id: true,
  lastStep: true,
  data: true,
  createdAt: true,
  updatedAt: true,
} as const;

export function findDraft(tenantId: string, id: string) {
  return db.connectorDraft.findFirst({ where: { id, tenantId }, select: draftSelect });
}

/** The encrypted credentials column, for the server alone. */
export async function findDraftSecrets(tenantId: string, id: string): Promise<string | null> {
  const row = await db.connectorDraft.findFirst({
    where: { id, tenantId },
    select: { secrets: true },
  });
  return row?.secrets ?? null;
}

export function listDrafts(tenantId: string) {
  return db.connectorDraft.findMany({
    where: { tenantId, connectorId: null },
    select: { ...draftSelect, user: { select: { name: true } } },
    orderBy: { updatedAt: "desc" },
    take: 50,
  });
}

export function insertDraft(data: {
  tenantId: string;
  userId: string;
  lastStep: string;
  data: Prisma.InputJsonValue;
  secrets: string | null;
}) {
  return db.connectorDraft.create({ data, select: { id: true } });
}

export async function updateDraft(
  tenantId: string,
  id: string,
  data: { lastStep: string; data: Prisma.InputJsonValue; secrets: string | null },
) {
  const { count } = await db.connectorDraft.updateMany({ where: { id, tenantId }, data });
  return count === 1;
}

export async function deleteDraft(tenantId: string, id: string) {
  const { count } = await db.connectorDraft.deleteMany({ where: { id, tenantId } });
  return count === 1;
}

// ------------------------------------------------------------------ data models

/**
 * Makes sure the built-in models and their attributes exist with tenantId
 * NULL. A unique index does not stop two NULL-tenant rows with one key, so
 * concurrent callers take a transaction-scoped advisory lock instead.
 */
export async function upsertBuiltInDataModels(
  models: readonly DataModelDefinition<unknown>[],
): Promise<Map<string, string>> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sluice:built-in-data-models'))`;
    const existing = await tx.dataModel.findMany({
      where: { tenantId: null, key: { in: models.map((m) => m.key) } },
      select: { id: true, key: true, version: true, _count: { select: { attributes: true } } },
    });
    const ids = new Map<string, string>();
    for (const model of models) {
      const row = existing.find((e) => e.key === model.key);
      const current =
        row?.version === model.version && row._count.attributes === model.attributes.length;
      if (row && current) {
        ids.set(model.key, row.id);
        continue;
      }
      const id = row
        ? (
            await tx.dataModel.update({
              where: { id: row.id },
              data: { name: model.name, kind: model.kind, version: model.version },
              select: { id: true },
            })
          ).id
        : (
            await tx.dataModel.create({
              data: {
                tenantId: null,
                key: model.key,
                name: model.name,
                kind: model.kind,
                version: model.version,
              },
              select: { id: true },
            })
          ).id;
      await syncAttributes(tx, id, model);
      ids.set(model.key, id);
    }
    return ids;
  });
}

async function syncAttributes(tx: Tx, dataModelId: string, model: DataModelDefinition<unknown>) {
  // Attributes dropped from a model are removed; transform maps name targets
  // by path, not by attribute id, so nothing else refers to these rows.
  await tx.dataModelAttribute.deleteMany({
    where: { dataModelId, name: { notIn: model.attributes.map((a) => a.name) } },
  });
  for (const [position, attribute] of model.attributes.entries()) {
    const data = {
      label: attribute.label,
      dataType: attribute.dataType,
      isList: attribute.isList,
      required: attribute.required,
      description: attribute.description,
      position,
    };
    await tx.dataModelAttribute.upsert({
      where: { dataModelId_name: { dataModelId, name: attribute.name } },
      create: { dataModelId, name: attribute.name, ...data },
      update: data,
      select: { id: true },
    });
  }
}

// ------------------------------------------------------------------ connectors

export function findConnectorIdByName(tenantId: string, name: string) {
  return db.connector.findFirst({
    where: { tenantId, name: { equals: name, mode: "insensitive" } },
    select: { id: true },
  });
}

export type NewConnector = {
  tenantId: string;
  userId: string;
  /** The wizard draft this connector comes from (deleted with the insert); null from the REST API. */
  draftId: string | null;
  connector: {
    name: string;
    description: string;
    type: string;
    findingType: FindingType;
    assetType: string;
    state: ConnectorState;
    config: Prisma.InputJsonValue;
    secrets: string | null;
    dataModelId: string;
  };
  transformMap: {
    name: string;
    description: string;
    templateKey: string | null;
    preambleLines: number;
    delimiter: string;
    mappings: {
      sourceField: string;
      dataType: string;
      targetField: string;
      transforms: Prisma.InputJsonValue;
    }[];
  };
  profile: {
    name: string;
    description: string;
    tagFilter: string;
    status: ProfileStatus;
    scheduleKind: ScheduleKind;
    runAt: Date | null;
    startsAt: Date | null;
    endsAt: Date | null;
    intervalMinutes: number | null;
    cron: string | null;
    timeZone: string;
    keepFindingStatus: boolean;
    nextRunAt: Date | null;
  };
  rules: { identifier: string; enabled: boolean }[];
};

/** Everything the wizard collected, written at once: a failure leaves no half connector behind. */
export function insertConnectorFromDraft(input: NewConnector) {
  const { tenantId, connector: c, transformMap: m, profile: p } = input;
  return db.$transaction(async (tx) => {
    const connector = await tx.connector.create({
      data: { tenantId, ...c },
      select: { id: true, name: true, state: true },
    });
    const transformMap = await tx.transformMap.create({
      data: {
        tenantId,
        connectorId: connector.id,
        dataModelId: c.dataModelId,
        name: m.name,
        description: m.description,
        templateKey: m.templateKey,
        preambleLines: m.preambleLines,
        delimiter: m.delimiter,
        mappings: { create: m.mappings.map((mapping, position) => ({ position, ...mapping })) },
      },
      select: { id: true },
    });
    const profile = await tx.profile.create({
      data: { tenantId, connectorId: connector.id, transformMapId: transformMap.id, ...p },
      select: { id: true },
    });
    await tx.identificationRule.createMany({
      data: input.rules.map((rule, position) => ({ connectorId: connector.id, position, ...rule })),
    });
    if (input.draftId) {
      await tx.connectorDraft.deleteMany({ where: { id: input.draftId, tenantId } });
    }
    await tx.auditLog.create({
      data: {
        tenantId,
        userId: input.userId,
        action: "connector.created",
        targetType: "connector",
        targetId: connector.id,
        details: { name: c.name, type: c.type, state: c.state },
      },
      select: { id: true },
    });
    return { ...connector, transformMapId: transformMap.id, profileId: profile.id };
  });
}

export function listConnectorsWithLastRun(tenantId: string) {
  return db.connector.findMany({
    where: { tenantId },
    select: {
      id: true,
      name: true,
      description: true,
      type: true,
      findingType: true,
      state: true,
      lastRunAt: true,
      createdAt: true,
      runs: {
        select: { id: true, state: true, createdAt: true, finishedAt: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
    orderBy: { name: "asc" },
  });
}

const profileSelect = {
  id: true,
  name: true,
  description: true,
  tagFilter: true,
  status: true,
  scheduleKind: true,
  runAt: true,
  startsAt: true,
  endsAt: true,
  intervalMinutes: true,
  cron: true,
  timeZone: true,
  keepFindingStatus: true,
  nextRunAt: true,
  transformMapId: true,
} as const satisfies Prisma.ProfileSelect;

export function findConnectorDetail(tenantId: string, id: string) {
  return db.connector.findFirst({
    where: { id, tenantId },
    select: {
      id: true,
      name: true,
      description: true,
      type: true,
      findingType: true,
      assetType: true,
      state: true,
      config: true,
      lastRunAt: true,
      createdAt: true,
      updatedAt: true,
      dataModel: { select: { key: true, name: true } },
      profiles: { select: profileSelect, orderBy: { createdAt: "asc" } },
      identificationRules: {
        select: { identifier: true, enabled: true, position: true },
        orderBy: { position: "asc" },
      },
      transformMaps: {
        select: {
          id: true,
          name: true,
          templateKey: true,
          preambleLines: true,
          delimiter: true,
          _count: { select: { mappings: true } },
        },
        orderBy: { createdAt: "asc" },
      },
      runs: {
        select: {
          id: true,
          trigger: true,
          state: true,
          source: true,
          rowsRead: true,
          created: true,
          updated: true,
          rejected: true,
          createdAt: true,
          finishedAt: true,
        },
        orderBy: { createdAt: "desc" },
        take: 10,
      },
    },
  });
}

export async function findConnectorSecrets(tenantId: string, id: string): Promise<string | null> {
  const row = await db.connector.findFirst({ where: { id, tenantId }, select: { secrets: true } });
  return row?.secrets ?? null;
}

export function countConnectorsInTenant(tenantId: string) {
  return db.connector.count({ where: { tenantId } });
}

// ------------------------------------------------------------------ REST v1

const mappingSelect = {
  sourceField: true,
  dataType: true,
  targetField: true,
  transforms: true,
} as const;

/** A connector with everything a whole-connector read or update needs (never its secrets). */
export function findConnectorForApi(tenantId: string, id: string) {
  return db.connector.findFirst({
    where: { id, tenantId },
    select: {
      id: true,
      name: true,
      description: true,
      type: true,
      findingType: true,
      assetType: true,
      state: true,
      config: true,
      lastRunAt: true,
      createdAt: true,
      updatedAt: true,
      dataModel: { select: { key: true } },
      transformMaps: {
        select: {
          id: true,
          name: true,
          templateKey: true,
          preambleLines: true,
          delimiter: true,
          mappings: { select: mappingSelect, orderBy: { position: "asc" } },
        },
        orderBy: { createdAt: "asc" },
      },
      profiles: { select: profileSelect, orderBy: { createdAt: "asc" } },
      identificationRules: {
        select: { identifier: true, enabled: true },
        orderBy: { position: "asc" },
      },
      runs: {
        select: { id: true, state: true, createdAt: true, finishedAt: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
}

export type ConnectorChanges = {
  tenantId: string;
  userId: string;
  connectorId: string;
  /** Names of the steps that changed, for the audit log (never values). */
  changed: string[];
  connector?: {
    name?: string;
    description?: string;
    config?: Prisma.InputJsonValue;
    secrets?: string | null;
    state?: ConnectorState;
  };
  transformMap?: {
    id: string;
    name: string;
    templateKey: string | null;
    preambleLines: number;
    delimiter: string;
    /** Replaces every mapping when given. */
    mappings?: NewConnector["transformMap"]["mappings"];
  };
  profile?: { id: string } & NewConnector["profile"];
  rules?: NewConnector["rules"];
};

/** Applies a whole-connector update in one transaction; false when the connector is gone. */
export function updateConnectorParts(changes: ConnectorChanges) {
  const { tenantId, connectorId } = changes;
  return db.$transaction(async (tx) => {
    const { count } = await tx.connector.updateMany({
      where: { id: connectorId, tenantId },
      // Touching updatedAt even when only a child row changes.
      data: { ...changes.connector, updatedAt: new Date() },
    });
    if (count === 0) return false;
    const map = changes.transformMap;
    if (map) {
      await tx.transformMap.updateMany({
        where: { id: map.id, tenantId, connectorId },
        data: {
          name: map.name,
          templateKey: map.templateKey,
          preambleLines: map.preambleLines,
          delimiter: map.delimiter,
        },
      });
      if (map.mappings) {
        await tx.fieldMapping.deleteMany({ where: { transformMapId: map.id } });
        await tx.fieldMapping.createMany({
          data: map.mappings.map((mapping, position) => ({
            transformMapId: map.id,
            position,
            ...mapping,
          })),
        });
      }
    }
    if (changes.profile) {
      const { id, ...profile } = changes.profile;
      await tx.profile.updateMany({ where: { id, tenantId, connectorId }, data: profile });
    }
    if (changes.rules) {
      await tx.identificationRule.deleteMany({ where: { connectorId } });
      await tx.identificationRule.createMany({
        data: changes.rules.map((rule, position) => ({ connectorId, position, ...rule })),
      });
    }
    await tx.auditLog.create({
      data: {
        tenantId,
        userId: changes.userId,
        action: "connector.updated",
        targetType: "connector",
        targetId: connectorId,
        details: { changed: changes.changed },
      },
      select: { id: true },
    });
    return true;
  });
}

/**
 * Deletes a connector unless a run of it is queued or processing. The schema's
 * cascades remove its transform maps, profiles, rules, runs, ledger entries,
 * log events and the asset-source links; its findings stay with no connector.
 */
export function deleteConnectorRow(options: { tenantId: string; userId: string; id: string }) {
  const { tenantId, id } = options;
  return db.$transaction(async (tx) => {
    const connector = await tx.connector.findFirst({
      where: { id, tenantId },
      select: { id: true, name: true, type: true },
    });
    if (!connector) return { outcome: "not-found" as const };
    const active = await tx.run.findFirst({
      where: { connectorId: id, state: { in: ["QUEUED", "PROCESSING"] } },
      select: { id: true },
    });
    if (active) return { outcome: "busy" as const, runId: active.id };
    await tx.connector.deleteMany({ where: { id, tenantId } });
    await tx.auditLog.create({
      data: {
        tenantId,
        userId: options.userId,
        action: "connector.deleted",
        targetType: "connector",
        targetId: id,
        details: { name: connector.name, type: connector.type },
      },
      select: { id: true },
    });
    return { outcome: "deleted" as const };
  });
}
