import { Readable } from "node:stream";
import { parse, type CsvError, type Info, type InfoRecord, type Options } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
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

// ------------------------------------------------------------------ line index

/**
 * Maps byte offsets reported by the parser to physical line numbers. csv-parse
 * counts a CRLF inside a quoted cell as two lines, so its own line numbers
 * drift on Windows exports with multi-line cells; counting LF bytes does not.
 * Chunks are dropped once scanned, so memory stays bounded by the stream
 * buffers.
 */
class LineIndex {
  private chunks: { bytes: Buffer; start: number }[] = [];
  private appended = 0;
  private scanned = 0;
  private newlines = 0;
  private lastByte = -1;

  append(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.chunks.push({ bytes, start: this.appended });
    this.appended += bytes.length;
  }

  get total(): number {
    return this.appended;
  }

  /** Line of the last character before `offset` (offsets must not go backwards). */
  lineEndingAt(offset: number): number {
    while (this.scanned < offset && this.chunks.length > 0) {
      const chunk = this.chunks[0];
      const from = this.scanned - chunk.start;
      const to = Math.min(chunk.bytes.length, offset - chunk.start);
      let at = chunk.bytes.indexOf(0x0a, from);
      while (at !== -1 && at < to) {
        this.newlines++;
        at = chunk.bytes.indexOf(0x0a, at + 1);
      }
      this.lastByte = chunk.bytes[to - 1];
      this.scanned = chunk.start + to;
      if (to === chunk.bytes.length) this.chunks.shift();
    }
    // A record that ends with its line feed sits on the line the LF closes.
    return this.lastByte === 0x0a ? this.newlines : this.newlines + 1;
  }
}

// ------------------------------------------------------------------ reader

type Parsed =
  { kind: "row"; row: CsvRow; bytes: number } | { kind: "error"; error: CsvIssue; bytes: number };

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

function isBlank(record: string[]): boolean {
  for (const cell of record) if (cell.trim() !== "") return false;
  return true;
}

function countNewlines(record: string[]): number {
  let count = 0;
  for (const cell of record) {
    let at = cell.indexOf("\n");
    while (at !== -1) {
      count++;
      at = cell.indexOf("\n", at + 1);
    }
  }
  return count;
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

  const lines = new LineIndex();
  async function* body() {
    let finished = false;
    try {
      for (const chunk of head) {
        lines.append(chunk);
        yield chunk;
      }
      head.length = 0;
      if (!exhausted) {
        for (;;) {
          const next = await iterator.next();
          if (next.done) break;
          const chunk = toBuffer(next.value);
          lines.append(chunk);
          yield chunk;
        }
      }
      finished = true;
    } finally {
      if (!finished) await closeSource();
    }
  }

  let header: string[] | null = null;
  let lastEndLine = 0;
  let stopped = false;
  const skipped: CsvIssue[] = [];

  const onRecord = (record: string[], info: InfoRecord): Parsed | null => {
    const endLine = lines.lineEndingAt(info.bytes);
    const line = endLine - countNewlines(record);
    lastEndLine = endLine;
    if (stopped || line <= preambleLines) return null;
    if (endMarker !== undefined && record[0]?.startsWith(endMarker)) {
      stopped = true;
      return null;
    }
    if (isBlank(record)) return null;
    if (header === null) {
      header = headerNames(record);
      return null;
    }
    let cells = record;
    if (cells.length > header.length && isBlank(cells.slice(header.length))) {
      // Trailing empty cells (a comma at the end of data lines) carry nothing.
      cells = cells.slice(0, header.length);
    }
    if (cells.length !== header.length) {
      return {
        kind: "error",
        bytes: info.bytes,
        error: {
          line,
          reason: `expected ${header.length} columns as in the header but found ${cells.length}`,
          code: "column-count",
        },
      };
    }
    const values: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) values[header[i]] = cells[i];
    return { kind: "row", bytes: info.bytes, row: { line, values } };
  };

  const parserOptions: Options = {
    bom: true,
    delimiter: settings.delimiter,
    // Both, so a file whose header ends in CRLF but whose rows end in LF (a
    // concatenation of exports) does not become a single giant record.
    record_delimiter: ["\r\n", "\n"],
    relax_column_count: true,
    // Scanner text is full of stray quotes (5" disk, O"Brien); reading them
    // literally loses less than rejecting the row.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: settings.maxRecordChars,
    on_skip: (error: CsvError | undefined) => {
      if (stopped || header === null) return;
      const message = error?.message ?? "unreadable record";
      // The failing record started after the last good one; blank lines in
      // between would make this line number early, which is rare enough.
      skipped.push({
        line: lastEndLine + 1,
        reason: `Malformed CSV: ${message}`,
        code: "malformed",
      });
      return undefined;
    },
    // The record hook runs in parse order, where byte offsets are exact.
    on_record: onRecord as unknown as Options["on_record"],
  };
  const parser = parse(parserOptions);

  const input = Readable.from(body(), { objectMode: false });
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);

  let rows: CsvRow[] = [];
  let errors: CsvIssue[] = [];
  let rowsRead = 0;
  let bytesRead = 0;
  const batch = (done: boolean, notices: string[] = []): CsvBatch => {
    // Records the parser had to skip are reported with the next batch.
    const malformed = skipped.splice(0);
    rowsRead += malformed.length;
    const out: CsvBatch = {
      header: header ?? [],
      rows,
      errors: malformed.length > 0 ? [...errors, ...malformed] : errors,
      bytesRead,
      rowsRead,
      done,
      notices,
    };
    rows = [];
    errors = [];
    return out;
  };

  try {
    for await (const item of parser as AsyncIterable<Parsed>) {
      bytesRead = item.bytes;
      rowsRead++;
      if (item.kind === "row") rows.push(item.row);
      else errors.push(item.error);
      if (rows.length + errors.length >= settings.batchSize) yield batch(false);
      else if (rowsRead % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    input.destroy();
  }

  bytesRead = lines.total;
  if (header === null) {
    const reason =
      preambleLines === 0
        ? "The file has no header line: it holds only blank lines."
        : `The file has no header line after the ${preambleLines} preamble line(s).`;
    yield fatalBatch(reason, "no-header", bytesRead);
    return;
  }
  const notices =
    rowsRead + skipped.length === 0 ? ["The file has a header but no data rows."] : [];
  yield batch(true, notices);
}
