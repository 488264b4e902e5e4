import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/**
 * A Prisma client on the Rust-free engine, talking to PostgreSQL through
 * node-postgres. Secret columns are left out of every query unless a
 * repository asks for them explicitly.
 */
export function createPrismaClient(url: string) {
  const adapter = new PrismaPg({ connectionString: url, max: 10 });
  return new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true },
      connector: { secrets: true, intakeTokenHash: true },
      connectorDraft: { secrets: true },
      apiToken: { tokenHash: true },
    },
  });
}

export type Db = ReturnType<typeof createPrismaClient>;
