// An isolated, migrated database per test file, cloned from the template that
// global-setup.ts prepared. Returns its URL and a Prisma client bound to it.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createPrismaClient } from "../../lib/db/client";

export async function createTestDatabase() {
  const templateUrl = inject("templateDatabaseUrl");
  const name = `sluice_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE sluice_template`);
  await admin.end();
  const url = templateUrl.replace(/\/[^/]+$/, `/${name}`);
  const prisma = createPrismaClient(url);
  afterAll(async () => {
    await prisma.$disconnect();
  });
  return { url, prisma };
}
