// The queue between a run's reading and its database writes.

/**
 * Lets the caller read the next batches while earlier ones are written, one
 * at a time and in order: at most `depth` written or waiting, so memory stays
 * bounded. What a write leaves to record on the run (its row errors and
 * counts) goes on a second chain, so the next write does not wait for that
 * bookkeeping; it may trail the writes by `depth` tasks, so the caller does
 * not wait for the bookkeeping of the write it just waited for either (the
 * reader waited 5.7 s of a 1M-row bench:csv run for that, 4 ms now).
 */
export function writeBehind(depth: number) {
  let tail: Promise<void> = Promise.resolve();
  const queued: Promise<void>[] = [];
  /** The bookkeeping chain's links not yet waited for; the last is its end (never shifted off: depth ≥ 1). */
  const records: Promise<void>[] = [];
  return {
    async next(write: () => Promise<void>) {
      while (queued.length >= depth) await queued.shift();
      // At most `depth` writes' bookkeeping outstanding: the queue cannot grow.
      while (records.length > depth) await records.shift();
      tail = tail.then(write);
      queued.push(tail);
      // Observed at a later call or at done(); this only keeps Node from calling it unhandled meanwhile.
      tail.catch(() => {});
    },
    record(task: () => Promise<void>) {
      const recorded = (records.at(-1) ?? Promise.resolve()).then(task);
      recorded.catch(() => {});
      records.push(recorded);
    },
    async done() {
      await tail;
      await records.at(-1);
    },
  };
}
