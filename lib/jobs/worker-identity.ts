// Which worker process this is, once its job workers have started: the id of
// its row in worker_heartbeats. A run records it, so that when the process
// dies (its heartbeat goes stale) another worker can take the run's objects
// over instead of waiting for a run that will never finish.
const state = globalThis as unknown as { sluiceWorkerId?: string };

export function setWorkerId(id: string | undefined) {
  state.sluiceWorkerId = id;
}

/** Null outside a worker process (tests, benchmarks): such runs are never presumed dead. */
export function currentWorkerId(): string | null {
  return state.sluiceWorkerId ?? null;
}

/**
 * SQL condition, on a runs row aliased `r`: the run is PROCESSING in a worker
 * whose heartbeat has stopped. Two minutes leave room for clock skew between
 * machines (heartbeats are written every 15 s).
 */
export const RUN_WORKER_IS_DEAD = `r.state = 'PROCESSING' AND r."workerId" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM worker_heartbeats h
                   WHERE h.id = r."workerId" AND h."lastSeenAt" > now() - interval '2 minutes')`;
