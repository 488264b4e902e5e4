import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { setImmediate as nextTurn } from "node:timers/promises";
import { type Info } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { CsvRecordParser } from "./csv-parser";
import { z } from "zod";

export const csvReaderOptionsSchema = z.strictObject({
  /** Physical lines before the header (Qualys VMDR datalists have 3), or "auto" to detect them. */
  preambleLines: z.union([z.number().int().min(0).max(10_000), z.literal("auto")]).default(0),
  delimiter: z.string().length(1).default(","),
  /** Rows plus row errors per yielded batch. */
  batchSize: z.number().int().min(1).max(100_000).default(1000),
  /** A first cell starting with this text ends the data (API envelopes put a footer after it). */
  endMarker: z.string().min(1).optional(),
  /** Longest record accepted, in characters; stops an unclosed quote from swallowing the file into memory. */
  maxRecordChars: z
    .number()
    .int()
    .positive()
    .default(8 * 1024 * 1024),
  /** Bytes read up front to recognise binary files and the preamble. */
  sniffBytes: z
    .number()
    .int()
    .min(512)
    .default(64 * 1024),
});

export type CsvReaderOptions = z.input<typeof csvReaderOptionsSchema>;

export interface CsvRow {
  /** Physical line (1-based) on which the record starts. */
  line: number;
  values: Record<string, string>;
}

export type CsvIssueCode =
  "column-count" | "malformed" | "binary-file" | "empty-file" | "no-header";

export interface CsvIssue {
  /** Physical line where the record starts; 0 for a problem with the file as a whole. */
  line: number;
  column?: string;
  reason: string;
  code: CsvIssueCode;
  /** Set when nothing of the file can be ingested. */
  fatal?: true;
}

export interface CsvBatch {
  header: readonly string[];
  rows: CsvRow[];
  errors: CsvIssue[];
  /** Bytes of the input consumed so far, for progress against the object size. */
  bytesRead: number;
  /** Data rows read so far (good rows plus row errors). */
  rowsRead: number;
  /** True on the last batch, which may carry no rows. */
  done: boolean;
  /** Facts about the file worth showing that are not errors, e.g. "header but no data rows". */
  notices: string[];
}

// ------------------------------------------------------------------ sniffing

/** Explains why a file's first bytes cannot be CSV text, or returns null. */
export function describeBinary(sample: Uint8Array): string | null {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => sample[i] === byte);
  if (starts(0x1f, 0x8b))
    return "The file is gzip-compressed, not CSV text; decompress it before importing.";
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    return "The file is a ZIP archive (an Excel .xlsx workbook is one), not CSV text; save it as CSV.";
  }
  if (starts(0x25, 0x50, 0x44, 0x46)) return "The file is a PDF document, not CSV text.";
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) {
    return "The file is UTF-16 encoded; save it as UTF-8 CSV.";
  }
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return "The file contains binary data (NUL bytes), not CSV text.";
    // Tab, line feed, form feed and carriage return are normal in text.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.01) {
    return "The file contains binary data (control characters), not CSV text.";
  }
  return null;
}

// ------------------------------------------------------------------ preamble

export type CsvLayout = "qualys-vmdr-datalist" | "qualys-api-csv" | "plain";

export interface PreambleDetection {
  layout: CsvLayout;
  /** Physical lines before the header. */
  preambleLines: number;
  /** 1-based line of the header. */
  headerLine: number;
  /** Pass to readCsv when the data is followed by a footer. */
  endMarker?: string;
  /** UTC offset of the report's own timestamp ("-05:00"), a hint for date transforms. */
  reportTimeZone?: string;
}

const apiBodyStart = "----BEGIN_RESPONSE_BODY_CSV";
const apiBodyEnd = "----END_RESPONSE_BODY_CSV";

/**
 * Finds the header line in the first part of a file. Qualys VMDR datalist
 * exports open with three metadata lines (title and date, company, user) and
 * Qualys API CSV wraps the data in marker lines; other files are taken to have
 * the header as the first record with the widest row of non-empty names.
 */
