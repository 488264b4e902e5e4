// Data access for the inventory. The list, count and export paths are plain
// parameterised SQL on the pg pool because their WHERE clause comes from the
// query compiler (lib/query), and merge/split are multi-table rewrites that
// must happen in one transaction. Detail pages and small tables use Prisma.
import type pg from "pg";
import { db } from "@/lib/db";
import { pool, withTransaction } from "@/lib/db/pool";
import type { CompiledQuery } from "@/lib/query/compile";
import { effectiveQdsSql, qdsOriginSql } from "@/lib/risk/sql";
import { recomputeRiskScores } from "@/lib/risk/service";
import type { Cursor } from "./cursor";
import type { AssetSort, FindingSort, SavedQueryScope, SortDirection } from "./schema";

// ---- keyset pages ----------------------------------------------------------

type SortSpec = { expression: string; cast: "int" | "text" | "timestamp" };

const ASSET_SORT_SQL: Record<AssetSort, SortSpec> = {
  riskScore: { expression: `a."riskScore"`, cast: "int" },
  name: { expression: "a.name", cast: "text" },
  lastSeen: { expression: `a."lastSeenAt"`, cast: "timestamp" },
  criticality: { expression: "a.criticality", cast: "int" },
};

const FINDING_SORT_SQL: Record<FindingSort, SortSpec> = {
  severity: { expression: "f.severity", cast: "int" },
  qid: { expression: "f.qid", cast: "int" },
  // Not every source sends a detection date; the row's own creation stands in.
  lastDetected: { expression: `coalesce(f."lastDetectedAt", f."createdAt")`, cast: "timestamp" },
};

type PageRequest<S> = {
  tenantId: string;
  filter: CompiledQuery;
  sort: S;
  direction: SortDirection;
  cursor?: Cursor;
  limit: number;
};

/**
 * The ORDER BY / keyset clause for one page. Going backwards flips both the
 * comparison and the order; the caller reverses the rows again.
 */
function keyset(
  spec: SortSpec,
  alias: string,
  direction: SortDirection,
  cursor: Cursor | undefined,
  params: unknown[],
) {
  const backwards = cursor?.w === "b";
  const ascending = (direction === "asc") !== backwards;
  const order = ascending ? "ASC" : "DESC";
  let condition = "";
  if (cursor) {
    params.push(cursor.v, cursor.id);
    const value = `$${params.length - 1}::${spec.cast}`;
    const id = `$${params.length}::uuid`;
    condition = ` AND (${spec.expression}, ${alias}.id) ${ascending ? ">" : "<"} (${value}, ${id})`;
  }
  return {
    condition,
    orderBy: `ORDER BY ${spec.expression} ${order}, ${alias}.id ${order}`,
    // The same order again outside the sub-query that picked the page.
    outerOrderBy: `ORDER BY p."sortValue"::${spec.cast} ${order}, p.id ${order}`,
    backwards,
  };
}

export type AssetRow = {
  id: string;
  name: string;
  hostname: string | null;
  fqdn: string | null;
  ipAddresses: string[];
  os: string | null;
  criticality: number;
  riskScore: number;
  tags: string[];
  firstSeenAt: Date;
  lastSeenAt: Date;
  sources: string[];
  openFindings: number;
  sortValue: string;
};

export async function selectAssetPage(request: PageRequest<AssetSort>) {
  const spec = ASSET_SORT_SQL[request.sort];
  // $1 is the tenant; the compiled filter's placeholders follow it.
  const params: unknown[] = [request.tenantId, ...request.filter.params];
  const { condition, orderBy, outerOrderBy, backwards } = keyset(
    spec,
    "a",
    request.direction,
    request.cursor,
    params,
  );
  params.push(request.limit + 1);
  const sql = `
SELECT p.*,
       ARRAY(SELECT DISTINCT s."sourceName" FROM asset_sources s WHERE s."assetId" = p.id ORDER BY 1) AS sources,
       (SELECT count(*)::int FROM findings f WHERE f."assetId" = p.id AND f.status <> 'FIXED') AS "openFindings"
  FROM (
    SELECT a.id, a.name, a.hostname, a.fqdn, a."ipAddresses", a.os, a.criticality, a."riskScore", a.tags,
           a."firstSeenAt" AT TIME ZONE 'UTC' AS "firstSeenAt", a."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt",
           (${spec.expression})::text AS "sortValue"
      FROM assets a
     WHERE a."tenantId" = $1 AND (${request.filter.where})${condition}
     ${orderBy}
     LIMIT $${params.length}
  ) p
  ${outerOrderBy}`;
  const result = await pool().query<AssetRow>(sql, params);
  return { rows: result.rows, backwards };
}

