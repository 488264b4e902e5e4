import { isIP } from "node:net";

import { hostAssetAttributes } from "@/lib/datamodels/host-asset";

/** Helpers shared by the Qualys connectors that yield Host Asset records. */

export type HostAssetRecordValue = Record<string, unknown>;

// Identity hints the inventory needs but the Host Asset model may not have an
// attribute for yet. While it lacks one, the value rides along as a custom
// attribute under this key, so identity can still read it and the record
// still passes the model's strict schema.
const IDENTITY_HINTS = {
  assetId: "Qualys Asset ID",
  cloudInstanceId: "Cloud Instance ID",
} as const;
type IdentityHint = keyof typeof IDENTITY_HINTS;

const modelAttributes = new Set(hostAssetAttributes.map((attribute) => attribute.name));

/** Drops undefined members so stored records hold only what the source said. */
export function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member !== undefined) result[key] = member;
  }
  return result as Partial<T>;
}

/** Puts identity hints where the current model allows them (see IDENTITY_HINTS). */
export function withIdentityHints(
  record: HostAssetRecordValue,
  hints: Partial<Record<IdentityHint, string>>,
): HostAssetRecordValue {
  const extraCustom: { key: string; value: string }[] = [];
  for (const [name, value] of Object.entries(hints) as [IdentityHint, string | undefined][]) {
    if (!value) continue;
    if (modelAttributes.has(name)) record[name] = value;
    else extraCustom.push({ key: IDENTITY_HINTS[name], value });
  }
  if (extraCustom.length > 0) {
    const existing = (record.customAttributes as { key: string }[] | undefined) ?? [];
    const taken = new Set(existing.map((attribute) => attribute.key));
    record.customAttributes = [
      ...extraCustom.filter((attribute) => !taken.has(attribute.key)),
      ...existing,
    ];
  }
  return record;
}

/** Reads an identity hint back, wherever withIdentityHints put it. */
export function identityHint(record: HostAssetRecordValue, name: IdentityHint): string | undefined {
  if (typeof record[name] === "string") return record[name];
  const custom = record.customAttributes as { key?: string; value?: string }[] | undefined;
  return custom?.find((attribute) => attribute.key === IDENTITY_HINTS[name])?.value;
}

/** An IP-typed attribute takes only a real address; anything else is dropped. */
export function ipOrUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && isIP(trimmed) ? trimmed : undefined;
}

export function dateOrUndefined(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed;
}
