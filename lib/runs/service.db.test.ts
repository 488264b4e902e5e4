import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError } from "@/lib/errors";
import { createTenantWithUser, createTestDatabase } from "@/test/support/db";
import { getRunView } from "./service";

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

async function finishedRun() {
  const { tenant } = await createTenantWithUser(prisma, "operator");
  const connector = await prisma.connector.create({
    data: { tenantId: tenant.id, name: "Scans", type: "s3-csv", findingType: "VULNERABILITY" },
    select: { id: true },
  });
  const run = await prisma.run.create({
    data: {
      tenantId: tenant.id,
      connectorId: connector.id,
      trigger: "MANUAL",
      state: "PROCESSED",
      rowsRead: 12,
      created: 5,
      updated: 3,
      unchanged: 2,
      rejected: 1,
      skipped: 1,
      fixed: 4,
    },
    select: { id: true },
  });
  return { tenantId: tenant.id, runId: run.id };
}

describe("run view", () => {
  it("returns every count, including the findings the run marked Fixed", async () => {
    const ids = await finishedRun();
    expect(await getRunView(ids)).toMatchObject({
      id: ids.runId,
      state: "PROCESSED",
      rowsRead: 12,
      created: 5,
      updated: 3,
      unchanged: 2,
      rejected: 1,
      skipped: 1,
      fixed: 4,
      errorCount: 0,
    });
  });

  it("hides another tenant's run", async () => {
    const { runId } = await finishedRun();
    const { tenant } = await createTenantWithUser(prisma, "operator");
    await expect(getRunView({ tenantId: tenant.id, runId })).rejects.toBeInstanceOf(NotFoundError);
  });
});
