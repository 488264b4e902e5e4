// An isolated, migrated database per test file, cloned from the template that
// global-setup.ts prepared. It becomes the process's DATABASE_URL, so services
// that use lib/db.ts talk to it; `prisma` is that same client.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { exportToProcessEnv } from "@/lib/env";

export const TEST_SECRET_KEY = "test-secret-key-0123456789abcdefghijklmnop";

export async function createTestDatabase() {
  const templateUrl = inject("templateDatabaseUrl");
  const name = `sluice_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: templateUrl.replace(/\/[^/]+$/, "/postgres") });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE sluice_template`);
  await admin.end();
  const url = templateUrl.replace(/\/[^/]+$/, `/${name}`);
  exportToProcessEnv({ DATABASE_URL: url, SLUICE_SECRET_KEY: TEST_SECRET_KEY, NODE_ENV: "test" });
  const { db } = await import("@/lib/db");
  afterAll(async () => {
    await db.$disconnect();
  });
  return { url, prisma: db };
}

/** A tenant with one user of the given role; password "correct horse battery". */
export async function createTenantWithUser(
  prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"],
  role: "admin" | "operator" | "viewer" = "admin",
) {
  const { hashPassword } = await import("@/lib/auth/password");
  const suffix = randomBytes(4).toString("hex");
  const tenant = await prisma.tenant.create({
    data: { name: `Tenant ${suffix}`, slug: `t-${suffix}` },
  });
  const user = await prisma.user.create({
    data: {
      tenantId: tenant.id,
      email: `${role}-${suffix}@example.test`,
      name: `${role} ${suffix}`,
      role,
      passwordHash: await hashPassword("correct horse battery"),
    },
  });
  return { tenant, user, password: "correct horse battery" };
}