export function detectPreamble(sample: string): PreambleDetection {
  const text = sample.replace(/^\uFEFF/, "");
  // Only whole lines: the sample may end in the middle of a record.
  const cut = text.lastIndexOf("\n");
  const complete = cut === -1 ? text : text.slice(0, cut + 1);
  const lines = complete.split(/\r?\n/);

  const bodyAt = lines.findIndex((line) => line.trim() === apiBodyStart);
  if (bodyAt !== -1) {
    return {
      layout: "qualys-api-csv",
      preambleLines: bodyAt + 1,
      headerLine: bodyAt + 2,
      endMarker: apiBodyEnd,
    };
  }

  let records: { record: string[]; info: Info }[] = [];
  try {
    records = parseSync(complete, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      to: 50,
    }) as unknown as { record: string[]; info: Info }[];
  } catch {
    return { layout: "plain", preambleLines: 0, headerLine: 1 };
  }
  if (records.length === 0) return { layout: "plain", preambleLines: 0, headerLine: 1 };

  const first = records[0].record;
  const isDatalist = /asset vuln datalist report/i.test(first[0] ?? "");
  const named = (record: string[]) =>
    record.length > 1 && record.every((cell) => cell.trim() !== "");
  const widest = Math.max(...records.filter((r) => named(r.record)).map((r) => r.record.length), 0);
  // A datalist header names the QID (QID layout) or the CVE (CVE layout) in
  // its first columns; elsewhere the header is the first full-width record of
  // names, since metadata lines above it are shorter.
  const header =
    (isDatalist
      ? records
          .slice(1)
          .find((r) => r.record.slice(0, 5).some((cell) => /^(QID|CVE)$/i.test(cell.trim())))
      : undefined) ??
    records.find((r) => named(r.record) && r.record.length === widest) ??
    records[0];
  const newlinesInside = header.record.reduce(
    (sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0),
    0,
  );
  const headerLine = header.info.lines - newlinesInside;

  const detection: PreambleDetection = {
    layout: isDatalist ? "qualys-vmdr-datalist" : "plain",
    preambleLines: headerLine - 1,
    headerLine,
  };
  const offset = isDatalist ? /GMT\s*([+-])(\d{2}):?(\d{2})/.exec(first[1] ?? "") : null;
  if (offset) detection.reportTimeZone = `${offset[1]}${offset[2]}:${offset[3]}`;
  return detection;
}

// ------------------------------------------------------------------ reader

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError("readCsv expects a stream of bytes or strings");
}

