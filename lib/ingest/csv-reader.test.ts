import { Readable } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectPreamble, readCsv, type CsvBatch, type CsvReaderOptions } from "./csv-reader";

/** A stream that hands the input over in chunks of `size` bytes, to cross every boundary. */
function streamOf(input: string | Buffer, size = 64 * 1024): Readable {
  const bytes = typeof input === "string" ? Buffer.from(input, "utf8") : input;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/**
 * Heap that is still reachable: a collection first, so garbage the collector
 * has not got to yet (more of it on a busy machine) is not counted.
 */
function liveHeap() {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

async function readAll(input: string | Buffer, options: CsvReaderOptions = {}, chunkSize?: number) {
  return readSource(streamOf(input, chunkSize), options);
}

async function readSource(source: Readable, options: CsvReaderOptions = {}) {
  const batches: CsvBatch[] = [];
  for await (const batch of readCsv(source, options)) batches.push(batch);
  const last = batches[batches.length - 1];
  return {
    batches,
    header: last.header,
    rows: batches.flatMap((b) => b.rows),
    errors: batches.flatMap((b) => b.errors),
    notices: last.notices,
    bytesRead: last.bytesRead,
    rowsRead: last.rowsRead,
  };
}

const lineValues = (rows: { line: number; values: Record<string, string> }[]) =>
  rows.map((row) => [row.line, row.values]);

describe("readCsv", () => {
  it("reads a plain file with its header", async () => {
    const result = await readAll("QID,Title\n1,First\n2,Second\n");
    expect(result.header).toEqual(["QID", "Title"]);
    expect(lineValues(result.rows)).toEqual([
      [2, { QID: "1", Title: "First" }],
      [3, { QID: "2", Title: "Second" }],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.rowsRead).toBe(2);
  });

  const layouts: [string, string, number[]][] = [
    ["a byte-order mark", "\uFEFFQID,Title\n1,a\n", [2]],
    ["CRLF line ends", "QID,Title\r\n1,a\r\n2,b\r\n", [2, 3]],
    ["no final line end", "QID,Title\n1,a\n2,b", [2, 3]],
    ["blank lines between rows", "QID,Title\n\n1,a\n\n\n2,b\n\n", [3, 6]],
    ["whitespace-only and comma-only lines", "QID,Title\n   \n1,a\n,\n2,b\n", [3, 5]],
    ["a multi-line quoted cell", 'QID,Title\n1,"one\ntwo\nthree"\n2,b\n', [2, 5]],
    [
      "a multi-line quoted cell with CRLF",
      'QID,Title\r\n1,"one\r\ntwo\r\nthree"\r\n2,b\r\n',
      [2, 5],
    ],
    ["escaped quotes", 'QID,Title\n1,"say ""hi"", then go"\n', [2]],
    ["stray quotes inside a cell", 'QID,Title\n1,5" disk\n2,b\n', [2, 3]],
    ["a trailing comma on data lines", "QID,Title\n1,a,\n2,b,,\n", [2, 3]],
  ];
  it.each(layouts)("handles %s", async (_name, input, lines) => {
    for (const chunkSize of [1, 3, 64 * 1024]) {
      const result = await readAll(input, {}, chunkSize);
      expect(result.errors).toEqual([]);
      expect(result.header).toEqual(["QID", "Title"]);
      expect(result.rows.map((row) => row.line)).toEqual(lines);
    }
  });

  it("keeps quoted line breaks and quotes inside values", async () => {
    const { rows } = await readAll('QID,Title\r\n1,"one\r\ntwo"\n2,"say ""hi"""\n3,5" disk\n');
    expect(rows.map((row) => row.values.Title)).toEqual(["one\r\ntwo", 'say "hi"', '5" disk']);
  });

  it("turns a row with the wrong column count into an error on its line while good rows land", async () => {
    const input = [
      "a,b,c",
      "1,2,3",
      '4,"multi',
      'line",6',
      "7,8",
      "9,10,11,12",
      "",
      "13,14,15",
    ].join("\n");
    const result = await readAll(input, { batchSize: 2 });
    expect(result.rows.map((row) => [row.line, row.values.a])).toEqual([
      [2, "1"],
      [3, "4"],
      [8, "13"],
    ]);
    expect(result.errors).toEqual([
      { line: 5, reason: "expected 3 columns as in the header but found 2", code: "column-count" },
      { line: 6, reason: "expected 3 columns as in the header but found 4", code: "column-count" },
    ]);
    expect(result.rowsRead).toBe(5);
  });

  it("gives the same rows and lines wherever the chunks are cut", async () => {
    // Cuts fall inside "" escapes, between \r and \n, inside multi-byte
    // characters and inside quoted line breaks.
    const sample =
      "\uFEFFQID,Title,Note\r\n" +
      '1,"say ""hi""","one\r\ntwo"\r\n' +
      '2,"é日本🙂",5" disk\n' +
      "\n" +
      '3,"multi\nline\n",O"Brien\r\n' +
      '4,"a,b",x\n';
    const expected = [
      [2, { QID: "1", Title: 'say "hi"', Note: "one\r\ntwo" }],
      [4, { QID: "2", Title: "é日本🙂", Note: '5" disk' }],
      [6, { QID: "3", Title: "multi\nline\n", Note: 'O"Brien' }],
      [9, { QID: "4", Title: "a,b", Note: "x" }],
    ];
    const bytes = Buffer.from(sample);
    const whole = await readSource(Readable.from([bytes]));
    expect(whole.header).toEqual(["QID", "Title", "Note"]);
    expect(lineValues(whole.rows)).toEqual(expected);
    expect(whole.bytesRead).toBe(bytes.length);
    for (let cut = 1; cut < bytes.length; cut++) {
      const result = await readSource(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]));
      expect(result.errors).toEqual([]);
      expect(lineValues(result.rows)).toEqual(expected);
    }
    const byteByByte = await readAll(bytes, {}, 1);
    expect(lineValues(byteByByte.rows)).toEqual(expected);
  });

  it("skips an overlong record as one malformed row and reads on after it", async () => {
    const input = `a,b\n1,2\n3,"${"long text\n".repeat(20)}"\n4,5\n6,${"x".repeat(300)}\n7,8\n`;
    for (const chunkSize of [7, 64 * 1024]) {
      const result = await readAll(input, { maxRecordChars: 100, batchSize: 2 }, chunkSize);
      expect(lineValues(result.rows)).toEqual([
        [2, { a: "1", b: "2" }],
        [24, { a: "4", b: "5" }],
        [26, { a: "7", b: "8" }],
      ]);
      expect(result.errors.map((e) => [e.line, e.code])).toEqual([
        [3, "malformed"],
        [25, "malformed"],
      ]);
      expect(result.errors[0].reason).toMatch(/^Malformed CSV: record too long/);
      expect(result.rowsRead).toBe(5);
    }
  });

  it("keeps memory flat through a runaway quoted cell", async () => {
    const filler = Buffer.from(`${"x".repeat(64 * 1024 - 1)}\n`);
    const pieces = 1500; // about 100 MB inside one quoted cell
    const baseline = liveHeap();
    let peak = 0;
    async function* runaway() {
      yield Buffer.from('a,b\n1,2\n3,"');
      for (let i = 0; i < pieces; i++) {
        if (i % 100 === 99) peak = Math.max(peak, liveHeap() - baseline);
        yield filler;
      }
      yield Buffer.from('"\n4,5\n');
    }
    const result = await readSource(Readable.from(runaway()), { maxRecordChars: 1024 * 1024 });
    expect(lineValues(result.rows)).toEqual([
      [2, { a: "1", b: "2" }],
      [4 + pieces, { a: "4", b: "5" }],
    ]);
    expect(result.errors).toMatchObject([{ line: 3, code: "malformed" }]);
    // Holding the cell would take 100 MB of heap.
    expect(peak).toBeLessThan(40e6);
  });

  it("reports an unclosed quote as one malformed record after the last good row", async () => {
    const result = await readAll('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(result.rows.map((row) => row.values.a)).toEqual(["1"]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 3, code: "malformed" });
    expect(result.errors[0].reason).toMatch(/^Malformed CSV: quote not closed/);
  });

  it("caps a runaway record instead of holding it in memory", async () => {
    const runaway = `a,b\n1,2\n3,"${"x".repeat(5000)}\n`;
    const result = await readAll(runaway, { maxRecordChars: 1000 });
    expect(result.rows.map((row) => row.values.a)).toEqual(["1"]);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((e) => e.code === "malformed")).toBe(true);
  });

  it("skips a fixed number of preamble lines before the header", async () => {
    const input =
      '"Report","today","1"\n"Company","Street"\n"User","login","role"\nQID,Title\n1,a\n';
    const result = await readAll(input, { preambleLines: 3 });
    expect(result.header).toEqual(["QID", "Title"]);
    expect(lineValues(result.rows)).toEqual([[5, { QID: "1", Title: "a" }]]);
  });

  it("detects the preamble itself when asked to", async () => {
    const withPreamble =
      '"Asset Vuln Datalist Report","04 Feb 2026 10:00AM GMT-0500","1"\n"Co","St","City"\n"User","login","role"\n"QID","Title","Severity"\n"1","a","5"\n';
    const withPreambleResult = await readAll(withPreamble, { preambleLines: "auto" });
    expect(withPreambleResult.header).toEqual(["QID", "Title", "Severity"]);
    expect(withPreambleResult.rows.map((row) => row.line)).toEqual([5]);
    const plain = await readAll('"QID","Title","Severity"\n"1","a","5"\n', {
      preambleLines: "auto",
    });
    expect(plain.rows.map((row) => row.line)).toEqual([2]);
  });

  it("stops at an end marker so an API footer is not read as rows", async () => {
    const input =
      '----BEGIN_RESPONSE_BODY_CSV\nQID,Port\n1,80\n----END_RESPONSE_BODY_CSV\n----BEGIN_RESPONSE_FOOTER_CSV\n"Status Message"\n"Finished"\n';
    const result = await readAll(input, { preambleLines: "auto" });
    expect(result.errors).toEqual([]);
    expect(lineValues(result.rows)).toEqual([[3, { QID: "1", Port: "80" }]]);
  });

  it("renames repeated and blank header names so no column is lost", async () => {
    const result = await readAll("IP,IP,,Title\n1,2,3,4\n");
    expect(result.header).toEqual(["IP", "IP (2)", "Column 3", "Title"]);
    expect(result.rows[0].values).toEqual({ IP: "1", "IP (2)": "2", "Column 3": "3", Title: "4" });
  });

  it("keeps columns named like object properties", async () => {
    const { rows } = await readAll("__proto__,constructor,toString\n1,2,3\n");
    expect(Object.entries(rows[0].values)).toEqual([
      ["__proto__", "1"],
      ["constructor", "2"],
      ["toString", "3"],
    ]);
    expect(Object.getPrototypeOf(rows[0].values)).toBe(Object.prototype);
  });

  it("reads another delimiter", async () => {
    const result = await readAll("QID;Title\n1;a, b\n", { delimiter: ";" });
    expect(result.rows[0].values).toEqual({ QID: "1", Title: "a, b" });
  });

  it("reports a header-only file as a notice, not an error", async () => {
    const result = await readAll("QID,Title\n\n\n");
    expect(result.header).toEqual(["QID", "Title"]);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.notices).toEqual(["The file has a header but no data rows."]);
    expect(result.batches).toHaveLength(1);
    expect(result.batches[0].done).toBe(true);
  });

  const fatal: [string, string | Buffer, CsvReaderOptions, string, string][] = [
    ["an empty file", "", {}, "empty-file", "The file is empty: there is no header line."],
    [
      "a file of blank lines",
      "\n\r\n  \n",
      {},
      "empty-file",
      "The file is empty: there is no header line.",
    ],
    ["a BOM alone", "\uFEFF", {}, "empty-file", "The file is empty: there is no header line."],
    [
      "only preamble lines",
      "a\nb\nc\n",
      { preambleLines: 3 },
      "no-header",
      "The file has no header line after the 3 preamble line(s).",
    ],
    [
      "a gzip file",
      gzipSync("QID\n1\n"),
      {},
      "binary-file",
      "The file is gzip-compressed, not CSV text; decompress it before importing.",
    ],
    [
      "an xlsx workbook",
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
      {},
      "binary-file",
      "The file is a ZIP archive (an Excel .xlsx workbook is one), not CSV text; save it as CSV.",
    ],
    [
      "a UTF-16 export",
      Buffer.from("\uFEFFQID,Title\n", "utf16le"),
      {},
      "binary-file",
      "The file is UTF-16 encoded; save it as UTF-8 CSV.",
    ],
    [
      "random bytes",
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      {},
      "binary-file",
      "The file contains binary data (NUL bytes), not CSV text.",
    ],
    [
      "control characters",
      Buffer.from("QID\x01\x02\x03\x04,T\x05\n1,2\n"),
      {},
      "binary-file",
      "The file contains binary data (control characters), not CSV text.",
    ],
  ];
  it.each(fatal)("ends %s with one fatal error", async (_name, input, options, code, reason) => {
    const result = await readAll(input, options);
    expect(result.batches).toHaveLength(1);
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ line: 0, reason, code, fatal: true }]);
    expect(result.batches[0].done).toBe(true);
  });

  it("stops reading a binary file after the first bytes", async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled++;
        yield Buffer.alloc(16 * 1024);
      }
    }
    const batches: CsvBatch[] = [];
    for await (const batch of readCsv(endless())) batches.push(batch);
    expect(batches[0].errors[0].code).toBe("binary-file");
    expect(pulled).toBeLessThanOrEqual(5);
  });

  it("yields batches with growing byte counts that end at the file size", async () => {
    const body = Array.from({ length: 250 }, (_, i) => `${i},name ${i}`).join("\n");
    const input = `id,name\n${body}\n`;
    const { batches } = await readAll(input, { batchSize: 100 }, 512);
    expect(batches.map((b) => b.rows.length)).toEqual([100, 100, 50]);
    expect(batches.map((b) => b.rowsRead)).toEqual([100, 200, 250]);
    expect(batches.map((b) => b.done)).toEqual([false, false, true]);
    const bytes = batches.map((b) => b.bytesRead);
    expect([...bytes].sort((a, b) => a - b)).toEqual(bytes);
    expect(bytes[bytes.length - 1]).toBe(Buffer.byteLength(input));
  });

  it("lets other I/O run while it parses a large buffered input", async () => {
    // A pipeline reads the next batch while the last one is in the database:
    // the database's answers must not wait until a whole batch is parsed.
    // Enough rows that reading them takes well over the 5 ms the ticks need.
    const input = `id,name\n${Array.from({ length: 50_000 }, (_, i) => `${i},n${i}`).join("\n")}\n`;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      for await (const batch of readCsv(Readable.from([Buffer.from(input)]), { batchSize: 50_000 }))
        expect(batch.rows.length).toBeGreaterThanOrEqual(0);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
  });

  it("destroys the source when the caller stops early", async () => {
    const source = streamOf(`id\n${"1\n".repeat(10_000)}`, 256);
    for await (const batch of readCsv(source, { batchSize: 10 })) {
      expect(batch.rows).toHaveLength(10);
      break;
    }
    expect(source.destroyed).toBe(true);
  });

  it("passes a source error to the caller", async () => {
    async function* failing() {
      yield Buffer.from("id\n1\n");
      throw new Error("connection reset");
    }
    const read = async () => {
      for await (const batch of readCsv(failing(), { sniffBytes: 512 })) void batch;
    };
    await expect(read()).rejects.toThrow("connection reset");
  });

  it("reads back any table it is given, with the line each record starts on", async () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom("a,b", 'say "x"', "one\ntwo", "one\r\ntwo", "  ", "é日本"),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.record({
            width: fc.constant(width),
            rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
              maxLength: 12,
            }),
            crlf: fc.boolean(),
            chunk: fc.integer({ min: 1, max: 40 }),
          }),
        ),
        async ({ width, rows, crlf, chunk }) => {
          const eol = crlf ? "\r\n" : "\n";
          const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
          const header = Array.from({ length: width }, (_, i) => `h${i}`);
          // Rows whose cells are all blank are skipped by design, so leave them out.
          const kept = rows.filter((row) => row.some((value) => value.trim() !== ""));
          let line = 2;
          const expected = kept.map((row) => {
            const at = line;
            line += 1 + row.reduce((n, value) => n + (value.match(/\n/g)?.length ?? 0), 0);
            return [at, Object.fromEntries(row.map((value, i) => [header[i], value]))];
          });
          const text =
            [header.join(","), ...kept.map((row) => row.map(quote).join(","))].join(eol) + eol;
          const result = await readAll(text, {}, chunk);
          expect(result.errors).toEqual([]);
          expect(lineValues(result.rows)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("streams 200k rows with flat memory", async () => {
    const total = 200_000;
    const filler = "x".repeat(400);
    async function* generate() {
      yield Buffer.from("QID,IP,Title,Severity,Status,Threat,Last Detected\n");
      let lines: string[] = [];
      for (let i = 0; i < total; i++) {
        lines.push(
          `${100000 + (i % 9000)},10.${i % 250}.${i % 200}.${i % 100},"Title ${i}, with comma",${(i % 5) + 1},Active,"Threat ${filler}\nsecond line",05/13/2021 07:08:28`,
        );
        if (lines.length === 500) {
          yield Buffer.from(`${lines.join("\n")}\n`);
          lines = [];
        }
      }
      if (lines.length > 0) yield Buffer.from(`${lines.join("\n")}\n`);
    }

    const baseline = liveHeap();
    let peak = 0;
    let rows = 0;
    let lastLine = 0;
    let bytes = 0;
    let batches = 0;
    const started = performance.now();
    for await (const batch of readCsv(generate(), { batchSize: 2000 })) {
      rows += batch.rows.length;
      if (batch.rows.length > 0) lastLine = batch.rows[batch.rows.length - 1].line;
      bytes = batch.bytesRead;
      if (++batches % 10 === 0) peak = Math.max(peak, liveHeap() - baseline);
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `readCsv: ${total.toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s = ` +
        `${Math.round(total / seconds).toLocaleString("en-US")} rows/s; peak live heap growth ${(peak / 1e6).toFixed(1)} MB`,
    );
    expect(rows).toBe(total);
    // Each record spans two lines because of the quoted line break.
    expect(lastLine).toBe(1 + 2 * (total - 1) + 1);
    // Holding the rows would take several hundred MB; a streaming reader stays
    // far below the size of the input itself.
    expect(bytes).toBeGreaterThan(90e6);
    expect(peak).toBeLessThan(bytes);
  });
});

