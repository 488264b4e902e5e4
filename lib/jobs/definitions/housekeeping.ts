import { z } from "zod";
import { defineJob } from "../define";

export const housekeepingJob = defineJob({
  name: "maintenance.housekeeping",
  description: "Prunes login attempts older than a day and heartbeats of workers gone for a day.",
  payload: z.object({}).default({}),
  cron: "17 * * * *",
  retryLimit: 1,
});
