// Everything a run needs, read once at its start: the connector (with its
// encrypted secrets), the transform map, the data model and the enabled
// identification rules in precedence order.
import { db } from "@/lib/db";
import { getConnectorDefinition } from "@/lib/connectors/registry";
import type { ConnectorState } from "@/lib/generated/prisma/enums";
import type { FieldMappingInput } from "./transforms";

export type RunPlan = {
  runId: string;
  tenantId: string;
  connectorId: string;
  connectorType: string;
  sourceName: string;
  trigger: string;
  source: string;
  config: unknown;
  secrets: string | null;
  rules: string[];
  mappings: FieldMappingInput[];
  preambleLines: number;
  delimiter: string;
  dataModelKey: string;
  since: Date | null;
  /** The profile asks that findings missing from a full import keep their status. */
  keepFindingStatus: boolean;
  touchedAssets: Set<string>;
  failedObjects: number;
};

export async function loadRunPlan(runId: string): Promise<RunPlan | null> {
  const run = await db.run.findUnique({
    where: { id: runId },
    include: {
      profile: { select: { transformMapId: true, keepFindingStatus: true } },
      connector: {
        select: {
          id: true,
          tenantId: true,
          type: true,
          findingType: true,
          config: true,
          secrets: true,
          identificationRules: {
            where: { enabled: true },
            orderBy: { position: "asc" },
            select: { identifier: true },
          },
        },
      },
    },
  });
  if (!run || run.state === "PROCESSED" || run.state === "CANCELLED") return null;
  const definition = getConnectorDefinition(run.connector.type);
  const transformMapId = run.transformMapId ?? run.profile?.transformMapId ?? null;
  const map = transformMapId
    ? await db.transformMap.findFirst({
        where: { id: transformMapId, tenantId: run.tenantId },
        include: {
          mappings: { orderBy: { position: "asc" } },
          dataModel: { select: { key: true } },
        },
      })
    : await db.transformMap.findFirst({
        where: { connectorId: run.connectorId, tenantId: run.tenantId },
        orderBy: { createdAt: "asc" },
        include: {
          mappings: { orderBy: { position: "asc" } },
          dataModel: { select: { key: true } },
        },
      });
  // A run without a profile of its own (an upload, an event) follows the connector's first.
  const profile =
    run.profile ??
    (await db.profile.findFirst({
      where: { connectorId: run.connectorId },
      orderBy: { createdAt: "asc" },
      select: { transformMapId: true, keepFindingStatus: true },
    }));
  const lastSuccess = await db.run.findFirst({
    where: { connectorId: run.connectorId, state: "PROCESSED", id: { not: run.id } },
    orderBy: { startedAt: "desc" },
    select: { startedAt: true },
  });
  return {
    runId: run.id,
    tenantId: run.tenantId,
    connectorId: run.connectorId,
    connectorType: run.connector.type,
    sourceName: definition?.sourceName ?? run.connector.type,
    trigger: run.trigger,
    source: run.source,
    config: run.connector.config,
    secrets: run.connector.secrets,
    rules: run.connector.identificationRules.map((r) => r.identifier),
    mappings: (map?.mappings ?? []).map((m) => ({
      sourceField: m.sourceField,
      dataType: m.dataType,
      targetField: m.targetField,
      transforms: m.transforms,
    })) as FieldMappingInput[],
    preambleLines: map?.preambleLines ?? 0,
    delimiter: map?.delimiter ?? ",",
    dataModelKey:
      map?.dataModel.key ??
      (run.connector.findingType === "ASSET" ? "host-asset" : "vulnerability-finding"),
    since: lastSuccess?.startedAt ?? null,
    keepFindingStatus: profile?.keepFindingStatus ?? false,
    touchedAssets: new Set(),
    failedObjects: 0,
  };
}

export function setConnectorState(connectorId: string, state: ConnectorState) {
  return db.connector.update({
    where: { id: connectorId },
    data: { state, ...(state === "PROCESSING" ? { lastRunAt: new Date() } : {}) },
    select: { id: true },
  });
}
