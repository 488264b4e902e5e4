import "server-only";
import { createPrismaClient, type Db } from "./db/client";
import { env } from "./env";

const globalForDb = globalThis as unknown as { sluiceDb?: Db };

function client(): Db {
  // Created on first use, not at import, so `next build` never needs a database.
  globalForDb.sluiceDb ??= createPrismaClient(env().DATABASE_URL);
  return globalForDb.sluiceDb;
}

/** The process-wide Prisma client (one pool per process, survives hot reload). */
export const db: Db = new Proxy({} as Db, {
  get: (_target, property) => {
    const real = client();
    const value = Reflect.get(real, property);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
