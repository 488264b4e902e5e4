// A findings file repeats each host's columns on every one of its rows. Within
// one run, a row whose host part is exactly what was already written for the
// same source record needs no asset, source or identifier write, only its
// finding. This cache remembers, per source record, the asset it resolved to
// and a digest of the host part written, so the sink skips that work.
import { createHash } from "node:crypto";

type Entry = { assetId: string; digest: string; seen: number };

export class HostCache {
  readonly #entries = new Map<string, Entry>();

  /** Past `limit` source records the cache starts again: memory stays bounded on any file. */
  constructor(readonly limit = 100_000) {}

  static digest(value: unknown): string {
    return createHash("sha1").update(JSON.stringify(value)).digest("base64");
  }

  /** The asset already written for this exact host part, seen no later than `seen` (epoch ms). */
  assetFor(sourceRecordId: string, digest: string, seen: number): string | undefined {
    const entry = this.#entries.get(sourceRecordId);
    return entry && entry.digest === digest && seen <= entry.seen ? entry.assetId : undefined;
  }

  remember(sourceRecordId: string, assetId: string, digest: string, seen: number) {
    const entry = this.#entries.get(sourceRecordId);
    if (!entry && this.#entries.size >= this.limit) this.#entries.clear();
    const latest = entry && entry.digest === digest ? Math.max(entry.seen, seen) : seen;
    this.#entries.set(sourceRecordId, { assetId, digest, seen: latest });
  }
}