/**
 * How many assets match: exact up to `cap`, beyond that the planner's
 * estimate (flagged as such), so a broad query over 200k assets stays fast.
 */
export async function countMatching(options: {
  table: "assets" | "findings";
  tenantId: string;
  filter: CompiledQuery;
  cap: number;
}): Promise<{ count: number; exact: boolean }> {
  const alias = options.table === "assets" ? "a" : "f";
  const params = [options.tenantId, ...options.filter.params];
  const from = `FROM ${options.table} ${alias} WHERE ${alias}."tenantId" = $1 AND (${options.filter.where})`;
  const counted = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${Number(options.cap) + 1}) t`,
    params,
  );
  const n = counted.rows[0].n;
  if (n <= options.cap) return { count: n, exact: true };
  const plan = await pool().query<{ "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 ${from}`,
    params,
  );
  const estimate = Math.round(plan.rows[0]["QUERY PLAN"][0].Plan["Plan Rows"]);
  return { count: Math.max(estimate, options.cap + 1), exact: false };
}

export type FindingRow = {
  id: string;
  assetId: string;
  assetName: string;
  qid: number;
  title: string;
  severity: number;
  status: "NEW" | "ACTIVE" | "REOPENED" | "FIXED";
  type: "CONFIRMED" | "POTENTIAL" | "INFO";
  port: number;
  protocol: string;
  cves: string[];
  qds: number;
  qdsOrigin: "source" | "cvss3" | "cvss2" | "severity";
  lastDetectedAt: Date | null;
  connectorName: string | null;
  sortValue: string;
};

const findingColumns = `f.id, f."assetId", f.qid, f.title, f.severity, f.status, f.type, f.port, f.protocol, f.cves,
       ${effectiveQdsSql("f")} AS qds, ${qdsOriginSql("f")} AS "qdsOrigin",
       f."lastDetectedAt" AT TIME ZONE 'UTC' AS "lastDetectedAt", f."connectorId"`;

export async function selectFindingPage(request: PageRequest<FindingSort>) {
  const spec = FINDING_SORT_SQL[request.sort];
  const params: unknown[] = [request.tenantId, ...request.filter.params];
  const { condition, orderBy, outerOrderBy, backwards } = keyset(
    spec,
    "f",
    request.direction,
    request.cursor,
    params,
  );
  params.push(request.limit + 1);
  const sql = `
SELECT p.*, a.name AS "assetName", c.name AS "connectorName"
  FROM (
    SELECT ${findingColumns}, (${spec.expression})::text AS "sortValue"
      FROM findings f
     WHERE f."tenantId" = $1 AND (${request.filter.where})${condition}
     ${orderBy}
     LIMIT $${params.length}
  ) p
  JOIN assets a ON a.id = p."assetId"
  LEFT JOIN connectors c ON c.id = p."connectorId"
  ${outerOrderBy}`;
  const result = await pool().query<FindingRow>(sql, params);
  return { rows: result.rows, backwards };
}

// ---- asset detail ----------------------------------------------------------

export function findAsset(tenantId: string, id: string) {
  return db.asset.findFirst({
    where: { id, tenantId },
    select: {
      id: true,
      name: true,
      hostname: true,
      fqdn: true,
      ipAddresses: true,
      os: true,
      criticality: true,
      riskScore: true,
      riskBreakdown: true,
      tags: true,
      attributes: true,
      firstSeenAt: true,
      lastSeenAt: true,
      updatedAt: true,
      sources: {
        select: {
          id: true,
          sourceName: true,
          sourceRecordId: true,
          matchedRule: true,
          matchedValue: true,
          attributes: true,
          firstSeenAt: true,
          lastSeenAt: true,
          connector: { select: { id: true, name: true, type: true } },
        },
        orderBy: { firstSeenAt: "asc" },
      },
      identifiers: {
        select: { id: true, kind: true, value: true },
        orderBy: [{ kind: "asc" }, { value: "asc" }],
      },
    },
  });
}

