// Writes a batch of records into the inventory in one transaction: resolve
// identities, create or merge assets, upsert asset sources and identifiers,
// upsert findings keyed by asset + QID + port + protocol. Every statement
// takes the whole batch as one JSON parameter, so a batch of 2,000 rows is a
// handful of round trips. Unchanged rows are not rewritten, which is what
// makes re-ingesting the same file a no-op.
import type pg from "pg";
import type { IdentifierKind } from "@/lib/identity/identifiers";
import {
  identifierKey,
  normaliseRecordIdentifiers,
  resolveBatch,
  sourceRecordIdOf,
  type Resolution,
} from "@/lib/identity/resolve";
import { pool, withTransaction } from "@/lib/db/pool";
import { HostCache } from "./host-cache";
import type { IngestCounts, IngestRecord } from "./record";

export type SinkContext = {
  tenantId: string;
  connectorId: string;
  /** Shown on the asset: "S3 CSV", "CSAM", "Qualys VM" … */
  sourceName: string;
  /** Enabled identification rules in precedence order. */
  rules: IdentifierKind[];
  /** Hosts already written in this run; their repeated rows skip the host writes. */
  hosts?: HostCache;
  /** The run writing, so that markMissingFindingsFixed can tell the findings it reported. */
  run?: RunFindings;
};

/**
 * What a run's finding writes leave behind for markMissingFindingsFixed.
 * Findings the run inserts or changes carry an `updatedAt` at or after
 * `since`; only those it reports unchanged are noted in run_findings_seen, so
 * a first import writes no notes at all.
 */
export type RunFindings = {
  runId: string;
  /** The database clock (timestamp(3), as `updatedAt` stores it) before the run's first write. */
  since: string;
  /** Assets the run reported at least one finding on. */
  assetIds: Set<string>;
};

export async function beginRunFindings(runId: string): Promise<RunFindings> {
  const { rows } = await pool().query<{ since: string }>(
    `SELECT now()::timestamp(3)::text AS since`,
  );
  return { runId, since: rows[0].since, assetIds: new Set() };
}

export type SinkResult = IngestCounts & {
  /** Records without any usable identifier, by line. */
  unidentified: number[];
  touchedAssetIds: string[];
  conflicts: number;
};

type AssetRow = {
  id: string;
  name: string;
  hostname: string | null;
  fqdn: string | null;
  ips: string[];
  os: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  seen: string;
};

const uniq = <T>(values: T[]) => [...new Set(values)];

function mergeHost(target: AssetRow, record: IngestRecord, seen: Date) {
  const h = record.host;
  target.hostname ??= h.hostname ?? null;
  target.fqdn ??= h.fqdn ?? null;
  target.os ??= h.os ?? null;
  target.ips = uniq([...target.ips, ...(h.ipAddresses ?? [])]);
  target.tags = uniq([...target.tags, ...(h.tags ?? [])]);
  Object.assign(target.attributes, h.attributes ?? {});
  if (seen.toISOString() > target.seen) target.seen = seen.toISOString();
  if (!target.name || target.name === target.id) {
    target.name = h.name || h.fqdn || h.hostname || h.ipAddresses?.[0] || target.name;
  }
}

/**
 * The asset of each (kind, value) key of a batch, in a tenant: $1 tenant,
 * $2 kinds, $3 values. One probe of the (tenantId, kind, lower(value)) index
 * per key. As a plain join the planner hashes the whole table instead once it
 * is large (300,000 identifiers: 320 ms against 9).
 */
export const IDENTIFIER_LOOKUP_SQL = `
  SELECT i.kind, i.value, i."assetId" FROM unnest($2::text[], $3::text[]) AS k(kind, value)
   CROSS JOIN LATERAL (
     SELECT i.kind, i.value, i."assetId" FROM asset_identifiers i
      WHERE i."tenantId" = $1 AND i.kind = k.kind AND lower(i.value) = lower(k.value)
        AND i.value = k.value
     OFFSET 0 -- keeps the subquery from being flattened into that join
   ) i`;

/**
 * The assets the batch's source records and identifier keys already have, in
 * one round trip (source records first, tagged by `kind` NULL).
 */
