// Starts the runs of active profiles whose time has come. Each profile is
// claimed by moving its nextRunAt forward with a compare-and-set, so two
// workers ticking at once never start the same run twice.
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { nextRunAt } from "@/lib/schedule/schedule";
import { startRun } from "./service";

export async function runDueProfiles(now = new Date()) {
  const due = await db.profile.findMany({
    where: { status: "ACTIVE", scheduleKind: { not: "NONE" }, nextRunAt: { lte: now } },
    select: {
      id: true,
      tenantId: true,
      connectorId: true,
      nextRunAt: true,
      scheduleKind: true,
      runAt: true,
      startsAt: true,
      endsAt: true,
      intervalMinutes: true,
      cron: true,
      timeZone: true,
    },
    take: 100,
  });
  let started = 0;
  for (const profile of due) {
    let next: Date | null = null;
    try {
      next = nextRunAt({ ...profile, kind: profile.scheduleKind }, now);
    } catch (error) {
      logger.warn("profile schedule is invalid; not rescheduling", {
        profileId: profile.id,
        error,
      });
    }
    const claimed = await db.profile.updateMany({
      where: { id: profile.id, nextRunAt: profile.nextRunAt },
      data: { nextRunAt: next },
    });
    if (claimed.count === 0) continue;
    await startRun({
      tenantId: profile.tenantId,
      connectorId: profile.connectorId,
      profileId: profile.id,
      trigger: "SCHEDULE",
    });
    started++;
  }
  return { started };
}