export type AssetFindingRow = Omit<FindingRow, "assetName" | "sortValue">;

/** The asset's findings, open ones first, worst first. */
export async function selectAssetFindings(tenantId: string, assetId: string, limit: number) {
  const result = await pool().query<AssetFindingRow & { connectorName: string | null }>(
    `SELECT ${findingColumns}, c.name AS "connectorName"
       FROM findings f LEFT JOIN connectors c ON c.id = f."connectorId"
      WHERE f."tenantId" = $1 AND f."assetId" = $2
      ORDER BY (f.status = 'FIXED'), ${effectiveQdsSql("f")} DESC, f.qid, f.id
      LIMIT $3`,
    [tenantId, assetId, limit],
  );
  const total = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM findings WHERE "tenantId" = $1 AND "assetId" = $2`,
    [tenantId, assetId],
  );
  return { rows: result.rows, total: total.rows[0].n };
}

export function setAssetCriticality(tenantId: string, assetId: string, criticality: number) {
  return db.asset.updateMany({ where: { id: assetId, tenantId }, data: { criticality } });
}

// ---- identity conflicts ----------------------------------------------------

export function findConflicts(tenantId: string, status: "OPEN" | "RESOLVED", take: number) {
  return db.identityConflict.findMany({
    where: {
      tenantId,
      status: status === "OPEN" ? "OPEN" : { in: ["MERGED", "KEPT_APART"] },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take,
  });
}

export function countOpenConflicts(tenantId: string, assetId?: string) {
  return db.identityConflict.count({
    where: {
      tenantId,
      status: "OPEN",
      ...(assetId ? { OR: [{ assetId }, { otherAssetId: assetId }] } : {}),
    },
  });
}

export function findConflict(tenantId: string, id: string) {
  return db.identityConflict.findFirst({ where: { id, tenantId } });
}

export function findConflictsOfAsset(tenantId: string, assetId: string) {
  return db.identityConflict.findMany({
    where: { tenantId, status: "OPEN", OR: [{ assetId }, { otherAssetId: assetId }] },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
}

export function findAssetNames(tenantId: string, ids: string[]) {
  return db.asset.findMany({
    where: { tenantId, id: { in: ids } },
    select: { id: true, name: true, riskScore: true },
  });
}

export function findConnectorNames(tenantId: string, ids: string[]) {
  return db.connector.findMany({
    where: { tenantId, id: { in: ids } },
    select: { id: true, name: true },
  });
}

export function setConflictStatus(tenantId: string, id: string, status: "KEPT_APART" | "MERGED") {
  return db.identityConflict.updateMany({
    where: { id, tenantId, status: "OPEN" },
    data: { status, resolvedAt: new Date() },
  });
}

async function audit(
  client: pg.PoolClient,
  entry: {
    tenantId: string;
    userId: string | null;
    action: string;
    targetId: string;
    details: object;
  },
) {
  await client.query(
    `INSERT INTO audit_logs ("tenantId", "userId", action, "targetType", "targetId", details)
     VALUES ($1, $2, $3, 'asset', $4, $5::jsonb)`,
    [entry.tenantId, entry.userId, entry.action, entry.targetId, JSON.stringify(entry.details)],
  );
}

/**
 * Folds asset `sourceId` into `targetId`: sources, identifiers and findings
 * move over, host fields are merged (never erased), and the emptied asset is
 * deleted. Where both assets have the same finding (QID + port + protocol),
 * the more recently detected copy is kept, with the earliest first detection.
 * Returns false when either asset is not in the tenant.
 */
export async function mergeAssetsTx(options: {
  tenantId: string;
  targetId: string;
  sourceId: string;
  userId: string | null;
  conflictId?: string;
}): Promise<boolean> {
  const { tenantId, targetId, sourceId } = options;
  return withTransaction(async (client) => {
    // Same lock as the ingest sink, so a run cannot attach records to the
    // asset being deleted while the merge is under way.
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
      `sluice.identity:${tenantId}`,
    ]);
    const locked = await client.query(
      `SELECT id FROM assets WHERE id = ANY($1::uuid[]) AND "tenantId" = $2 FOR UPDATE`,
      [[targetId, sourceId], tenantId],
    );
    if (locked.rowCount !== 2) return false;
    const ids = [targetId, sourceId];
    const sameKey = `s.qid = t.qid AND s.port = t.port AND s.protocol = t.protocol`;
    const recency = (alias: string) => `coalesce(${alias}."lastDetectedAt", ${alias}."updatedAt")`;
    await client.query(
      `UPDATE findings t SET "firstDetectedAt" = LEAST(t."firstDetectedAt", s."firstDetectedAt")
         FROM findings s WHERE t."assetId" = $1 AND s."assetId" = $2 AND ${sameKey}`,
      ids,
    );
    await client.query(
      `UPDATE findings s SET "firstDetectedAt" = LEAST(t."firstDetectedAt", s."firstDetectedAt")
         FROM findings t WHERE t."assetId" = $1 AND s."assetId" = $2 AND ${sameKey}`,
      ids,
    );
    await client.query(
      `DELETE FROM findings s USING findings t
        WHERE t."assetId" = $1 AND s."assetId" = $2 AND ${sameKey} AND ${recency("t")} >= ${recency("s")}`,
      ids,
    );
    await client.query(
      `DELETE FROM findings t USING findings s
        WHERE t."assetId" = $1 AND s."assetId" = $2 AND ${sameKey}`,
      ids,
    );
    const movedFindings = await client.query(
      `UPDATE findings SET "assetId" = $1, "updatedAt" = now() WHERE "assetId" = $2`,
      ids,
    );
    await client.query(
      `INSERT INTO asset_identifiers ("tenantId", "assetId", kind, value)
       SELECT "tenantId", $1, kind, value FROM asset_identifiers WHERE "assetId" = $2
       ON CONFLICT DO NOTHING`,
      ids,
    );
    const movedSources = await client.query(
      `UPDATE asset_sources SET "assetId" = $1 WHERE "assetId" = $2`,
      ids,
    );
    await client.query(
      `UPDATE assets t SET
          hostname = coalesce(t.hostname, s.hostname),
          fqdn = coalesce(t.fqdn, s.fqdn),
          os = coalesce(t.os, s.os),
          "ipAddresses" = ARRAY(SELECT DISTINCT x FROM unnest(t."ipAddresses" || s."ipAddresses") x ORDER BY 1),
          tags = ARRAY(SELECT DISTINCT x FROM unnest(t.tags || s.tags) x ORDER BY 1),
          attributes = s.attributes || t.attributes,
          criticality = greatest(t.criticality, s.criticality),
          "firstSeenAt" = least(t."firstSeenAt", s."firstSeenAt"),
          "lastSeenAt" = greatest(t."lastSeenAt", s."lastSeenAt"),
          "updatedAt" = now()
         FROM assets s WHERE t.id = $1 AND s.id = $2`,
      ids,
    );
    // Conflicts that named the folded asset now name the survivor; any that
    // would then point at one asset twice are settled by this merge.
    await client.query(
      `DELETE FROM identity_conflicts c WHERE c."otherAssetId" = $2 AND EXISTS (
         SELECT 1 FROM identity_conflicts d WHERE d."connectorId" = c."connectorId"
            AND d."sourceRecordId" = c."sourceRecordId" AND d."otherAssetId" = $1)`,
      ids,
    );
    await client.query(
      `UPDATE identity_conflicts SET "otherAssetId" = $1 WHERE "otherAssetId" = $2`,
      ids,
    );
    await client.query(`UPDATE identity_conflicts SET "assetId" = $1 WHERE "assetId" = $2`, ids);
    await client.query(
      `UPDATE identity_conflicts SET status = 'MERGED', "resolvedAt" = now()
        WHERE "tenantId" = $2 AND "assetId" = $1 AND "otherAssetId" = $1 AND status = 'OPEN'`,
      [targetId, tenantId],
    );
    await client.query(`DELETE FROM assets WHERE id = $1`, [sourceId]);
    await recomputeRiskScores({ tenantId, assetIds: [targetId], client });
    await audit(client, {
      tenantId,
      userId: options.userId,
      action: "asset.merge",
      targetId,
      details: {
        mergedAssetId: sourceId,
        conflictId: options.conflictId ?? null,
        sources: movedSources.rowCount,
        findings: movedFindings.rowCount,
      },
    });
    return true;
  });
}

export type SplitResult =
  | { ok: true; newAssetId: string; movedFindings: number }
  | { ok: false; reason: "not_found" | "only_source" };

/**
 * Moves one asset source, the identifiers chosen for it and (when it is the
 * asset's only source from its connector) that connector's findings onto a
 * new asset. A KEPT_APART conflict row records the decision, so the next run
 * — which maps the source record to its (new) asset first — does not raise
 * the same conflict again.
 */
export async function splitSourceTx(options: {
  tenantId: string;
  assetSourceId: string;
  identifierIds: string[];
  newAssetId: string;
  userId: string | null;
  name: (
    moved: { kind: string; value: string }[],
    source: { sourceName: string; sourceRecordId: string },
  ) => string;
}): Promise<SplitResult> {
  const { tenantId, newAssetId } = options;
  return withTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
      `sluice.identity:${tenantId}`,
    ]);
    const found = await client.query<{
      assetId: string;
      connectorId: string;
      sourceName: string;
      sourceRecordId: string;
      attributes: Record<string, unknown>;
      firstSeenAt: Date;
      lastSeenAt: Date;
      criticality: number;
      siblings: number;
      sameConnector: number;
    }>(
      `SELECT s."assetId", s."connectorId", s."sourceName", s."sourceRecordId", s.attributes,
              s."firstSeenAt", s."lastSeenAt", a.criticality,
              (SELECT count(*)::int FROM asset_sources o WHERE o."assetId" = s."assetId" AND o.id <> s.id) AS siblings,
              (SELECT count(*)::int FROM asset_sources o WHERE o."assetId" = s."assetId" AND o.id <> s.id
                  AND o."connectorId" = s."connectorId") AS "sameConnector"
         FROM asset_sources s JOIN assets a ON a.id = s."assetId"
        WHERE s.id = $1 AND a."tenantId" = $2
          FOR UPDATE OF s, a`,
      [options.assetSourceId, tenantId],
    );
    const source = found.rows[0];
    if (!source) return { ok: false, reason: "not_found" };
    if (source.siblings === 0) return { ok: false, reason: "only_source" };

    const moved = await client.query<{ kind: string; value: string }>(
      `DELETE FROM asset_identifiers WHERE "assetId" = $1 AND "tenantId" = $2 AND id = ANY($3::bigint[])
       RETURNING kind, value`,
      [source.assetId, tenantId, options.identifierIds],
    );
    const ips = moved.rows.filter((i) => i.kind === "IP").map((i) => i.value);
    const fqdn = moved.rows.find((i) => i.kind === "FQDN")?.value ?? null;
    await client.query(
      `INSERT INTO assets (id, "tenantId", name, fqdn, "ipAddresses", criticality, attributes, "firstSeenAt", "lastSeenAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7::jsonb, $8, $9, now())`,
      [
        newAssetId,
        tenantId,
        options.name(moved.rows, source),
        fqdn,
        ips,
        source.criticality,
        JSON.stringify(source.attributes ?? {}),
        source.firstSeenAt,
        source.lastSeenAt,
      ],
    );
    if (moved.rows.length) {
      await client.query(
        `INSERT INTO asset_identifiers ("tenantId", "assetId", kind, value)
         SELECT $1, $2, k, v FROM unnest($3::text[], $4::text[]) AS x(k, v)`,
        [tenantId, newAssetId, moved.rows.map((i) => i.kind), moved.rows.map((i) => i.value)],
      );
    }
    await client.query(
      `UPDATE asset_sources SET "assetId" = $1, "matchedRule" = 'MANUAL_SPLIT', "matchedValue" = NULL WHERE id = $2`,
      [newAssetId, options.assetSourceId],
    );
    // A finding only records its connector, not its source record: the
    // findings can follow only when no other record of that connector remains.
    let movedFindings = 0;
    if (source.sameConnector === 0) {
      const result = await client.query(
        `UPDATE findings SET "assetId" = $1, "updatedAt" = now() WHERE "assetId" = $2 AND "connectorId" = $3`,
        [newAssetId, source.assetId, source.connectorId],
      );
      movedFindings = result.rowCount ?? 0;
    }
    await client.query(
      `INSERT INTO identity_conflicts (id, "tenantId", "connectorId", "sourceRecordId", "assetId", "otherAssetId", kind, value, status, "resolvedAt")
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, 'MANUAL_SPLIT', '', 'KEPT_APART', now())
       ON CONFLICT ("connectorId", "sourceRecordId", "otherAssetId")
       DO UPDATE SET "assetId" = EXCLUDED."assetId", status = 'KEPT_APART', "resolvedAt" = now()`,
      [tenantId, source.connectorId, source.sourceRecordId, newAssetId, source.assetId],
    );
    await recomputeRiskScores({ tenantId, assetIds: [newAssetId, source.assetId], client });
    await audit(client, {
      tenantId,
      userId: options.userId,
      action: "asset.split",
      targetId: source.assetId,
      details: {
        newAssetId,
        assetSourceId: options.assetSourceId,
        identifiers: moved.rows,
        findings: movedFindings,
      },
    });
    return { ok: true, newAssetId, movedFindings };
  });
}

