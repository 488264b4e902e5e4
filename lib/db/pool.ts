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

export async function withTransaction<T>(run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
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