function headerNames(record: string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((cell, i) => {
    const name = cell.trim() || `Column ${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    // A repeated name would make one column overwrite the other in the row.
    return count === 1 ? name : `${name} (${count})`;
  });
}

function isBlank(record: string[], from = 0): boolean {
  for (let i = from; i < record.length; i++) if (record[i].trim() !== "") return false;
  return true;
}

function fatalBatch(reason: string, code: CsvIssueCode, bytesRead: number): CsvBatch {
  return {
    header: [],
    rows: [],
    errors: [{ line: 0, reason, code, fatal: true }],
    bytesRead,
    rowsRead: 0,
    done: true,
    notices: [],
  };
}

/** Records handled between two turns of the event loop when no batch is yielded. */
const recordsPerTurn = 256;

/**
 * Bytes decoded into one string at a time. Cells are slices of that string and
 * keep all of it alive while any one of them is held, and a transform memo
 * keeps up to 1,024 cells per mapping from anywhere in the file: small pieces
 * keep what those pin to a few MB, at no measurable cost in speed.
 */
const textPieceBytes = 8 * 1024;

/**
 * An object with every column of the header, to copy for each row. V8 turns
 * an object that gains dozens of properties one at a time into a slow hash
 * table; copies of one object built whole by JSON.parse share a single fast
 * shape, which makes building the rows (and reading them later) several times
 * cheaper.
 */
function rowTemplate(header: readonly string[]): Record<string, string> {
  const empty = Object.fromEntries(header.map((name) => [name, ""]));
  return JSON.parse(JSON.stringify(empty)) as Record<string, string>;
}

/**
 * Reads a CSV stream in batches without holding the file in memory. Bad rows
 * (wrong column count, broken quoting) become row errors with their line
 * number and the rest of the file still comes through; a file that is not CSV
 * at all ends with one fatal error. Breaking out of the loop destroys the
 * source.
 */
export async function* readCsv(
  source: Readable | AsyncIterable<Buffer | Uint8Array | string>,
  options: CsvReaderOptions = {},
): AsyncGenerator<CsvBatch, void, undefined> {
  const settings = csvReaderOptionsSchema.parse(options);
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<unknown>;
  const closeSource = async () => {
    if (source instanceof Readable) source.destroy();
    else await iterator.return?.();
  };

  // Look at the first bytes before parsing: a binary file would otherwise
  // produce thousands of nonsense row errors.
  const head: Buffer[] = [];
  let headBytes = 0;
  let exhausted = false;
  while (headBytes < settings.sniffBytes) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    headBytes += chunk.length;
  }
  const sample = Buffer.concat(head);
  const binary = describeBinary(sample);
  if (binary) {
    await closeSource();
    yield fatalBatch(binary, "binary-file", headBytes);
    return;
  }
  const sampleText = sample.toString("utf8");
  if (exhausted && sampleText.replace(/^\uFEFF/, "").trim() === "") {
    yield fatalBatch("The file is empty: there is no header line.", "empty-file", headBytes);
    return;
  }

  let preambleLines: number;
  let endMarker = settings.endMarker;
  if (settings.preambleLines === "auto") {
    const detected = detectPreamble(exhausted ? `${sampleText}\n` : sampleText);
    preambleLines = detected.preambleLines;
    endMarker ??= detected.endMarker;
  } else {
    preambleLines = settings.preambleLines;
  }

  const parser = new CsvRecordParser({
    delimiter: settings.delimiter,
    maxRecordChars: settings.maxRecordChars,
  });
  // Decodes across chunk boundaries: a character split between two chunks
  // comes out whole with the second.
  const decoder = new StringDecoder("utf8");
  let atStart = true;
  let current: Buffer = Buffer.alloc(0);
  let offset = 0;
  let headAt = 0;
  /** The head first, then the rest of the source, in pieces of at most `textPieceBytes`. */
  const nextPiece = async (): Promise<Buffer | undefined> => {
    while (offset >= current.length) {
      if (headAt < head.length) {
        current = head[headAt++];
        if (headAt === head.length) head.length = 0;
      } else if (exhausted) {
        return undefined;
      } else {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          return undefined;
        }
        current = toBuffer(next.value);
      }
      offset = 0;
    }
    const piece = current.subarray(offset, offset + textPieceBytes);
    offset += piece.length;
    return piece;
  };

  let header: string[] | null = null;
  let template: Record<string, string> = {};
  let stopped = false;
  let rows: CsvRow[] = [];
  let errors: CsvIssue[] = [];
  let rowsRead = 0;
  let bytesRead = 0;
  let sinceTurn = 0;
  const batch = (done: boolean, notices: string[] = []): CsvBatch => {
    const out: CsvBatch = {
      header: header ?? [],
      rows,
      errors,
      bytesRead,
      rowsRead,
      done,
      notices,
    };
    rows = [];
    errors = [];
    return out;
  };

  let finished = false;
  try {
    for (;;) {
      const piece = await nextPiece();
      if (piece) {
        bytesRead += piece.length;
        // Past the end marker only the byte count matters.
        if (stopped) continue;
        let text = decoder.write(piece);
        if (atStart && text.length > 0) {
          atStart = false;
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        parser.push(text);
      } else {
        parser.push(decoder.end());
        parser.end();
      }

      for (let record = parser.next(); record !== null && !stopped; record = parser.next()) {
        const { line } = record;
        if (line <= preambleLines) continue;
        if (record.kind === "malformed") {
          // Before the header there is no row to lose.
          if (header === null) continue;
          errors.push({ line, reason: `Malformed CSV: ${record.reason}`, code: "malformed" });
          rowsRead++;
        } else {
          const cells = record.cells;
          if (endMarker !== undefined && cells[0].startsWith(endMarker)) {
            stopped = true;
            break;
          }
          if (isBlank(cells)) continue;
          if (header === null) {
            header = headerNames(cells);
            template = rowTemplate(header);
            continue;
          }
          rowsRead++;
          const width = header.length;
          // Trailing empty cells (a comma at the end of data lines) carry nothing.
          if (cells.length > width && isBlank(cells, width)) cells.length = width;
          if (cells.length !== width) {
            errors.push({
              line,
              reason: `expected ${width} columns as in the header but found ${cells.length}`,
              code: "column-count",
            });
          } else {
            const values = { ...template };
            for (let i = 0; i < width; i++) values[header[i]] = cells[i];
            rows.push({ line, values });
          }
        }
        if (rows.length + errors.length >= settings.batchSize) {
          sinceTurn = 0;
          yield batch(false);
        } else if (++sinceTurn >= recordsPerTurn) {
          // A large buffered chunk must not keep other I/O (the database's
          // answers to the previous batch) waiting until it is all parsed.
          sinceTurn = 0;
          await nextTurn();
        }
      }
      if (!piece) break;
    }
    finished = true;
  } finally {
    if (!finished) await closeSource();
  }

  if (header === null) {
    const reason =
      preambleLines === 0
        ? "The file has no header line: it holds only blank lines."
        : `The file has no header line after the ${preambleLines} preamble line(s).`;
    yield fatalBatch(reason, "no-header", bytesRead);
    return;
  }
  const notices = rowsRead === 0 ? ["The file has a header but no data rows."] : [];
  yield batch(true, notices);
}
