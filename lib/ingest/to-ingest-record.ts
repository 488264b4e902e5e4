// Maps a validated data-model record (Host Asset or Vulnerability Finding)
// onto the inventory's shape: the host's identifiers, its fields, and the
// finding. Attributes the inventory has no column for are kept as JSON.
import type { FindingFields, IngestRecord } from "./record";

/** Every value at a dotted path; "a[].b" walks each element of list a. */
export function valuesAt(record: unknown, path: string): unknown[] {
  // Most paths are plain keys; this runs several times per row of every file.
  if (!path.includes(".") && !path.includes("[")) {
    const value =
      record && typeof record === "object" ? (record as Record<string, unknown>)[path] : undefined;
    if (value === undefined || value === null || value === "") return [];
    return Array.isArray(value)
      ? value.filter((v) => v !== undefined && v !== null && v !== "")
      : [value];
  }
  let current: unknown[] = [record];
  for (const segment of path.split(".")) {
    const list = segment.endsWith("[]");
    const key = list ? segment.slice(0, -2) : segment;
    current = current.flatMap((value) => {
      if (value === null || typeof value !== "object") return [];
      const next = (value as Record<string, unknown>)[key];
      if (next === undefined || next === null) return [];
      return list && Array.isArray(next) ? next : [next];
    });
  }
  return current
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v) => v !== undefined && v !== null && v !== "");
}

const text = (record: unknown, path: string) => {
  const value = valuesAt(record, path)[0];
  return value === undefined ? null : String(value);
};
const texts = (record: unknown, ...paths: string[]) =>
  paths.flatMap((p) => valuesAt(record, p).map(String));

const present = (value: unknown) => value !== undefined && value !== null && value !== "";

/** Shared by every record with nothing under a key; frozen, so a write to it fails loudly. */
const NONE: string[] = Object.freeze([]) as unknown as string[];

/** `texts` for top-level keys only, without the intermediate arrays: it runs on every CSV row. */
function keyTexts(record: Record<string, unknown>, ...keys: string[]): string[] {
  let out = NONE;
  for (const key of keys) {
    const value = record[key];
    if (!present(value)) continue;
    if (out === NONE) out = [];
    if (!Array.isArray(value)) out.push(String(value));
    else for (const v of value) if (present(v)) out.push(String(v));
  }
  return out;
}

/** The first text under a top-level key (of a list, its first element), or null. */
function keyText(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  if (!Array.isArray(value)) return present(value) ? String(value) : null;
  for (const v of value) if (present(v)) return String(v);
  return null;
}

/** The texts without repeats; most hosts have one address, which needs no set. */
const distinct = (values: string[]) => (values.length < 2 ? values : [...new Set(values)]);
const date = (value: unknown) =>
  value instanceof Date ? value : typeof value === "string" ? new Date(value) : null;

const findingColumns = new Set([
  "ip",
  "ipAddresses",
  "ipv6",
  "dnsName",
  "fqdn",
  "netbiosName",
  "hostId",
  "assetId",
  "assetUuid",
  "assetName",
  "os",
  "tags",
  "qid",
  "title",
  "severity",
  "type",
  "status",
  "cves",
  "cvssBase",
  "cvss3Base",
  "qds",
  "port",
  "protocol",
  "firstDetected",
  "lastDetected",
  "lastFixed",
  "timesDetected",
  "results",
  "threat",
  "impact",
  "solution",
  "category",
]);

export function fromVulnerabilityFinding(
  record: Record<string, unknown>,
  line?: number,
): IngestRecord {
  const ips = keyTexts(record, "ip", "ipAddresses", "ipv6");
  const attributes: Record<string, unknown> = {};
  for (const key in record) if (!findingColumns.has(key)) attributes[key] = record[key];
  const finding: FindingFields = {
    qid: Number(record.qid),
    port: (record.port as number | undefined) ?? null,
    protocol: keyText(record, "protocol"),
    title: keyText(record, "title"),
    severity: Number(record.severity),
    type: record.type as FindingFields["type"],
    status: record.status as FindingFields["status"],
    cves: keyTexts(record, "cves"),
    cvssBase: (record.cvssBase as number | undefined) ?? null,
    cvss3Base: (record.cvss3Base as number | undefined) ?? null,
    qds: (record.qds as number | undefined) ?? null,
    firstDetectedAt: date(record.firstDetected),
    lastDetectedAt: date(record.lastDetected),
    lastFixedAt: date(record.lastFixed),
    timesDetected: (record.timesDetected as number | undefined) ?? null,
    results: keyText(record, "results"),
    threat: keyText(record, "threat"),
    impact: keyText(record, "impact"),
    solution: keyText(record, "solution"),
    category: keyText(record, "category"),
    attributes,
  };
  const dns = keyText(record, "dnsName");
  const fqdn = keyText(record, "fqdn");
  const netbios = keyText(record, "netbiosName");
  return {
    line,
    sourceRecordId: keyText(record, "hostId") ?? keyText(record, "assetId"),
    identifiers: {
      ASSET_UUID: keyTexts(record, "assetUuid"),
      HOST_ID: keyTexts(record, "hostId", "assetId"),
      FQDN: keyTexts(record, "fqdn", "dnsName"),
      NETBIOS: keyTexts(record, "netbiosName"),
      IP: ips,
    },
    host: {
      name: keyText(record, "assetName") ?? fqdn ?? dns ?? netbios ?? ips[0] ?? null,
      hostname: dns,
      fqdn: fqdn ?? (dns?.includes(".") ? dns : null),
      ipAddresses: distinct(ips),
      os: keyText(record, "os"),
      tags: keyTexts(record, "tags"),
    },
    finding,
    observedAt: finding.lastDetectedAt ?? finding.firstDetectedAt ?? null,
  };
}

export function fromHostAsset(record: Record<string, unknown>, line?: number): IngestRecord {
  const ips = texts(
    record,
    "ip",
    "networkInterfaces[].ipv4Address",
    "networkInterfaces[].ipv6Address",
  );
  const dns = text(record, "dnsName");
  return {
    line,
    sourceRecordId: text(record, "assetId") ?? text(record, "assetUuid") ?? text(record, "hostId"),
    identifiers: {
      ASSET_UUID: texts(record, "assetUuid"),
      HOST_ID: texts(record, "hostId"),
      BIOS_SERIAL: texts(record, "bios.serialNumber"),
      CLOUD_INSTANCE_ID: texts(record, "cloudInstanceId", "cloudProvider.instanceId"),
      MAC: texts(record, "networkInterfaces[].macAddress"),
      FQDN: texts(record, "fqdn", "dnsName"),
      NETBIOS: texts(record, "netbiosName"),
      IP: ips,
    },
    host: {
      name: text(record, "assetName") ?? dns ?? text(record, "netbiosName") ?? ips[0] ?? null,
      hostname: dns,
      fqdn: text(record, "fqdn") ?? (dns?.includes(".") ? dns : null),
      ipAddresses: [...new Set(ips)],
      os: text(record, "operatingSystem.name"),
      tags: texts(record, "tags", "tags[].name"),
      attributes: record,
    },
    observedAt: date(valuesAt(record, "lastUpdated")[0] ?? valuesAt(record, "lastSeen")[0]) ?? null,
  };
}

export function toIngestRecord(
  modelKey: string,
  record: Record<string, unknown>,
  line?: number,
): IngestRecord {
  return modelKey === "host-asset"
    ? fromHostAsset(record, line)
    : fromVulnerabilityFinding(record, line);
}
