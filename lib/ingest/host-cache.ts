// A findings file repeats each host's columns on every one of its rows. Within
// one run, a row whose host part (source record id, raw identifiers, host
// fields) is exactly one already written needs no identifier normalisation
// and no asset, source or identifier write, only its finding. This cache
// remembers, per host part, the asset it resolved to, so the sink skips that
// work. The key is the host part's JSON (equal text means equal input, so
// normalising it again would give the same answer); a long one, such as an
// API asset with its software list, is kept as its SHA-1 to bound memory.
import { createHash } from "node:crypto";
import type { IngestRecord } from "./record";

const LONGEST_PLAIN_KEY = 512;

type Entry = { assetId: string; seen: number };

export class HostCache {
  readonly #entries = new Map<string, Entry>();

  /** Past `limit` host parts the cache starts again: memory stays bounded on any file. */
  constructor(readonly limit = 100_000) {}

  static keyOf(record: IngestRecord): string {
    const json = JSON.stringify([record.sourceRecordId ?? null, record.identifiers, record.host]);
    return json.length <= LONGEST_PLAIN_KEY
      ? json
      : createHash("sha1").update(json).digest("base64");
  }

  /** The asset already written for this exact host part, seen no later than `seen` (epoch ms). */
  assetFor(key: string, seen: number): string | undefined {
    const entry = this.#entries.get(key);
    return entry && seen <= entry.seen ? entry.assetId : undefined;
  }

  remember(key: string, assetId: string, seen: number) {
    const entry = this.#entries.get(key);
    if (!entry && this.#entries.size >= this.limit) this.#entries.clear();
    this.#entries.set(key, { assetId, seen: entry ? Math.max(entry.seen, seen) : seen });
  }
}
