import fc from "fast-check";
import { parse as parseSync } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CsvRecordParser, type CsvRecord } from "./csv-parser";

/** Feeds `pieces` one by one, taking every record as soon as it is whole. */
function readPieces(pieces: string[], delimiter = ",", maxRecordChars = 1 << 20): CsvRecord[] {
  const parser = new CsvRecordParser({ delimiter, maxRecordChars });
  const records: CsvRecord[] = [];
  const drain = () => {
    for (let record = parser.next(); record !== null; record = parser.next()) records.push(record);
  };
  for (const piece of pieces) {
    parser.push(piece);
    drain();
  }
  parser.end();
  drain();
  return records;
}

const summary = (records: CsvRecord[]) =>
  records.map((r) => (r.kind === "cells" ? [r.line, r.cells] : [r.line, r.reason.split(":")[0]]));

describe("CsvRecordParser", () => {
  const cases: [string, string, (string | number | string[])[][]][] = [
    [
      "plain records",
      "a,b\n1,2\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "CRLF and LF in one file, no final line end",
      "a,b\r\n1,2\n3,4",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
        [3, ["3", "4"]],
      ],
    ],
    ["a lone CR as data", "a\rb,c\r\n\r\n", [[1, ["a\rb", "c"]]]],
    ["a CR at the very end as data", "a,b\r", [[1, ["a", "b\r"]]]],
    [
      "empty lines skipped, counted",
      "\n\r\n\na\n\n\nb\n",
      [
        [4, ["a"]],
        [7, ["b"]],
      ],
    ],
    [
      "whitespace-only records kept for the reader",
      " \n,\n",
      [
        [1, [" "]],
        [2, ["", ""]],
      ],
    ],
    ["a trailing delimiter at the end", "a,", [[1, ["a", ""]]]],
    ["quoted delimiters and escaped quotes", '"a,b","say ""hi"""\n', [[1, ["a,b", 'say "hi"']]]],
    [
      "empty quoted cells",
      '"",""\n"",x',
      [
        [1, ["", ""]],
        [2, ["", "x"]],
      ],
    ],
    [
      "line breaks inside quotes, each counted once",
      '"one\ntwo",x\n"three\r\nfour"\r\nnext\n',
      [
        [1, ["one\ntwo", "x"]],
        [3, ["three\r\nfour"]],
        [5, ["next"]],
      ],
    ],
    ["stray quotes inside a plain cell", '5" disk,O"Brien\n', [[1, ['5" disk', 'O"Brien']]]],
    ["text after a closing quote, read literally", '"a"b,c\n', [[1, ['"a"b', "c"]]]],
    ["a closing quote followed by a lone CR", '"a"\r,b\n', [[1, ['"a"\r', "b"]]]],
    ["escapes kept in a broken quoted cell", '"a""b"c,d\n', [[1, ['"a"b"c', "d"]]]],
    [
      "a broken quoted cell spanning lines",
      '1,"x\ny"z\n3,4\n',
      [
        [1, ["1", '"x\ny"z']],
        [3, ["3", "4"]],
      ],
    ],
    [
      "an unclosed quote swallowing the rest",
      'a\n"open,\nb\nc\n',
      [
        [1, ["a"]],
        [2, "quote not closed"],
      ],
    ],
    [
      "multi-byte text",
      "é,日本\n🙂,x\n",
      [
        [1, ["é", "日本"]],
        [2, ["🙂", "x"]],
      ],
    ],
  ];

  it.each(cases)("reads %s, whatever the pieces it comes in", (_name, text, expected) => {
    expect(summary(readPieces([text]))).toEqual(expected);
    expect(summary(readPieces([...text]))).toEqual(expected);
    for (let cut = 1; cut < text.length; cut++) {
      for (const second of [text.length, cut + 1, cut + 2]) {
        const pieces = [text.slice(0, cut), text.slice(cut, second), text.slice(second)];
        expect(summary(readPieces(pieces))).toEqual(expected);
      }
    }
  });

  it("reads another delimiter", () => {
    expect(summary(readPieces(['a;"b;c";d,e\n'], ";"))).toEqual([[1, ["a", "b;c", "d,e"]]]);
    expect(summary(readPieces(["a\tb c\t\n"], "\t"))).toEqual([[1, ["a", "b c", ""]]]);
  });

  it("refuses a line break as the delimiter", () => {
    expect(() => new CsvRecordParser({ delimiter: "\n", maxRecordChars: 10 })).toThrow(
      /other than a line break/,
    );
  });

  it("drops an overlong record and goes on at its end, on the right line", () => {
    const text = `a,b\n1,"${"long\n".repeat(10)}",x\n2,y\n${"z".repeat(60)}\n3,w\n`;
    const expected = [
      [1, ["a", "b"]],
      [2, "record too long"],
      [13, ["2", "y"]],
      [14, "record too long"],
      [15, ["3", "w"]],
    ];
    expect(summary(readPieces([text], ",", 40))).toEqual(expected);
    expect(summary(readPieces(text.match(/[^]{1,7}/g) ?? [], ",", 40))).toEqual(expected);
  });

  it("holds no more than maxRecordChars of a record that never ends", () => {
    const parser = new CsvRecordParser({ delimiter: ",", maxRecordChars: 10_000 });
    parser.push('a,b\n1,"');
    expect(parser.next()).toEqual({ kind: "cells", line: 1, cells: ["a", "b"] });
    let peak = 0;
    const piece = `${"x".repeat(999)}\n`;
    for (let i = 0; i < 1000; i++) {
      parser.push(piece);
      expect(parser.next()).toBeNull();
      peak = Math.max(peak, parser.heldChars);
    }
    expect(peak).toBeLessThanOrEqual(10_000 + piece.length);
    parser.end();
    expect(parser.next()).toMatchObject({ kind: "malformed", line: 2 });
    expect(parser.next()).toBeNull();
  });

  it("reads what csv-parse reads with relaxed quotes, in any pieces", () => {
    const alphabet = ["a", "b", " ", ",", '"', '""', "\n", "\r", "\r\n", "é", "日"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 5 }),
        (parts, sizes) => {
          const text = parts.join("");
          const pieces: string[] = [];
          for (let at = 0, i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length];
            pieces.push(text.slice(at, at + size));
            at += size;
          }
          const expected = parseSync(text, {
            record_delimiter: ["\r\n", "\n"],
            relax_column_count: true,
            relax_quotes: true,
            skip_empty_lines: true,
            skip_records_with_error: true,
          }) as string[][];
          const records = readPieces(pieces);
          expect(records.flatMap((r) => (r.kind === "cells" ? [r.cells] : []))).toEqual(expected);
          // Only a quote left open at the end is malformed.
          const malformed = records.filter((r) => r.kind === "malformed");
          expect(malformed.length).toBeLessThanOrEqual(1);
          if (malformed.length === 1) expect(records[records.length - 1]).toBe(malformed[0]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
