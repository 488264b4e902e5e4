// The contract every connector type fulfils. Each lib/connectors/<type>/
// folder exports one ConnectorDefinition from definition.ts and is listed in
// lib/connectors/registry.ts; nothing else switches on the type.
import type { Readable } from "node:stream";
import type { z } from "zod";
import type { IdentifierKind } from "@/lib/identity/identifiers";
import type { RunErrorInput } from "@/lib/runs/repository";

export type ConnectionTestResult =
  | { ok: true; summary: string; details: string[] }
  | {
      ok: false;
      /** What happened, in one sentence. */
      title: string;
      /** What to check, most likely first. */
      checks: string[];
      /** The underlying error, for the details pane (never contains secrets). */
      details?: string;
    };

export type ConnectorContext<C, S> = {
  tenantId: string;
  connectorId: string;
  config: C;
  secrets: S;
  /** Admin setting: may this connector call private-range addresses? */
  allowPrivateNetworks: boolean;
  signal: AbortSignal;
  log: (message: string, fields?: Record<string, unknown>) => void;
};

/** A file to parse with the profile's transform map (CSV objects, uploads). */
export type SourceFile = {
  /** Stable identity for the ingest ledger, e.g. "s3://bucket/key". */
  sourceKey: string;
  /** ETag, version id or content hash: a rewritten file has a new one. */
  version: string;
  name: string;
  sizeBytes: number | null;
  open(): Promise<Readable>;
};

/** Records already in a data model's shape, one page at a time (API connectors). */
export type ModelRecordPage = {
  /** Ledger identity of the page, e.g. "csam:page:<lastSeenAssetId>"; null when pages are not replayable. */
  sourceKey: string | null;
  version: string;
  records: { line: number; record: Record<string, unknown> }[];
  errors: RunErrorInput[];
  /** The data model the records follow, when a connector yields more than one ("host-asset", "vulnerability-finding"). */
  dataModel?: string;
};

export type FileSource<C, S> = {
  kind: "files";
  /** Every file under the configured location (the run skips what the ledger has). */
  list(context: ConnectorContext<C, S>): AsyncIterable<SourceFile>;
};

export type RecordSource<C, S> = {
  kind: "records";
  /** Pages of model records; `since` is the last successful run's start, for incremental fetches. */
  read(context: ConnectorContext<C, S> & { since: Date | null }): AsyncIterable<ModelRecordPage>;
};

export type ConnectorDefinition<
  C extends z.ZodType = z.ZodType,
  S extends z.ZodType = z.ZodType,
> = {
  type: string;
  label: string;
  description: string;
  /** The name assets show for records from this type: "S3 CSV", "CSAM", "Qualys VM". */
  sourceName: string;
  findingTypes: readonly ("ASSET" | "VULNERABILITY" | "LOG")[];
  /** Settings stored as plain JSON (never secrets). */
  configSchema: C;
  /** Credentials, stored encrypted (lib/secrets) and never sent to the browser. */
  secretsSchema: S;
  defaultIdentificationRules: readonly IdentifierKind[];
  /** Key of the ready-made transform map the wizard proposes first, if any. */
  defaultTransformMap?: string;
  test(context: ConnectorContext<z.infer<C>, z.infer<S>>): Promise<ConnectionTestResult>;
  source: FileSource<z.infer<C>, z.infer<S>> | RecordSource<z.infer<C>, z.infer<S>>;
};

export function defineConnector<C extends z.ZodType, S extends z.ZodType>(
  definition: ConnectorDefinition<C, S>,
): ConnectorDefinition<C, S> {
  return definition;
}

/** A source failure whose message already says what happened and what to check: shown as the run's reason. */
export class ConnectorError extends Error {}

export function failureMessage(failure: Extract<ConnectionTestResult, { ok: false }>): string {
  return `${failure.title} Check: ${failure.checks.join(" ")}`;
}
