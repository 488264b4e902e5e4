// pg-boss on Sluice's own PostgreSQL: the console process runs workers by
// default, and `npm run worker` runs them alone on other machines; pg-boss
// coordinates locks and cron schedules between them.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import type { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { JobDefinition } from "./define";
import { BOSS_SCHEMA } from "./boss-schema";
import { jobRegistry } from "./registry";
import { deleteHeartbeat, upsertHeartbeat } from "./repository";
import { setWorkerId } from "./worker-identity";

const HEARTBEAT_MS = 15_000;

const state = globalThis as unknown as {
  sluiceBoss?: Promise<PgBoss>;
  sluiceWorkers?: { stop: () => Promise<void> };
};

async function createBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: env().DATABASE_URL,
    schema: BOSS_SCHEMA,
    max: 5,
    application_name: "sluice-jobs",
  });
  boss.on("error", (error) => {
    // 57P01: PostgreSQL is shutting down with the console; not worth an alarm.
    if ((error as { code?: string }).code === "57P01") return;
    logger.error("job queue error", { error });
  });
  await boss.start();
  for (const { definition } of jobRegistry) {
    await boss.createQueue(definition.name, {
      name: definition.name,
      retryLimit: definition.retryLimit ?? 2,
      retryBackoff: true,
    });
  }
  return boss;
}

/** The process's pg-boss instance (also used to enqueue from the console). */
export function getBoss(): Promise<PgBoss> {
  state.sluiceBoss ??= createBoss().catch((error) => {
    state.sluiceBoss = undefined;
    throw error;
  });
  return state.sluiceBoss;
}

export async function enqueue<S extends z.ZodType>(
  definition: JobDefinition<S>,
  payload: z.input<S>,
  options: PgBoss.SendOptions = {},
): Promise<string> {
  const data = definition.payload.parse(payload) as object;
  const boss = await getBoss();
  const id = await boss.send(definition.name, data, options);
  if (!id)
    throw new Error(`Job ${definition.name} was not queued (a singleton is already waiting).`);
  return id;
}

/** Queues many jobs of one kind in a single INSERT (one round trip, whatever the count). */
export async function enqueueMany<S extends z.ZodType>(
  definition: JobDefinition<S>,
  payloads: z.input<S>[],
): Promise<number> {
  if (payloads.length === 0) return 0;
  const jobs = payloads.map((payload) => ({
    name: definition.name,
    data: definition.payload.parse(payload) as object,
  }));
  const boss = await getBoss();
  await boss.insert(jobs);
  return jobs.length;
}

export async function startWorkers(options: { mode: "console" | "worker" }) {
  if (state.sluiceWorkers) return state.sluiceWorkers;
  const boss = await getBoss();
  for (const { definition, handler, batchHandler } of jobRegistry) {
    if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: "UTC" });
    // pg-boss 10 runs one job (or one batch) at a time per subscription: subscribe N times for N at once.
    for (let i = 0; i < (definition.concurrency ?? 1); i++) {
      await boss.work(
        definition.name,
        { batchSize: batchHandler ? (definition.batchSize ?? 1) : 1, pollingIntervalSeconds: 1 },
        async (jobs) => {
          if (batchHandler) {
            await batchHandler(
              jobs.map((job) => ({ payload: definition.payload.parse(job.data), jobId: job.id })),
            );
            return;
          }
          const [job] = jobs;
          await handler!(definition.payload.parse(job.data), { jobId: job.id });
        },
      );
    }
  }

  const worker = { id: randomUUID(), hostname: hostname(), pid: process.pid, mode: options.mode };
  const beat = () =>
    upsertHeartbeat(worker).catch((error) => logger.warn("heartbeat failed", { error }));
  await beat();
  setWorkerId(worker.id);
  const timer = setInterval(beat, HEARTBEAT_MS);
  timer.unref();
  logger.info("job workers started", {
    mode: options.mode,
    queues: jobRegistry.map((j) => j.definition.name),
  });

  state.sluiceWorkers = {
    stop: async () => {
      clearInterval(timer);
      setWorkerId(undefined);
      await deleteHeartbeat(worker.id).catch(() => {});
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
      state.sluiceWorkers = undefined;
      state.sluiceBoss = undefined;
    },
  };
  return state.sluiceWorkers;
}

export const HEARTBEAT_STALE_MS = HEARTBEAT_MS * 3;