async function lookups(
  client: pg.PoolClient,
  context: SinkContext,
  sourceIds: string[],
  keys: { kind: string; value: string }[],
) {
  const { rows } = await client.query<{ kind: string | null; value: string; assetId: string }>(
    `SELECT NULL::text AS kind, "sourceRecordId" AS value, "assetId" FROM asset_sources
      WHERE "connectorId" = $4 AND "sourceRecordId" = ANY($5::text[])
     UNION ALL
     SELECT * FROM (${IDENTIFIER_LOOKUP_SQL}) i`,
    [
      context.tenantId,
      keys.map((k) => k.kind),
      keys.map((k) => k.value),
      context.connectorId,
      sourceIds,
    ],
  );
  const bySourceRecord = new Map<string, string>();
  const byIdentifier = new Map<string, string[]>();
  for (const row of rows) {
    if (row.kind === null) {
      bySourceRecord.set(row.value, row.assetId);
      continue;
    }
    const key = identifierKey(row.kind, row.value);
    byIdentifier.set(key, [...(byIdentifier.get(key) ?? []), row.assetId]);
  }
  return { bySourceRecord, byIdentifier };
}

type Prepared = {
  record: IngestRecord;
  identifiers: ReturnType<typeof normaliseRecordIdentifiers>;
  sourceRecordId: string;
  /** The record's host part, as the run's HostCache knows it. */
  key: string;
  seen: number;
};

type Finding = NonNullable<IngestRecord["finding"]>;

/**
 * A Date as JSON, as JSON.stringify writes it. The transform map hands a
 * file's repeated date cells over as one Date, so the last one is remembered.
 */
function dateText() {
  let last: Date | null = null;
  let text: string | null = null;
  return (date: Date | null | undefined) => {
    if (!date) return null;
    if (date !== last) {
      last = date;
      text = date.toJSON();
    }
    return text;
  };
}

/**
 * The finding rows of a batch, one per key (a statement may not update the
 * same row twice), each a positional array in the order of
 * FINDING_COLUMNS_SQL: the database reads that several times faster than
 * objects with named fields. Rows added after serialise() are appended to
 * the serialised text, unless one repeats a key, which serialises again.
 */
class FindingRows {
  readonly #byKey = new Map<string, unknown[]>();
  readonly assetIds = new Set<string>();
  /** Rows added, repeats included. */
  count = 0;
  #json: string | null = null;
  #appended: unknown[][] = [];
  readonly #firstDetected = dateText();
  readonly #lastDetected = dateText();
  readonly #lastFixed = dateText();

