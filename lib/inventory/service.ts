// The inventory: search, pages, asset detail, identity decisions (merge,
// keep apart, split) and saved queries. Every function takes the tenant from
// its caller's session or token, never from the request.
import { randomUUID } from "node:crypto";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { compileAssetQuery, compileFindingQuery } from "@/lib/query/compile";
import { parseBreakdown, type RiskBreakdown } from "@/lib/risk/qds";
import { recomputeRiskScores } from "@/lib/risk/service";
import { ASSET_COLUMNS, type AssetColumnKey } from "./columns";
import { csvLine } from "./csv";
import { decodeCursor, encodeCursor } from "./cursor";
import * as repo from "./repository";
import {
  defaultDirection,
  type AssetListQuery,
  type FindingListQuery,
  type ResolveConflictInput,
  type SavedQueryScope,
  type SaveQueryInput,
  type SplitSourceInput,
} from "./schema";

/** Beyond this many matches the total is the planner's estimate, marked as such. */
export const EXACT_COUNT_CAP = 2_000;

export type Total = { count: number; exact: boolean };

export type Page<Row> = {
  rows: Row[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
  /** Cursor of the previous page, or null on the first one. */
  previous: string | null;
  total?: Total;
};

function paginate<Row extends { id: string; sortValue: string }>(
  result: { rows: Row[]; backwards: boolean },
  request: { sort: string; direction: "asc" | "desc"; limit: number; hadCursor: boolean },
): Page<Omit<Row, "sortValue">> {
  const more = result.rows.length > request.limit;
  let rows = result.rows.slice(0, request.limit);
  if (result.backwards) rows = rows.reverse();
  const cursorAt = (row: Row | undefined, w: "a" | "b") =>
    row
      ? encodeCursor({ s: request.sort, o: request.direction, w, v: row.sortValue, id: row.id })
      : null;
  // Walking backwards, "more" means more rows before; there is always a next page.
  const hasNext = result.backwards ? true : more;
  const hasPrevious = result.backwards ? more : request.hadCursor;
  return {
    rows: rows.map((row) => {
      const { sortValue, ...rest } = row;
      void sortValue;
      return rest;
    }),
    next: hasNext ? cursorAt(rows.at(-1), "a") : null,
    previous: hasPrevious ? cursorAt(rows[0], "b") : null,
  };
}

export type AssetListItem = Omit<repo.AssetRow, "sortValue">;

/**
 * One keyset page of assets matching an inventory query. Throws QueryError
 * (a ValidationError carrying the column) when the query is wrong.
 */
export async function listAssets(
  options: AssetListQuery & { tenantId: string; withTotal?: boolean },
): Promise<Page<AssetListItem>> {
  const filter = compileAssetQuery(options.q, { tenantParam: 1, paramOffset: 1 });
  const direction = options.dir ?? defaultDirection(options.sort);
  const cursor = decodeCursor(options.cursor, options.sort, direction);
  const [page, total] = await Promise.all([
    repo.selectAssetPage({
      tenantId: options.tenantId,
      filter,
      sort: options.sort,
      direction,
      cursor,
      limit: options.limit,
    }),
    options.withTotal
      ? repo.countMatching({
          table: "assets",
          tenantId: options.tenantId,
          filter,
          cap: EXACT_COUNT_CAP,
        })
      : undefined,
  ]);
  return {
    ...paginate(page, { sort: options.sort, direction, limit: options.limit, hadCursor: !!cursor }),
    ...(total ? { total } : {}),
  };
}

export type FindingListItem = Omit<repo.FindingRow, "sortValue">;

export async function listFindings(
  options: FindingListQuery & { tenantId: string; withTotal?: boolean },
): Promise<Page<FindingListItem>> {
  const filter = compileFindingQuery(options.q, { tenantParam: 1, paramOffset: 1 });
  const direction = options.dir ?? defaultDirection(options.sort);
  const cursor = decodeCursor(options.cursor, options.sort, direction);
  const [page, total] = await Promise.all([
    repo.selectFindingPage({
      tenantId: options.tenantId,
      filter,
      sort: options.sort,
      direction,
      cursor,
      limit: options.limit,
    }),
    options.withTotal
      ? repo.countMatching({
          table: "findings",
          tenantId: options.tenantId,
          filter,
          cap: EXACT_COUNT_CAP,
        })
      : undefined,
  ]);
  return {
    ...paginate(page, { sort: options.sort, direction, limit: options.limit, hadCursor: !!cursor }),
    ...(total ? { total } : {}),
  };
}

/** The dashboard's headline numbers (kept with these signatures for it). */
export function countAssets(options: { tenantId: string }) {
  return repo.countAssetRows(options.tenantId);
}

export function countFindings(options: { tenantId: string }) {
  return repo.countFindingRows(options.tenantId);
}

// ---- CSV export ------------------------------------------------------------

const EXPORT_BATCH = 1_000;

function exportValue(row: AssetListItem, key: AssetColumnKey): unknown {
  return row[key];
}

/**
 * The whole result of a query as CSV, produced page by page so memory stays
 * flat however many assets match. The query is compiled before the first
 * line, so a bad query fails before any response is sent.
 */
export function exportAssetsCsv(options: {
  tenantId: string;
  q: string;
  sort: AssetListQuery["sort"];
  dir?: AssetListQuery["dir"];
  columns: AssetColumnKey[];
}): AsyncGenerator<string> {
  compileAssetQuery(options.q);
  // The header line goes out at once; pages follow as the client reads.
  const columns = ASSET_COLUMNS.filter((c) => options.columns.includes(c.key));
  return (async function* () {
    yield csvLine(columns.map((c) => c.label));
    let cursor: string | undefined;
    do {
      const page = await listAssets({
        tenantId: options.tenantId,
        q: options.q,
        sort: options.sort,
        dir: options.dir,
        cursor,
        limit: EXPORT_BATCH,
      });
      yield page.rows.map((row) => csvLine(columns.map((c) => exportValue(row, c.key)))).join("");
      cursor = page.next ?? undefined;
    } while (cursor);
  })();
}

// ---- asset detail ----------------------------------------------------------

/** How an asset source was matched to its asset, in words. */
export function describeMatch(rule: string | null, value: string | null): string {
  const labels: Record<string, string> = {
    ASSET_UUID: "Qualys asset UUID",
    HOST_ID: "Qualys host id",
    BIOS_SERIAL: "BIOS serial",
    CLOUD_INSTANCE_ID: "cloud instance id",
    MAC: "MAC address",
    FQDN: "FQDN",
    NETBIOS: "NetBIOS name",
    IP: "IP address",
  };
  if (!rule) return "Created this asset (no earlier record matched)";
  if (rule === "SOURCE_RECORD") return "Seen before from this source (same record id)";
  if (rule === "MANUAL_SPLIT") return "Split off into its own asset by a person";
  return `Matched on ${labels[rule] ?? rule}${value ? ` ${value}` : ""}`;
}

const FINDINGS_ON_ASSET_PAGE = 200;

export async function getAssetDetail(options: { tenantId: string; assetId: string }) {
  const asset = await repo.findAsset(options.tenantId, options.assetId);
  if (!asset) throw new NotFoundError("This asset does not exist or was merged into another.");
  const [findings, conflicts] = await Promise.all([
    repo.selectAssetFindings(options.tenantId, asset.id, FINDINGS_ON_ASSET_PAGE),
    repo.findConflictsOfAsset(options.tenantId, asset.id),
  ]);
  const conflictRows = await describeConflicts(options.tenantId, conflicts);
  const breakdown: RiskBreakdown = parseBreakdown(asset.riskBreakdown, asset.criticality);
  return {
    ...asset,
    identifiers: asset.identifiers.map((i) => ({ ...i, id: i.id.toString() })),
    sources: asset.sources.map((s) => ({
      ...s,
      matchDescription: describeMatch(s.matchedRule, s.matchedValue),
    })),
    breakdown,
    findings: findings.rows,
    findingsTotal: findings.total,
    conflicts: conflictRows,
  };
}

export type AssetDetail = Awaited<ReturnType<typeof getAssetDetail>>;

export async function setCriticality(options: {
  tenantId: string;
  assetId: string;
  criticality: number;
}) {
  const updated = await repo.setAssetCriticality(
    options.tenantId,
    options.assetId,
    options.criticality,
  );
  if (updated.count === 0) throw new NotFoundError("This asset does not exist any more.");
  // The ACS multiplies the score, so it changes at once rather than after the next run.
  await recomputeRiskScores({ tenantId: options.tenantId, assetIds: [options.assetId] });
  return { assetId: options.assetId, criticality: options.criticality };
}

// ---- identity conflicts ----------------------------------------------------

type ConflictRecord = Awaited<ReturnType<typeof repo.findConflicts>>[number];

async function describeConflicts(tenantId: string, conflicts: ConflictRecord[]) {
  const assetIds = [...new Set(conflicts.flatMap((c) => [c.assetId, c.otherAssetId]))];
  const connectorIds = [...new Set(conflicts.map((c) => c.connectorId))];
  const [assets, connectors] = await Promise.all([
    assetIds.length ? repo.findAssetNames(tenantId, assetIds) : [],
    connectorIds.length ? repo.findConnectorNames(tenantId, connectorIds) : [],
  ]);
  const assetById = new Map(assets.map((a) => [a.id, a]));
  const connectorById = new Map(connectors.map((c) => [c.id, c.name]));
  return conflicts.map((c) => ({
    id: c.id,
    status: c.status,
    kind: c.kind,
    value: c.value,
    sourceRecordId: c.sourceRecordId,
    connectorName: connectorById.get(c.connectorId) ?? "deleted connector",
    createdAt: c.createdAt,
    resolvedAt: c.resolvedAt,
    asset: { id: c.assetId, name: assetById.get(c.assetId)?.name ?? null },
    other: { id: c.otherAssetId, name: assetById.get(c.otherAssetId)?.name ?? null },
  }));
}

export type ConflictItem = Awaited<ReturnType<typeof describeConflicts>>[number];

export async function listConflicts(options: {
  tenantId: string;
  status: "OPEN" | "RESOLVED";
}): Promise<ConflictItem[]> {
  const conflicts = await repo.findConflicts(options.tenantId, options.status, 200);
  return describeConflicts(options.tenantId, conflicts);
}

export function countOpenConflicts(options: { tenantId: string }) {
  return repo.countOpenConflicts(options.tenantId);
}

export async function mergeAssets(options: {
  tenantId: string;
  targetId: string;
  sourceId: string;
  userId: string | null;
  conflictId?: string;
}) {
  if (options.targetId === options.sourceId) {
    throw new ConflictError("An asset cannot be merged into itself.");
  }
  const merged = await repo.mergeAssetsTx(options);
  if (!merged) throw new NotFoundError("One of the two assets no longer exists.");
  return { assetId: options.targetId };
}

export async function resolveConflict(
  options: ResolveConflictInput & { tenantId: string; userId: string | null },
) {
  const conflict = await repo.findConflict(options.tenantId, options.conflictId);
  if (!conflict) throw new NotFoundError("This conflict does not exist.");
  if (conflict.status !== "OPEN") {
    throw new ConflictError("Someone has already resolved this conflict.");
  }
  if (options.resolution === "keepApart") {
    await repo.setConflictStatus(options.tenantId, conflict.id, "KEPT_APART");
    return { assetId: conflict.assetId };
  }
  const [targetId, sourceId] =
    options.keep === "asset"
      ? [conflict.assetId, conflict.otherAssetId]
      : [conflict.otherAssetId, conflict.assetId];
  await mergeAssets({
    tenantId: options.tenantId,
    targetId,
    sourceId,
    userId: options.userId,
    conflictId: conflict.id,
  });
  await repo.setConflictStatus(options.tenantId, conflict.id, "MERGED");
  return { assetId: targetId };
}

const NAME_PREFERENCE = ["FQDN", "NETBIOS", "HOST_ID", "IP", "CLOUD_INSTANCE_ID", "BIOS_SERIAL"];

/** A readable name for a split-off asset from what moved with it. */
export function nameForSplit(
  moved: { kind: string; value: string }[],
  source: { sourceName: string; sourceRecordId: string },
): string {
  for (const kind of NAME_PREFERENCE) {
    const found = moved.find((i) => i.kind === kind);
    if (found) return found.value;
  }
  return `${source.sourceName} ${source.sourceRecordId}`;
}

export async function splitSource(
  options: SplitSourceInput & { tenantId: string; userId: string | null },
) {
  const result = await repo.splitSourceTx({
    tenantId: options.tenantId,
    assetSourceId: options.assetSourceId,
    identifierIds: options.identifierIds,
    newAssetId: randomUUID(),
    userId: options.userId,
    name: nameForSplit,
  });
  if (!result.ok && result.reason === "not_found") {
    throw new NotFoundError("This source is no longer attached to the asset.");
  }
  if (!result.ok) {
    throw new ConflictError("This is the asset's only source; there is nothing to split it from.");
  }
  return result;
}

// ---- saved queries ---------------------------------------------------------

export function listSavedQueries(options: { tenantId: string; scope: SavedQueryScope }) {
  return repo.findSavedQueries(options.tenantId, options.scope);
}

export async function saveQuery(options: SaveQueryInput & { tenantId: string; userId: string }) {
  // Only a query that compiles is worth keeping.
  if (options.scope === "assets") compileAssetQuery(options.query);
  else compileFindingQuery(options.query);
  return repo.upsertSavedQuery({
    tenantId: options.tenantId,
    scope: options.scope,
    name: options.name,
    query: options.query,
    createdById: options.userId,
  });
}

export async function deleteSavedQuery(options: { tenantId: string; id: string }) {
  const deleted = await repo.deleteSavedQuery(options.tenantId, options.id);
  if (deleted.count === 0) throw new NotFoundError("This saved query was already deleted.");
  return { id: options.id };
}

// ---- dashboard charts ------------------------------------------------------

export const RISK_BIN_LABELS = [
  "0",
  "1–99",
  "100–199",
  "200–299",
  "300–399",
  "400–499",
  "500–599",
  "600–699",
  "700–799",
  "800–899",
  "900–1000",
];

/** Everything components/dashboard/charts.tsx draws, for one tenant. */
export async function getInventoryCharts(options: { tenantId: string; days?: number }) {
  const days = options.days ?? 30;
  const data = await repo.selectChartData(options.tenantId, days);
  const bins = new Map(data.riskBins.map((b) => [b.bin, b.assets]));
  const today = new Date();
  const runsByDay = new Map(data.runs.map((r) => [r.day, r]));
  const ingestion = Array.from({ length: days }, (_, i) => {
    const day = new Date(today.getTime() - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    const r = runsByDay.get(day);
    return {
      day,
      runs: r?.runs ?? 0,
      failed: r?.failed ?? 0,
      rows: r?.rows ?? 0,
      written: r?.written ?? 0,
    };
  });
  return {
    assetsBySource: data.bySource,
    riskDistribution: RISK_BIN_LABELS.map((label, i) => ({ label, assets: bins.get(i - 1) ?? 0 })),
    findingsBySeverity: [1, 2, 3, 4, 5].map((severity) => {
      const row = data.bySeverity.find((s) => s.severity === severity);
      return { severity, open: row?.open ?? 0, fixed: row?.fixed ?? 0 };
    }),
    ingestion,
  };
}

export type InventoryCharts = Awaited<ReturnType<typeof getInventoryCharts>>;
