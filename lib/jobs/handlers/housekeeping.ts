import { deleteStaleHeartbeats } from "../repository";
import { deleteLoginAttemptsBefore } from "@/lib/users/repository";
import { logger } from "@/lib/logger";

const DAY_MS = 24 * 60 * 60 * 1000;

export async function runHousekeeping(now = new Date()) {
  const before = new Date(now.getTime() - DAY_MS);
  const [attempts, heartbeats] = await Promise.all([
    deleteLoginAttemptsBefore(before),
    deleteStaleHeartbeats(before),
  ]);
  logger.info("housekeeping done", {
    loginAttempts: attempts.count,
    workerHeartbeats: heartbeats.count,
  });
  return { loginAttempts: attempts.count, workerHeartbeats: heartbeats.count };
}
