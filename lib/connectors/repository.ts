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
  draftId: string;
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
    await tx.connectorDraft.deleteMany({ where: { id: input.draftId, tenantId } });
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
      profiles: {
        select: {
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
          nextRunAt: true,
          transformMapId: true,
        },
        orderBy: { createdAt: "asc" },
      },
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
