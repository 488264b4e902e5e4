import { defineJob } from "../define";
import { backfillJobPayloadSchema, objectJobPayloadSchema } from "@/lib/events/schema";

// One job per S3 object announced by an event. A burst of thousands of
// uploads becomes thousands of rows in pg-boss, taken a batch at a time: a
// batch becomes one run that ingests its objects with the connector's own
// concurrency setting, so the load on Sluice stays bounded however fast
// events arrive. The ingest ledger makes redelivered jobs harmless.
export const connectorObjectJob = defineJob({
  name: "connector.object",
  description:
    "Ingests S3 objects announced by event notifications, a batch per run, at most the connector's concurrency at once.",
  payload: objectJobPayloadSchema,
  batchSize: 100,
  // A batch that throws (database gone) is retried whole; the ledger skips what was done.
  retryLimit: 3,
  concurrency: 1,
});

export const connectorBackfillJob = defineJob({
  name: "connector.backfill",
  description:
    "Process existing objects: lists the connector's prefix and ingests what the ledger lacks.",
  payload: backfillJobPayloadSchema,
  retryLimit: 1,
  concurrency: 1,
});
