import { HEARTBEAT_STALE_MS } from "./boss";
import { jobRegistry } from "./registry";
import { bossTablesExist, jobCountsByState, listHeartbeats, recentFailedJobs } from "./repository";

function errorText(output: unknown): string {
  if (output && typeof output === "object") {
    const o = output as { message?: unknown; stack?: unknown };
    if (typeof o.message === "string") return o.message;
    return JSON.stringify(output);
  }
  return output == null ? "(no error recorded)" : String(output);
}

export async function getWorkersStatus(now = Date.now()) {
  const beats = await listHeartbeats();
  return beats.map((b) => ({
    id: b.id,
    hostname: b.hostname,
    pid: b.pid,
    mode: b.mode === "worker" ? ("worker" as const) : ("console" as const),
    startedAt: b.startedAt,
    lastSeenAt: b.lastSeenAt,
    alive: now - b.lastSeenAt.getTime() < HEARTBEAT_STALE_MS,
  }));
}

export async function getJobsOverview() {
  const workers = await getWorkersStatus();
  // Before the first worker starts, pg-boss has not created its tables yet.
  const ready = await bossTablesExist();
  const counts = ready ? await jobCountsByState() : [];
  const failures = ready ? await recentFailedJobs(20) : [];
  const count = (name: string, states: string[], recentOnly = false) =>
    counts
      .filter((c) => c.name === name && states.includes(c.state))
      .reduce((sum, c) => sum + Number(recentOnly ? c.recent : c.count), 0);

  return {
    queues: jobRegistry.map(({ definition }) => ({
      name: definition.name,
      description: definition.description,
      queued: count(definition.name, ["created", "retry"]),
      active: count(definition.name, ["active"]),
      completed24h: count(definition.name, ["completed"], true),
      failed24h: count(definition.name, ["failed"], true),
      cron: definition.cron ?? null,
    })),
    workers,
    recentFailures: failures.map((f) => ({
      id: f.id,
      name: f.name,
      error: errorText(f.output),
      failedAt: f.completed_on ?? new Date(0),
    })),
  };
}
