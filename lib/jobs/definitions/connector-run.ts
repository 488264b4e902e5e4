import { z } from "zod";
import { defineJob } from "../define";

export const connectorRunJob = defineJob({
  name: "connector.run",
  description:
    "Runs a connector: reads its source, transforms, identifies and upserts into the inventory.",
  payload: z.object({ runId: z.string().uuid() }),
  // Runs resume safely (ledger + idempotent upserts), so one retry covers a crashed worker.
  retryLimit: 1,
  concurrency: 2,
});
