// The shape every connector's records take on their way into the inventory,
// whatever the source: a host (with its identifiers) and, for vulnerability
// sources, one finding on that host.
import type { IdentifierKind } from "@/lib/identity/identifiers";

export type HostFields = {
  name?: string | null;
  hostname?: string | null;
  fqdn?: string | null;
  ipAddresses?: string[];
  os?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
};

export type FindingFields = {
  qid: number;
  port?: number | null;
  protocol?: string | null;
  title?: string | null;
  severity: number;
  type?: "CONFIRMED" | "POTENTIAL" | "INFO";
  status?: "NEW" | "ACTIVE" | "REOPENED" | "FIXED";
  cves?: string[];
  cvssBase?: number | null;
  cvss3Base?: number | null;
  qds?: number | null;
  firstDetectedAt?: Date | null;
  lastDetectedAt?: Date | null;
  lastFixedAt?: Date | null;
  timesDetected?: number | null;
  results?: string | null;
  threat?: string | null;
  impact?: string | null;
  solution?: string | null;
  category?: string | null;
  attributes?: Record<string, unknown>;
};

export type IngestRecord = {
  /** Where the record came from, for row errors: line number in a file, or index in a page. */
  line?: number;
  /** The record's identity in its source; falls back to its strongest identifier. */
  sourceRecordId?: string | null;
  identifiers: Partial<Record<IdentifierKind, (string | null | undefined)[]>>;
  host: HostFields;
  finding?: FindingFields;
  /** When the source saw this host (drives lastSeen, so re-ingesting a file changes nothing). */
  observedAt?: Date | null;
};

export type IngestCounts = { created: number; updated: number; unchanged: number };
