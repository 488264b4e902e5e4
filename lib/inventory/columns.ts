// The inventory table's columns, shared by the column chooser, the table and
// the CSV export so that what you see is what you download.

export const ASSET_COLUMNS = [
  { key: "name", label: "Name", always: true, defaultVisible: true },
  { key: "riskScore", label: "Risk score", defaultVisible: true },
  { key: "criticality", label: "Criticality", defaultVisible: true },
  { key: "os", label: "Operating system", defaultVisible: true },
  { key: "ipAddresses", label: "IP addresses", defaultVisible: true },
  { key: "sources", label: "Sources", defaultVisible: true },
  { key: "openFindings", label: "Open findings", defaultVisible: true },
  { key: "lastSeenAt", label: "Last seen", defaultVisible: true },
  { key: "hostname", label: "Host name", defaultVisible: false },
  { key: "fqdn", label: "FQDN", defaultVisible: false },
  { key: "tags", label: "Tags", defaultVisible: false },
  { key: "firstSeenAt", label: "First seen", defaultVisible: false },
  { key: "id", label: "Asset id", defaultVisible: false },
] as const satisfies readonly {
  key: string;
  label: string;
  defaultVisible: boolean;
  always?: boolean;
}[];

export type AssetColumnKey = (typeof ASSET_COLUMNS)[number]["key"];

export const DEFAULT_ASSET_COLUMNS: AssetColumnKey[] = ASSET_COLUMNS.filter(
  (c) => c.defaultVisible,
).map((c) => c.key);

/**
 * Reads `?cols=name,os,…` leniently: unknown keys are dropped, the name column
 * is always kept, and nothing usable means the default set.
 */
export function parseColumns(value: string | undefined | null): AssetColumnKey[] {
  if (!value) return DEFAULT_ASSET_COLUMNS;
  const wanted = new Set(value.split(","));
  const chosen = ASSET_COLUMNS.filter((c) => wanted.has(c.key) || ("always" in c && c.always)).map(
    (c) => c.key,
  );
  return chosen.length > 1 ? chosen : DEFAULT_ASSET_COLUMNS;
}
