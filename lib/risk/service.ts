import type pg from "pg";
import { recomputeRiskScoresSql } from "./repository";

// Chunked so a run that touched a million assets does not send one giant
// array parameter or hold row locks on all of them at once. Chunks are large
// because each one reads the pages holding its assets' findings: a findings
// file lists hosts in any order, so 5,000-asset chunks read the same pages
// over and over (50,000 assets / 1.1M findings: 3.4-4.1 s, against 1.9 s).
const CHUNK = 25_000;
/** Chunks scored at once on their own connections: the end of a large run has the database to itself. */
const PARALLEL_CHUNKS = 2;

/**
 * Recomputes assets.riskScore and assets.riskBreakdown from open findings.
 * Without assetIds it scores the whole tenant; with them (the ids a run
 * touched) only those, in chunks (two at a time, unless `client` is given).
 * Pass `client` to run inside the caller's transaction. Returns the number of
 * assets whose score or breakdown changed.
 */
export async function recomputeRiskScores(options: {
  tenantId: string;
  assetIds?: string[];
  client?: Pick<pg.Pool | pg.PoolClient, "query">;
  chunkSize?: number;
}): Promise<{ changed: number }> {
  const { tenantId, assetIds, client, chunkSize = CHUNK } = options;
  if (assetIds === undefined) {
    return { changed: await recomputeRiskScoresSql({ tenantId, client }) };
  }
  const unique = [...new Set(assetIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += chunkSize) chunks.push(unique.slice(i, i + chunkSize));
  let changed = 0;
  // Disjoint chunks lock disjoint assets, so parallel chunks cannot deadlock.
  const lanes = client ? 1 : PARALLEL_CHUNKS;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        // Not `changed += await …`: that reads `changed` before the other lane adds to it.
        const scored = await recomputeRiskScoresSql({ tenantId, assetIds: chunk, client });
        changed += scored;
      }
    }),
  );
  return { changed };
}
