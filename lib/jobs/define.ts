import type { z } from "zod";

/** A job's contract: its queue name, payload schema and optional cron schedule. */
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  payload: S;
  cron?: string;
  retryLimit?: number;
  /** How many of these jobs one process runs at once. */
  concurrency?: number;
  /** Jobs handed to one call of a batch handler (registerBatch); 1 otherwise. */
  batchSize?: number;
};

export function defineJob<S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> {
  return definition;
}

export type JobHandler<S extends z.ZodType> = (
  payload: z.infer<S>,
  meta: { jobId: string },
) => Promise<void>;

/** Handles up to definition.batchSize jobs at once; throwing retries all of them. */
export type JobBatchHandler<S extends z.ZodType> = (
  jobs: { payload: z.infer<S>; jobId: string }[],
) => Promise<void>;

export type RegisteredJob = {
  definition: JobDefinition;
  handler?: JobHandler<z.ZodType>;
  batchHandler?: JobBatchHandler<z.ZodType>;
};
