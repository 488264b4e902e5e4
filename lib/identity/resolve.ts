// Decides which asset each incoming record belongs to. Pure: the lookups come
// from the database (lib/ingest/sink.ts), the decision and its explanation
// ("matched on BIOS serial …") are made here.
import { uuidV7 } from "@/lib/db/uuid-v7";
import { identifierKinds, normaliseIdentifier, type IdentifierKind } from "./identifiers";
import type { IngestRecord } from "@/lib/ingest/record";

export type NormalisedIdentifiers = { kind: IdentifierKind; value: string }[];

export type Resolution = {
  assetId: string;
  isNew: boolean;
  /** The rule that matched, "SOURCE_RECORD" when this source record was seen before, null for a new asset. */
  matchedRule: IdentifierKind | "SOURCE_RECORD" | null;
  matchedValue: string | null;
  sourceRecordId: string;
  identifiers: NormalisedIdentifiers;
  /** A second existing asset that a lower-precedence rule pointed at: for a person to resolve. */
  conflict: { assetId: string; kind: IdentifierKind; value: string } | null;
};

export type IdentityLookups = {
  /** (connector's) sourceRecordId → asset id */
  bySourceRecord: Map<string, string>;
  /** `${kind}\u0000${value}` → asset ids (normally one) */
  byIdentifier: Map<string, string[]>;
};

export const identifierKey = (kind: string, value: string) => `${kind}\u0000${value}`;

export function normaliseRecordIdentifiers(record: IngestRecord): NormalisedIdentifiers {
  const seen = new Set<string>();
  const out: NormalisedIdentifiers = [];
  for (const kind of identifierKinds) {
    for (const raw of record.identifiers[kind] ?? []) {
      const value = normaliseIdentifier(kind, raw);
      if (value && !seen.has(identifierKey(kind, value))) {
        seen.add(identifierKey(kind, value));
        out.push({ kind, value });
      }
    }
  }
  return out;
}

/** The record's stable id in its source: given, or its strongest identifier. */
export function sourceRecordIdOf(
  record: IngestRecord,
  identifiers: NormalisedIdentifiers,
): string | null {
  if (record.sourceRecordId) return String(record.sourceRecordId);
  const first = identifiers[0];
  return first ? `${first.kind}:${first.value}` : null;
}

/**
 * Resolves a batch in order. Records of one batch that share an identifier
 * land on the same new asset; a record whose rules point at two different
 * existing assets goes to the higher-precedence match and is reported as a
 * conflict, never merged silently.
 */
export function resolveBatch(
  records: { record: IngestRecord; identifiers: NormalisedIdentifiers; sourceRecordId: string }[],
  rules: IdentifierKind[],
  lookups: IdentityLookups,
  newId: () => string = uuidV7,
): Resolution[] {
  const byIdentifier = new Map(lookups.byIdentifier);
  const bySourceRecord = new Map(lookups.bySourceRecord);
  return records.map(({ identifiers, sourceRecordId }) => {
    let assetId: string | null = bySourceRecord.get(sourceRecordId) ?? null;
    let matchedRule: Resolution["matchedRule"] = assetId ? "SOURCE_RECORD" : null;
    let matchedValue: string | null = assetId ? sourceRecordId : null;
    let conflict: Resolution["conflict"] = null;

    for (const rule of rules) {
      for (const { value } of identifiers.filter((i) => i.kind === rule)) {
        const found = byIdentifier.get(identifierKey(rule, value));
        if (!found?.length) continue;
        if (!assetId) {
          assetId = found[0];
          matchedRule = rule;
          matchedValue = value;
        } else if (!conflict) {
          const other = found.find((id) => id !== assetId);
          if (other) conflict = { assetId: other, kind: rule, value };
        }
      }
    }

    const isNew = assetId === null;
    const id = assetId ?? newId();
    bySourceRecord.set(sourceRecordId, id);
    for (const { kind, value } of identifiers) {
      const key = identifierKey(kind, value);
      const list = byIdentifier.get(key);
      if (!list) byIdentifier.set(key, [id]);
      else if (!list.includes(id)) list.push(id);
    }
    return { assetId: id, isNew, matchedRule, matchedValue, sourceRecordId, identifiers, conflict };
  });
}
