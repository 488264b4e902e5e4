import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTenantWithUser, createTestDatabase } from "@/test/support/db";

vi.mock("@/lib/jobs/boss", () => ({ enqueue: vi.fn(async () => "job-1") }));

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

describe("runDueProfiles", () => {
  it("starts a run for each due active profile once, moves nextRunAt on, and ignores inactive ones", async () => {
    const { runDueProfiles } = await import("./scheduler");
    const { tenant } = await createTenantWithUser(prisma);
    const connector = await prisma.connector.create({
      data: {
        tenantId: tenant.id,
        name: "scheduled",
        type: "s3-csv",
        findingType: "VULNERABILITY",
        config: { bucket: "b", prefix: "p/" },
      },
    });
    const now = new Date("2026-11-23T10:00:30Z");
    const active = await prisma.profile.create({
      data: {
        tenantId: tenant.id,
        connectorId: connector.id,
        name: "hourly",
        scheduleKind: "RECURRING",
        startsAt: new Date("2026-11-01T00:00:00Z"),
        intervalMinutes: 60,
        nextRunAt: new Date("2026-11-23T10:00:00Z"),
      },
    });
    await prisma.profile.create({
      data: {
        tenantId: tenant.id,
        connectorId: connector.id,
        name: "paused",
        status: "INACTIVE",
        scheduleKind: "RECURRING",
        startsAt: new Date("2026-11-01T00:00:00Z"),
        intervalMinutes: 60,
        nextRunAt: new Date("2026-11-23T09:00:00Z"),
      },
    });

    const [a, b] = await Promise.all([runDueProfiles(now), runDueProfiles(now)]);
    expect(a.started + b.started).toBe(1);
    const runs = await prisma.run.findMany({ where: { connectorId: connector.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      trigger: "SCHEDULE",
      profileId: active.id,
      state: "QUEUED",
      jobId: "job-1",
    });
    const moved = await prisma.profile.findUniqueOrThrow({ where: { id: active.id } });
    expect(moved.nextRunAt?.toISOString()).toBe("2026-11-23T11:00:00.000Z");
    expect((await runDueProfiles(now)).started).toBe(0);
  });
});
