// Set-wise risk recompute: one statement scores every asset in scope from its
// open findings, so 200k assets / 2M findings is a single hash aggregate
// rather than 200k round trips.
import type pg from "pg";
import { withTransaction } from "@/lib/db/pool";
import {
  COUNT_EXPONENT,
  LEVEL_WEIGHTS,
  MAX_RISK_SCORE,
  QDS_BANDS,
  RISK_LEVELS,
  type RiskLevel,
} from "./qds";
import { effectiveQdsSql } from "./sql";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

function recomputeSql(scoped: boolean) {
  const findingScope = scoped ? ` AND f."assetId" = ANY($2::uuid[])` : "";
  const assetScope = scoped ? ` AND a.id = ANY($2::uuid[])` : "";
  // One pass over findings grouped by asset, with a FILTER per level: far
  // cheaper than grouping by (asset, level) and re-aggregating into JSON.
  const perLevel = RISK_LEVELS.flatMap((level) => {
    const band = `qds BETWEEN ${QDS_BANDS[level].min} AND ${QDS_BANDS[level].max}`;
    return [
      `count(*) FILTER (WHERE ${band})::int AS ${level}_n`,
      `coalesce(avg(qds::float8) FILTER (WHERE ${band}), 0) AS ${level}_avg`,
    ];
  }).join(",\n         ");
  const contribution = (level: RiskLevel) =>
    `(a.criticality * ${LEVEL_WEIGHTS[level]}::float8 * coalesce(p.${level}_avg, 0) * power(greatest(coalesce(p.${level}_n, 0), 1)::float8, ${COUNT_EXPONENT}::float8))`;
  const uncapped = RISK_LEVELS.map(contribution).join(" + ");
  const levels = RISK_LEVELS.map(
    (level) =>
      `'${level}', jsonb_build_object('count', coalesce(p.${level}_n, 0), 'avgQds', round(coalesce(p.${level}_avg, 0)::numeric, 2), 'contribution', round(${contribution(level)}::numeric, 2))`,
  ).join(",\n             ");
  return `
WITH per_asset AS (
  SELECT "assetId",
         ${perLevel}
    FROM (SELECT f."assetId", ${effectiveQdsSql("f")} AS qds
            FROM findings f
           WHERE f."tenantId" = $1 AND f.status <> 'FIXED'${findingScope}
          -- OFFSET 0 keeps this a sub-query, so the QDS is computed once per row
          -- instead of once per FILTER below.
          OFFSET 0) q
   GROUP BY 1
), scored AS MATERIALIZED (
  SELECT a.id, a.criticality AS acs, p."assetId" IS NOT NULL AS has_open, (${uncapped})::float8 AS uncapped,
         jsonb_build_object(
             ${levels}) AS levels
    FROM assets a LEFT JOIN per_asset p ON p."assetId" = a.id
   WHERE a."tenantId" = $1${assetScope}
), final AS (
  SELECT id,
         LEAST(${MAX_RISK_SCORE}, round(uncapped::numeric))::int AS score,
         -- No open findings: the column default, '{}', which parseBreakdown reads
         -- as all zeros. New assets already hold it, so scoring them writes nothing.
         CASE WHEN has_open THEN jsonb_build_object(
           'acs', acs,
           'uncapped', round(uncapped::numeric, 2),
           'score', LEAST(${MAX_RISK_SCORE}, round(uncapped::numeric))::int,
           'levels', levels) ELSE '{}'::jsonb END AS breakdown
    FROM scored
)
UPDATE assets a SET "riskScore" = final.score, "riskBreakdown" = final.breakdown
  FROM final
 WHERE a.id = final.id
   AND (a."riskScore" IS DISTINCT FROM final.score OR a."riskBreakdown" IS DISTINCT FROM final.breakdown)`;
}

/** Returns how many assets changed score or breakdown. */
export async function recomputeRiskScoresSql(options: {
  tenantId: string;
  assetIds?: string[];
  client?: Queryable;
}): Promise<number> {
  const scoped = options.assetIds !== undefined;
  const params: unknown[] = [options.tenantId];
  if (scoped) params.push(options.assetIds);
  if (options.client) {
    return (await options.client.query(recomputeSql(scoped), params)).rowCount ?? 0;
  }
  return withTransaction(async (client) => {
    // A whole tenant groups millions of findings by asset: give the hash
    // aggregate room instead of letting it spill to disk (this transaction only).
    await client.query("SET LOCAL work_mem = '64MB'");
    return (await client.query(recomputeSql(scoped), params)).rowCount ?? 0;
  });
}
