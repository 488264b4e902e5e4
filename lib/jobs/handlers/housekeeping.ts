import { deleteStaleHeartbeats } from "../repository";
import { deleteLoginAttemptsBefore } from "@/lib/users/repository";
import { deleteOrphanedSeenFindings } from "@/lib/ingest/sink";
import { logger } from "@/lib/logger";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function runHousekeeping(now = new Date()) {
  const before = new Date(now.getTime() - DAY_MS);
  const [attempts, heartbeats, seenFindings] = await Promise.all([
    deleteLoginAttemptsBefore(before),
    deleteStaleHeartbeats(before),
    deleteOrphanedSeenFindings(),
  ]);
  const deleted = {
    loginAttempts: attempts.count,
    workerHeartbeats: heartbeats.count,
    seenFindings,
  };
  logger.info("housekeeping done", deleted);
  return deleted;
}
