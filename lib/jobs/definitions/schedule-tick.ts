import { z } from "zod";
import { defineJob } from "../define";

export const scheduleTickJob = defineJob({
  name: "connector.schedule-tick",
  description:
    "Every minute: ends the runs of worker processes that died, and starts the runs of active profiles whose scheduled time has come.",
  payload: z.object({}).default({}),
  cron: "* * * * *",
  retryLimit: 0,
});
