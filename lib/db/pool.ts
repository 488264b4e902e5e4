import pg from "pg";
import { env } from "@/lib/env";

const globalForPool = globalThis as unknown as { sluicePool?: pg.Pool };

/**
 * A node-postgres pool for the ingestion hot path (bulk upserts with unnest),
 * where plain parameterised SQL is both faster and clearer than the ORM.
 * Everything else goes through Prisma (lib/db.ts).
 */
export function pool(): pg.Pool {
  if (!globalForPool.sluicePool) {
    globalForPool.sluicePool = new pg.Pool({
      connectionString: env().DATABASE_URL,
      max: 10,
      // Prisma stores DateTime as UTC in timestamp(3) columns; raw SQL must agree.
      options: "-c timezone=UTC",
    });
    // An idle connection dropped by the server (restart, shutdown) must not crash the process.
    globalForPool.sluicePool.on("error", () => {});
  }
  return globalForPool.sluicePool;
}

export async function withTransaction<T>(
  run: (client: pg.PoolClient) => Promise<T>,
  options: {
    /**
     * Commit without waiting for the WAL flush: a crash may lose the last
     * commits, never corrupt them. For work that is redone when lost.
     */
    asyncCommit?: boolean;
  } = {},
): Promise<T> {
  const client = await pool().connect();
  try {
    // One round trip either way.
    await client.query(
      options.asyncCommit ? "BEGIN; SET LOCAL synchronous_commit TO OFF" : "BEGIN",
    );
    const result = await run(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
