// Every job Sluice runs: a definition (lib/jobs/definitions) plus its handler
// (lib/jobs/handlers). Workers subscribe to exactly this list.
import type { z } from "zod";
import type { JobBatchHandler, JobDefinition, JobHandler, RegisteredJob } from "./define";
import { housekeepingJob } from "./definitions/housekeeping";
import { runHousekeeping } from "./handlers/housekeeping";
import { connectorRunJob } from "./definitions/connector-run";
import { executeRun } from "@/lib/ingest/pipeline";
import { failRunsOfDeadWorkers } from "@/lib/runs/repository";
import { runDueProfiles } from "@/lib/runs/scheduler";
import { scheduleTickJob } from "./definitions/schedule-tick";
import { connectorBackfillJob, connectorObjectJob } from "./definitions/connector-object";
import { processObjectJobs } from "@/lib/events/ingest-objects";
import { runBackfill } from "@/lib/events/backfill";

function register<S extends z.ZodType>(
  definition: JobDefinition<S>,
  handler: JobHandler<S>,
): RegisteredJob {
  return { definition, handler: handler as JobHandler<z.ZodType> };
}

function registerBatch<S extends z.ZodType>(
  definition: JobDefinition<S>,
  batchHandler: JobBatchHandler<S>,
): RegisteredJob {
  return { definition, batchHandler: batchHandler as JobBatchHandler<z.ZodType> };
}

export const jobRegistry: RegisteredJob[] = [
  register(housekeepingJob, async () => {
    await runHousekeeping();
  }),
  register(connectorRunJob, async ({ runId }) => {
    await executeRun(runId);
  }),
  register(scheduleTickJob, async () => {
    await failRunsOfDeadWorkers();
    await runDueProfiles();
  }),
  registerBatch(connectorObjectJob, async (jobs) => {
    await processObjectJobs(jobs);
  }),
  register(connectorBackfillJob, async ({ runId }) => {
    await runBackfill(runId);
  }),
];
