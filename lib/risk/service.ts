import type pg from "pg";
import { recomputeRiskScoresSql } from "./repository";

// Chunked so a run that touched 100k assets does not send one giant array
// parameter or hold row locks on all of them at once.
const CHUNK = 5_000;

/**
 * Recomputes assets.riskScore and assets.riskBreakdown from open findings.
 * Without assetIds it scores the whole tenant; with them (the ids a run
 * touched) only those. Pass `client` to run inside the caller's transaction.
 * Returns the number of assets whose score or breakdown changed.
 */
export async function recomputeRiskScores(options: {
  tenantId: string;
  assetIds?: string[];
  client?: Pick<pg.Pool | pg.PoolClient, "query">;
}): Promise<{ changed: number }> {
  const { tenantId, assetIds, client } = options;
  if (assetIds === undefined) {
    return { changed: await recomputeRiskScoresSql({ tenantId, client }) };
  }
  const unique = [...new Set(assetIds)];
  let changed = 0;
  for (let i = 0; i < unique.length; i += CHUNK) {
    changed += await recomputeRiskScoresSql({
      tenantId,
      assetIds: unique.slice(i, i + CHUNK),
      client,
    });
  }
  return { changed };
}