// ---- saved queries ---------------------------------------------------------

export function findSavedQueries(tenantId: string, scope: SavedQueryScope) {
  return db.savedQuery.findMany({
    where: { tenantId, scope },
    select: { id: true, name: true, query: true, createdAt: true },
    orderBy: { name: "asc" },
  });
}

export function upsertSavedQuery(data: {
  tenantId: string;
  scope: SavedQueryScope;
  name: string;
  query: string;
  createdById: string;
}) {
  return db.savedQuery.upsert({
    where: { tenantId_scope_name: { tenantId: data.tenantId, scope: data.scope, name: data.name } },
    create: data,
    update: { query: data.query },
    select: { id: true, name: true, query: true },
  });
}

export function deleteSavedQuery(tenantId: string, id: string) {
  return db.savedQuery.deleteMany({ where: { id, tenantId } });
}

// ---- counts and charts -----------------------------------------------------

export function countAssetRows(tenantId: string) {
  return db.asset.count({ where: { tenantId } });
}

export function countFindingRows(tenantId: string) {
  return db.finding.count({ where: { tenantId } });
}

export async function selectChartData(tenantId: string, days: number) {
  const [bySource, riskBins, bySeverity, runs] = await Promise.all([
    pool().query<{ source: string; assets: number }>(
      `SELECT s."sourceName" AS source, count(DISTINCT s."assetId")::int AS assets
         FROM asset_sources s JOIN connectors c ON c.id = s."connectorId"
        WHERE c."tenantId" = $1
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 12`,
      [tenantId],
    ),
    pool().query<{ bin: number; assets: number }>(
      `SELECT CASE WHEN "riskScore" <= 0 THEN -1 ELSE LEAST(9, "riskScore" / 100) END AS bin, count(*)::int AS assets
         FROM assets WHERE "tenantId" = $1 GROUP BY 1 ORDER BY 1`,
      [tenantId],
    ),
    pool().query<{ severity: number; open: number; fixed: number }>(
      `SELECT severity, count(*) FILTER (WHERE status <> 'FIXED')::int AS open,
              count(*) FILTER (WHERE status = 'FIXED')::int AS fixed
         FROM findings WHERE "tenantId" = $1 GROUP BY 1 ORDER BY 1`,
      [tenantId],
    ),
    pool().query<{ day: string; runs: number; failed: number; rows: number; written: number }>(
      `SELECT to_char(date_trunc('day', "createdAt"), 'YYYY-MM-DD') AS day, count(*)::int AS runs,
              count(*) FILTER (WHERE state = 'FAILED')::int AS failed,
              coalesce(sum("rowsRead"), 0)::int AS rows, coalesce(sum(created + updated), 0)::int AS written
         FROM runs WHERE "tenantId" = $1 AND "createdAt" >= now() AT TIME ZONE 'UTC' - make_interval(days => $2)
        GROUP BY 1 ORDER BY 1`,
      [tenantId, days],
    ),
  ]);
  return {
    bySource: bySource.rows,
    riskBins: riskBins.rows,
    bySeverity: bySeverity.rows,
    runs: runs.rows,
  };
}