  add(assetId: string, f: Finding) {
    this.count++;
    this.assetIds.add(assetId);
    const port = f.port ?? 0;
    const protocol = f.protocol ? f.protocol.toLowerCase() : "";
    const key = `${assetId}|${f.qid}|${port}|${protocol}`;
    // Layouts with one row per CVE (VMDR's CVE datalist) repeat a finding: keep every CVE.
    const earlier = this.#byKey.get(key);
    if (earlier && this.#json !== null) this.#json = null;
    const cves = f.cves ?? [];
    const row = [
      assetId,
      f.qid,
      port,
      protocol,
      f.title ?? "",
      f.severity,
      f.type ?? "CONFIRMED",
      f.status ?? "ACTIVE",
      earlier ? [...new Set([...(earlier[8] as string[]), ...cves])] : cves,
      f.cvssBase ?? null,
      f.cvss3Base ?? null,
      f.qds ?? null,
      this.#firstDetected(f.firstDetectedAt),
      this.#lastDetected(f.lastDetectedAt),
      this.#lastFixed(f.lastFixedAt),
      f.timesDetected ?? null,
      f.results ?? null,
      f.threat ?? null,
      f.impact ?? null,
      f.solution ?? null,
      f.category ?? null,
      f.attributes ?? {},
    ];
    this.#byKey.set(key, row);
    if (this.#json !== null) this.#appended.push(row);
  }

  serialise() {
    this.#json = JSON.stringify([...this.#byKey.values()]);
    this.#appended = [];
  }

  toJSON(): string {
    if (this.#json === null) return JSON.stringify([...this.#byKey.values()]);
    if (this.#appended.length === 0) return this.#json;
    const more = JSON.stringify(this.#appended);
    return this.#json === "[]" ? more : `${this.#json.slice(0, -1)},${more.slice(1)}`;
  }
}

/** A batch split, without touching the database, into rows of hosts this run already wrote and the rest. */
export type PreparedBatch = {
  size: number;
  now: number;
  /** Records without any usable identifier, by line. */
  unidentified: number[];
  /** Findings of rows whose host part this run already wrote, ready for the upsert. */
  known: FindingRows;
  knownAssets: Set<string>;
  fresh: Prepared[];
};

/**
 * The CPU half of writing a batch. A pipeline prepares the next batch while
 * the previous one is in the database; a host first written by that previous
 * batch is then simply written again, which changes nothing.
 */
export function prepareBatch(records: IngestRecord[], context: SinkContext): PreparedBatch {
  const batch: PreparedBatch = {
    size: records.length,
    now: Date.now(),
    unidentified: [],
    known: new FindingRows(),
    knownAssets: new Set(),
    fresh: [],
  };
  for (const record of records) {
    const seen = record.observedAt?.getTime() ?? batch.now;
    // Only findings repeat a host part within a run; an asset record (a CSAM
    // asset, with its whole API record) would only pay for hashing its key.
    const key = context.hosts && record.finding ? HostCache.keyOf(record) : "";
    const assetId = key ? context.hosts?.assetFor(key, seen) : undefined;
    if (assetId !== undefined) {
      batch.knownAssets.add(assetId);
      if (record.finding) batch.known.add(assetId, record.finding);
      continue;
    }
    const identifiers = normaliseRecordIdentifiers(record);
    const sourceRecordId = sourceRecordIdOf(record, identifiers);
    if (!sourceRecordId) batch.unidentified.push(record.line ?? -1);
    else batch.fresh.push({ record, identifiers, sourceRecordId, key, seen });
  }
  // Serialised here, while the previous batch is in the database, not on the write's path.
  batch.known.serialise();
  return batch;
}

export function writeBatch(records: IngestRecord[], context: SinkContext): Promise<SinkResult> {
  return writePrepared(prepareBatch(records, context), context);
}

export async function writePrepared(
  batch: PreparedBatch,
  context: SinkContext,
): Promise<SinkResult> {
  const { unidentified, known, knownAssets, fresh, now } = batch;
  const identified = batch.size - unidentified.length;
  if (fresh.length === 0 && known.count === 0) {
    return {
      created: 0,
      updated: 0,
      unchanged: knownAssets.size > 0 ? identified : 0,
      unidentified,
      touchedAssetIds: [...knownAssets],
      conflicts: 0,
    };
  }

  // A crash may lose the last batches written (never corrupt them); the
  // object's ledger entry is only completed later, so it is read again.
  const result = await withTransaction(
    async (client) => {
      const hosts = fresh.length
        ? await writeHosts(client, context, fresh, new Date(now))
        : { resolutions: [], sourceCounts: EMPTY_COUNTS, conflicts: 0 };
      const findingRows = known;
      hosts.resolutions.forEach((r, i) => {
        const finding = fresh[i].record.finding;
        if (finding) findingRows.add(r.assetId, finding);
      });
      const counts = findingRows.count
        ? await upsertFindings(client, context, findingRows)
        : {
            ...hosts.sourceCounts,
            unchanged: hosts.sourceCounts.unchanged + identified - fresh.length,
          };
      return { ...hosts, counts };
    },
    { asyncCommit: true },
  );

  const cache = context.hosts;
  if (cache) {
    result.resolutions.forEach((resolution, i) => {
      if (fresh[i].key) cache.remember(fresh[i].key, resolution.assetId, fresh[i].seen);
    });
  }
  for (const r of result.resolutions) knownAssets.add(r.assetId);
  return {
    ...result.counts,
    unidentified,
    touchedAssetIds: [...knownAssets],
    conflicts: result.conflicts,
  };
}

const EMPTY_COUNTS: IngestCounts = { created: 0, updated: 0, unchanged: 0 };

/**
 * Resolves the records' identities and creates or merges their assets, asset
 * sources and identifiers. Returns one resolution per record, in order.
 */
async function writeHosts(
  client: pg.PoolClient,
  context: SinkContext,
  prepared: Prepared[],
  now: Date,
): Promise<{ resolutions: Resolution[]; sourceCounts: IngestCounts; conflicts: number }> {
  // One writer per tenant decides identities at a time, so two runs cannot
  // both create "new" assets for the same host.
  await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [
    `sluice.identity:${context.tenantId}`,
  ]);
  const allKeys = uniq(
    prepared.flatMap((p) => p.identifiers.map((i) => identifierKey(i.kind, i.value))),
  ).map((key) => {
    const [kind, value] = key.split("\u0000");
    return { kind, value };
  });
  const found = await lookups(
    client,
    context,
    uniq(prepared.map((p) => p.sourceRecordId)),
    allKeys,
  );
  const resolutions = resolveBatch(prepared, context.rules, found);

  // Aggregate per asset and per source record (a findings file repeats each host on many rows).
  const assets = new Map<string, AssetRow & { isNew: boolean }>();
  const sources = new Map<
    string,
    { resolution: Resolution; attributes: Record<string, unknown>; seen: string }
  >();
  resolutions.forEach((resolution, index) => {
    const record = prepared[index].record;
    const seen = record.observedAt ?? now;
    let asset = assets.get(resolution.assetId);
    if (!asset) {
      asset = {
        id: resolution.assetId,
        isNew: resolution.isNew,
        name: "",
        hostname: null,
        fqdn: null,
        ips: [],
        os: null,
        tags: [],
        attributes: {},
        seen: seen.toISOString(),
      };
      assets.set(resolution.assetId, asset);
    }
    mergeHost(asset, record, seen);
    const source = sources.get(resolution.sourceRecordId);
    if (source) {
      Object.assign(source.attributes, record.host.attributes ?? {});
      if (seen.toISOString() > source.seen) source.seen = seen.toISOString();
    } else {
      sources.set(resolution.sourceRecordId, {
        resolution,
        attributes: { ...(record.host.attributes ?? {}) },
        seen: seen.toISOString(),
      });
    }
  });
  for (const asset of assets.values()) asset.name ||= asset.id;

  const sourceRows = [...sources.values()].map((s) => ({
    assetId: s.resolution.assetId,
    sourceRecordId: s.resolution.sourceRecordId,
    matchedRule: s.resolution.matchedRule,
    matchedValue: s.resolution.matchedValue,
    attributes: s.attributes,
    seen: s.seen,
  }));
  // A findings file repeats each host's identifiers on every row: write each
  // (asset, kind, value) once, and only when the database does not have it yet.
  const identifierRows = new Map<string, { assetId: string; kind: string; value: string }>();
  for (const r of resolutions) {
    for (const i of r.identifiers) {
      const key = identifierKey(i.kind, i.value);
      if (found.byIdentifier.get(key)?.includes(r.assetId)) continue;
      identifierRows.set(`${r.assetId}\u0000${key}`, {
        assetId: r.assetId,
        kind: i.kind,
        value: i.value,
      });
    }
  }
  const all = [...assets.values()];
  // One statement, one round trip: the foreign keys of sources and
  // identifiers are checked at its end, when the new assets are there.
  const sourceWrites = await client.query<{ inserted: boolean }>(
    `WITH new_assets AS (
       INSERT INTO assets (id, "tenantId", name, hostname, fqdn, "ipAddresses", os, tags, attributes, "firstSeenAt", "lastSeenAt", "updatedAt")
       SELECT r.id, $1::uuid, r.name, r.hostname, r.fqdn, r.ips, r.os, r.tags, r.attributes, r.seen, r.seen, now()
         FROM json_to_recordset($4::json) AS r(id uuid, name text, hostname text, fqdn text, ips text[], os text, tags text[], attributes jsonb, seen timestamp)
     ), old_assets AS (
       -- Merge, never erase: another source may know more about the host.
       UPDATE assets a SET
            hostname = coalesce(a.hostname, r.hostname),
            fqdn = coalesce(a.fqdn, r.fqdn),
            os = coalesce(r.os, a.os),
            "ipAddresses" = ARRAY(SELECT DISTINCT x FROM unnest(a."ipAddresses" || r.ips) x ORDER BY 1),
            tags = ARRAY(SELECT DISTINCT x FROM unnest(a.tags || r.tags) x ORDER BY 1),
            attributes = a.attributes || r.attributes,
            "lastSeenAt" = greatest(a."lastSeenAt", r.seen),
            "updatedAt" = now()
           FROM json_to_recordset($5::json) AS r(id uuid, hostname text, fqdn text, ips text[], os text, tags text[], attributes jsonb, seen timestamp)
          WHERE a.id = r.id AND a."tenantId" = $1::uuid
            AND (a.hostname IS NULL AND r.hostname IS NOT NULL
              OR a.fqdn IS NULL AND r.fqdn IS NOT NULL
              OR r.os IS NOT NULL AND a.os IS DISTINCT FROM r.os
              OR NOT a."ipAddresses" @> r.ips
              OR NOT a.tags @> r.tags
              OR NOT a.attributes @> r.attributes
              OR a."lastSeenAt" < r.seen)
     ), identifiers AS (
       INSERT INTO asset_identifiers ("tenantId", "assetId", kind, value)
       SELECT $1::uuid, r."assetId", r.kind, r.value
         FROM json_to_recordset($6::json) AS r("assetId" uuid, kind text, value text)
       ON CONFLICT DO NOTHING
     )
     INSERT INTO asset_sources (id, "assetId", "connectorId", "sourceName", "sourceRecordId", "matchedRule", "matchedValue", attributes, "firstSeenAt", "lastSeenAt")
     SELECT sluice_uuid_v7(), r."assetId", $2::uuid, $3, r."sourceRecordId", r."matchedRule", r."matchedValue", r.attributes, r.seen, r.seen
       FROM json_to_recordset($7::json) AS r("assetId" uuid, "sourceRecordId" text, "matchedRule" text, "matchedValue" text, attributes jsonb, seen timestamp)
     ON CONFLICT ("connectorId", "sourceRecordId") DO UPDATE SET
          attributes = EXCLUDED.attributes,
          "lastSeenAt" = greatest(asset_sources."lastSeenAt", EXCLUDED."lastSeenAt")
      WHERE asset_sources.attributes IS DISTINCT FROM EXCLUDED.attributes
         OR asset_sources."lastSeenAt" < EXCLUDED."lastSeenAt"
     RETURNING (xmax = 0) AS inserted`,
    [
      context.tenantId,
      context.connectorId,
      context.sourceName,
      JSON.stringify(all.filter((a) => a.isNew)),
      JSON.stringify(all.filter((a) => !a.isNew)),
      JSON.stringify([...identifierRows.values()]),
      JSON.stringify(sourceRows),
    ],
  );

  const conflicts = resolutions.filter((r) => r.conflict);
  if (conflicts.length) {
    await client.query(
      `INSERT INTO identity_conflicts (id, "tenantId", "connectorId", "sourceRecordId", "assetId", "otherAssetId", kind, value)
         SELECT gen_random_uuid(), $2, $3, r."sourceRecordId", r."assetId", r."otherAssetId", r.kind, r.value
           FROM json_to_recordset($1::json) AS r("sourceRecordId" text, "assetId" uuid, "otherAssetId" uuid, kind text, value text)
         ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          conflicts.map((r) => ({
            sourceRecordId: r.sourceRecordId,
            assetId: r.assetId,
            otherAssetId: r.conflict!.assetId,
            kind: r.conflict!.kind,
            value: r.conflict!.value,
          })),
        ),
        context.tenantId,
        context.connectorId,
      ],
    );
  }

  const created = sourceWrites.rows.filter((w) => w.inserted).length;
  const updated = sourceWrites.rows.length - created;
  return {
    resolutions,
    sourceCounts: { created, updated, unchanged: sources.size - created - updated },
    conflicts: conflicts.length,
  };
}

/** The finding rows of a batch, from positional JSON arrays ($1, jsonb). */
const FINDING_COLUMNS_SQL = `
  SELECT (e->>0)::uuid AS "assetId", (e->>1)::int AS qid, (e->>2)::int AS port, e->>3 AS protocol, e->>4 AS title,
         (e->>5)::int AS severity, e->>6 AS type, e->>7 AS status,
         ARRAY(SELECT jsonb_array_elements_text(e->8)) AS cves,
         (e->>9)::float8 AS "cvssBase", (e->>10)::float8 AS "cvss3Base", (e->>11)::int AS qds,
         (e->>12)::timestamp AS "firstDetectedAt", (e->>13)::timestamp AS "lastDetectedAt",
         (e->>14)::timestamp AS "lastFixedAt", (e->>15)::int AS "timesDetected", e->>16 AS results,
         e->>17 AS threat, e->>18 AS impact, e->>19 AS solution, e->>20 AS category, e->21 AS attributes
    FROM jsonb_array_elements($1::jsonb) e`;

async function upsertFindings(
  client: pg.PoolClient,
  context: SinkContext,
  rows: FindingRows,
): Promise<IngestCounts> {
  if (context.run) for (const assetId of rows.assetIds) context.run.assetIds.add(assetId);
  // `connector` and `hosts` take the locks the foreign keys to connectors and
  // assets took for every row, once per batch and before any row is written:
  // unless the connector and every asset are there, nothing is.
  const { rows: counts } = await client.query<{
    connector: number;
    hosts: number;
    created: number;
    written: number;
  }>(
    `WITH connector AS MATERIALIZED (SELECT 1 FROM connectors WHERE id = $3 FOR KEY SHARE),
     hosts AS MATERIALIZED (SELECT 1 FROM assets WHERE id = ANY($5::uuid[]) FOR KEY SHARE),
     r AS MATERIALIZED (${FINDING_COLUMNS_SQL}
       WHERE EXISTS (SELECT 1 FROM connector) AND (SELECT count(*) FROM hosts) = cardinality($5::uuid[])),
     written AS (
       INSERT INTO findings (id, "tenantId", "assetId", "connectorId", qid, port, protocol, title, severity, type, status, cves,
                             "cvssBase", "cvss3Base", qds, "firstDetectedAt", "lastDetectedAt", "lastFixedAt", "timesDetected",
                             results, threat, impact, solution, category, attributes, "updatedAt")
       SELECT sluice_uuid_v7(), $2, r."assetId", $3, r.qid, r.port, r.protocol, r.title, r.severity, r.type::"VulnType",
              r.status::"FindingStatus", r.cves, r."cvssBase", r."cvss3Base", r.qds,
              r."firstDetectedAt", r."lastDetectedAt", r."lastFixedAt", r."timesDetected", r.results, r.threat, r.impact,
              r.solution, r.category, r.attributes, now()
         FROM r
       ON CONFLICT ("assetId", qid, port, protocol) DO UPDATE SET
              "connectorId" = EXCLUDED."connectorId", title = EXCLUDED.title, severity = EXCLUDED.severity, type = EXCLUDED.type,
              status = EXCLUDED.status, cves = EXCLUDED.cves, "cvssBase" = EXCLUDED."cvssBase", "cvss3Base" = EXCLUDED."cvss3Base",
              qds = EXCLUDED.qds, "firstDetectedAt" = EXCLUDED."firstDetectedAt", "lastDetectedAt" = EXCLUDED."lastDetectedAt",
              "lastFixedAt" = EXCLUDED."lastFixedAt", "timesDetected" = EXCLUDED."timesDetected", results = EXCLUDED.results,
              threat = EXCLUDED.threat, impact = EXCLUDED.impact, solution = EXCLUDED.solution, category = EXCLUDED.category,
              attributes = EXCLUDED.attributes, "updatedAt" = now()
        WHERE (findings.title, findings.severity, findings.type, findings.status, findings.cves, findings."cvssBase",
               findings."cvss3Base", findings.qds, findings."firstDetectedAt", findings."lastDetectedAt", findings."lastFixedAt",
               findings."timesDetected", findings.results, findings.threat, findings.impact, findings.solution,
               findings.category, findings.attributes)
              IS DISTINCT FROM
              (EXCLUDED.title, EXCLUDED.severity, EXCLUDED.type, EXCLUDED.status, EXCLUDED.cves, EXCLUDED."cvssBase",
               EXCLUDED."cvss3Base", EXCLUDED.qds, EXCLUDED."firstDetectedAt", EXCLUDED."lastDetectedAt", EXCLUDED."lastFixedAt",
               EXCLUDED."timesDetected", EXCLUDED.results, EXCLUDED.threat, EXCLUDED.impact, EXCLUDED.solution,
               EXCLUDED.category, EXCLUDED.attributes)
       RETURNING "assetId", qid, port, protocol, (xmax = 0) AS inserted
     ), unchanged AS (
       -- Written rows carry this transaction's updatedAt; only the others need a note.
       INSERT INTO run_findings_seen ("runId", "assetId", qid, port, protocol)
       SELECT $4::uuid, r."assetId", r.qid, r.port, r.protocol FROM r
        WHERE $4::uuid IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM written w
                           WHERE w."assetId" = r."assetId" AND w.qid = r.qid AND w.port = r.port AND w.protocol = r.protocol)
     )
     SELECT (SELECT count(*) FROM connector)::int AS connector, (SELECT count(*) FROM hosts)::int AS hosts,
            (count(*) FILTER (WHERE inserted))::int AS created, count(*)::int AS written FROM written`,
    [
      rows.toJSON(),
      context.tenantId,
      context.connectorId,
      context.run?.runId ?? null,
      [...rows.assetIds],
    ],
  );
  const { connector, hosts, created, written } = counts[0];
  if (connector === 0) throw new Error("The connector was deleted while its run was writing.");
  if (hosts < rows.assetIds.size) {
    throw new Error(
      "A host of this file was merged into another asset or deleted while the run was writing; run it again.",
    );
  }
  // Rows repeated inside the batch count once per row read, as unchanged.
  return { created, updated: written - created, unchanged: rows.count - written };
}

/**
 * Assets per statement of the sweep below: one statement visits each page of
 * their findings once, so fewer, larger ones read less (50,000 assets: 2.4 s
 * in chunks of 10,000, 1.3 s in one).
 */
const SWEEP_CHUNK = 50_000;

/**
 * After a full import: the findings of this connector on the assets the run
 * reported findings on, that the run did not report, are no longer detected
 * and become FIXED. A finding was reported when the run wrote it (its
 * `updatedAt` is at or after the run's `since`) or noted it unchanged. Returns
 * how many changed and on which assets. Always forgets the run's notes.
 */
export async function markMissingFindingsFixed(
  run: RunFindings,
  connectorId: string,
  options: { apply: boolean; chunkSize?: number },
): Promise<{ fixed: number; assetIds: string[] }> {
  if (!options.apply || run.assetIds.size === 0 || (await isOnlyRun(run.runId, connectorId))) {
    await forgetSeenFindings(run.runId);
    return { fixed: 0, assetIds: [] };
  }
  const assetIds = [...run.assetIds];
  const chunk = options.chunkSize ?? SWEEP_CHUNK;
  return withTransaction(async (client) => {
    // Fresh statistics let the planner hash the run's keys instead of looping over them.
    await client.query("ANALYZE run_findings_seen");
    const changed: string[] = [];
    // In chunks, so a run over a million assets never sends one giant array.
    for (let i = 0; i < assetIds.length; i += chunk) {
      const { rows } = await client.query<{ assetId: string }>(
        `UPDATE findings f SET status = 'FIXED', "lastFixedAt" = now(), "updatedAt" = now()
          WHERE f."assetId" = ANY($3::uuid[]) AND f."connectorId" = $2 AND f.status <> 'FIXED'
            AND f."updatedAt" < $4::timestamp
            AND NOT EXISTS (SELECT 1 FROM run_findings_seen s
                             WHERE s."runId" = $1 AND s."assetId" = f."assetId" AND s.qid = f.qid
                               AND s.port = f.port AND s.protocol = f.protocol)
        RETURNING f."assetId"`,
        [run.runId, connectorId, assetIds.slice(i, i + chunk), run.since],
      );
      for (const row of rows) changed.push(row.assetId);
    }
    await client.query(`DELETE FROM run_findings_seen WHERE "runId" = $1`, [run.runId]);
    return { fixed: changed.length, assetIds: uniq(changed) };
  });
}

/**
 * Whether this is the connector's only run: findings carry a connector only
 * when one of its runs wrote them, so its first run finds none of an earlier
 * one to mark Fixed, and skips reading every finding of its assets for that
 * (3 s of a 1,000,000-row first import in bench:csv).
 */
async function isOnlyRun(runId: string, connectorId: string): Promise<boolean> {
  const { rows } = await pool().query<{ other: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM runs WHERE "connectorId" = $1 AND id <> $2) AS other`,
    [connectorId, runId],
  );
  return !rows[0].other;
}

/** Drops a run's notes of unchanged findings (a failed run, or one that applies no status). */
export async function forgetSeenFindings(runId: string): Promise<void> {
  await pool().query(`DELETE FROM run_findings_seen WHERE "runId" = $1`, [runId]);
}

/** Housekeeping: finding keys left by runs that ended without cleaning up (a crash). */
export async function deleteOrphanedSeenFindings(): Promise<number> {
  const { rowCount } = await pool().query(
    `DELETE FROM run_findings_seen s
      WHERE NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = s."runId" AND r.state IN ('QUEUED', 'PROCESSING'))`,
  );
  return rowCount ?? 0;
}