describe("detectPreamble", () => {
  const cases: [string, string, Partial<ReturnType<typeof detectPreamble>>][] = [
    ["a plain CSV", "QID,Title\n1,a\n", { layout: "plain", preambleLines: 0, headerLine: 1 }],
    [
      "a VMDR datalist with its metadata lines",
      '"Asset Vuln Datalist Report","04 Feb 2026 10:00AM GMT-0500","1"\n"Co","1 Street","Town","None","1","USA"\n"User","login","Scanner"\n"QID","Title","Severity","KB Severity","Type Detected","Last Detected","First Detected"\n',
      { layout: "qualys-vmdr-datalist", preambleLines: 3, headerLine: 4, reportTimeZone: "-05:00" },
    ],
    [
      "a VMDR datalist cut in the middle of a data row",
      '"Asset Vuln Datalist Report","04 Feb 2026 10:00AM GMT+0530","1"\n"Co","St"\n"User","login","Scanner"\n"QID","Title","Severity"\n"1","a","5"\n"2","b',
      { layout: "qualys-vmdr-datalist", preambleLines: 3, reportTimeZone: "+05:30" },
    ],
    [
      "a Qualys API CSV envelope",
      "----BEGIN_RESPONSE_HEADER_CSV\n----END_RESPONSE_HEADER_CSV\n----BEGIN_RESPONSE_BODY_CSV\nHost ID,IP Address\n1,10.0.0.1\n",
      {
        layout: "qualys-api-csv",
        preambleLines: 3,
        headerLine: 4,
        endMarker: "----END_RESPONSE_BODY_CSV",
      },
    ],
    [
      "a title line above the header",
      "Monthly export\n\nQID,Title,Port\n1,a,80\n",
      { layout: "plain", preambleLines: 2, headerLine: 3 },
    ],
    ["a BOM and CRLF", '\uFEFF"QID","Title"\r\n"1","a"\r\n', { preambleLines: 0 }],
    ["nothing", "", { preambleLines: 0, headerLine: 1 }],
  ];
  it.each(cases)("finds the header of %s", (_name, sample, expected) => {
    expect(detectPreamble(sample)).toMatchObject(expected);
  });
});
