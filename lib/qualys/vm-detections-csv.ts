import { parse } from "csv-parse/sync";

import type { RejectedRecord, Truncation } from "./vm-common";
import { readDetectionHosts, type VmDetectionHost } from "./vm-detections";

/**
 * The detection API with output_format=CSV wraps a flat CSV (one row per
 * host × detection) in marker lines:
 *
 *   ----BEGIN_RESPONSE_HEADER_CSV … ----END_RESPONSE_HEADER_CSV
 *   ----BEGIN_RESPONSE_BODY_CSV   … ----END_RESPONSE_BODY_CSV
 *   ----BEGIN_RESPONSE_FOOTER_CSV … ----END_RESPONSE_FOOTER_CSV
 *
 * The footer is a small CSV whose "Status Message" column says Finished or
 * Truncated; a truncated page also carries "Next ID" and "Next URL".
 */

export class CsvEnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvEnvelopeError";
  }
}

function section(text: string, name: string, required: boolean): string | undefined {
  const begin = `----BEGIN_RESPONSE_${name}_CSV`;
  const end = `----END_RESPONSE_${name}_CSV`;
  const start = text.indexOf(begin);
  // lastIndexOf: a multi-line Results cell could in theory contain a marker,
  // while the real end marker is always the last one in the response.
  const stop = text.lastIndexOf(end);
  if (start === -1 || stop === -1 || stop < start) {
    if (required)
      throw new CsvEnvelopeError(`CSV response has no complete ${name} section (cut off?)`);
    return undefined;
  }
  return text.slice(start + begin.length, stop).replace(/^\r?\n/, "");
}

function readCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  let columns: string[] = [];
  const rows: Record<string, string>[] = parse(text, {
    columns: (header: string[]) => (columns = header),
    skip_empty_lines: true,
    bom: true,
  });
  return { columns, rows };
}

export type DetectionCsvEnvelope = Truncation & {
  /** "Finished" or "Truncated" as Qualys sent it. */
  statusMessage?: string;
  columns: string[];
  rows: Record<string, string>[];
};

export function parseDetectionCsvEnvelope(text: string): DetectionCsvEnvelope {
  const body = section(text, "BODY", true) ?? "";
  // Without the footer a truncated page would look like the last page.
  const footerText = section(text, "FOOTER", true) ?? "";
  const { columns, rows } = readCsv(body);
  const footer = readCsv(footerText).rows[0] ?? {};
  const nextUrl = footer["Next URL"]?.trim() || undefined;
  return {
    statusMessage: footer["Status Message"]?.trim() || undefined,
    columns,
    rows,
    warnings: [],
    nextUrl,
    nextIdMin: footer["Next ID"]?.trim() || undefined,
  };
}

// CSV column → the XML element the same value has in HOST_LIST_VM_DETECTION_OUTPUT.
const HOST_COLUMNS: Record<string, string> = {
  "Host ID": "ID",
  "IP Address": "IP",
  "Tracking Method": "TRACKING_METHOD",
  "Operating System": "OS",
  "DNS Name": "DNS",
  "Netbios Name": "NETBIOS",
  "QG HostID": "QG_HOSTID",
  "Last Scan Datetime": "LAST_SCAN_DATETIME",
  "OS CPE": "OS_CPE",
  "Last VM Scanned Date": "LAST_VM_SCANNED_DATE",
  "Last VM Scanned Duration": "LAST_VM_SCANNED_DURATION",
  "Last VM Auth Scanned Date": "LAST_VM_AUTH_SCANNED_DATE",
  "Last VM Auth Scanned Duration": "LAST_VM_AUTH_SCANNED_DURATION",
  "Last PC Scanned Date": "LAST_PC_SCANNED_DATE",
};

const DETECTION_COLUMNS: Record<string, string> = {
  QID: "QID",
  Type: "TYPE",
  Port: "PORT",
  Protocol: "PROTOCOL",
  FQDN: "FQDN",
  SSL: "SSL",
  Instance: "INSTANCE",
  Status: "STATUS",
  Severity: "SEVERITY",
  "First Found Datetime": "FIRST_FOUND_DATETIME",
  "Last Found Datetime": "LAST_FOUND_DATETIME",
  "Last Test Datetime": "LAST_TEST_DATETIME",
  "Last Update Datetime": "LAST_UPDATE_DATETIME",
  "Last Fixed Datetime": "LAST_FIXED_DATETIME",
  Results: "RESULTS",
  Ignored: "IS_IGNORED",
  Disabled: "IS_DISABLED",
  "Times Found": "TIMES_FOUND",
  Service: "SERVICE",
  "Last Processed Datetime": "LAST_PROCESSED_DATETIME",
};

function pick(
  row: Record<string, string>,
  columns: Record<string, string>,
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const [column, element] of Object.entries(columns)) {
    if (row[column] !== undefined) picked[element] = row[column];
  }
  return picked;
}

export type DetectionCsvPage = Truncation & {
  statusMessage?: string;
  hosts: VmDetectionHost[];
  rejected: RejectedRecord[];
};

/**
 * Groups the flat rows back into hosts with detections, validated by the same
 * schemas as the XML output so both formats yield identical records.
 */
export function parseDetectionCsvPage(text: string): DetectionCsvPage {
  const envelope = parseDetectionCsvEnvelope(text);
  const hostsById = new Map<
    string,
    Record<string, unknown> & { DETECTION_LIST: { DETECTION: unknown[] } }
  >();
  for (const row of envelope.rows) {
    const hostId = row["Host ID"] ?? "";
    let host = hostsById.get(hostId);
    if (!host) {
      host = { ...pick(row, HOST_COLUMNS), DETECTION_LIST: { DETECTION: [] } };
      hostsById.set(hostId, host);
    }
    if (row.QID?.trim()) host.DETECTION_LIST.DETECTION.push(pick(row, DETECTION_COLUMNS));
  }
  const rejected: RejectedRecord[] = [];
  const hosts = readDetectionHosts([...hostsById.values()], rejected);
  return {
    statusMessage: envelope.statusMessage,
    hosts,
    rejected,
    warnings: envelope.warnings,
    nextUrl: envelope.nextUrl,
    nextIdMin: envelope.nextIdMin,
  };
}
