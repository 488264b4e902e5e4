// The tokenizer behind readCsv: decoded text goes in piece by piece, whole
// records come out with the physical line they start on. It reads what
// csv-parse read with relax_quotes, skip_empty_lines and record_delimiter
// ["\r\n", "\n"] (its test checks this against csv-parse), at a fraction of
// the cost: cells are found with indexOf and sliced from the text, and a
// record cut by the end of a piece is carried over as the cells read so far.
//
// The rules, for a one-character delimiter:
// - A record ends at "\n" or "\r\n", both in one file (a concatenation of
//   exports mixes them); a lone "\r" is data. Empty lines are skipped.
// - A cell that starts with a quote runs to the next quote that is followed by
//   the delimiter, a line end or the end of the text; "" inside it is one quote
//   and line ends inside it are data (and count as lines).
// - A quote anywhere else is a literal character: scanner text is full of
//   stray quotes (5" disk, O"Brien) and reading them literally loses less than
//   rejecting the row. Likewise a quoted cell whose closing quote is followed
//   by other text ("a"b) is read literally, quotes included, up to the next
//   delimiter or line end.
// - A quote still open at the end of the text, or a record longer than
//   `maxRecordChars`, makes the record malformed. An overlong record is read
//   to its end without being kept, so memory stays bounded.

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

export type CsvRecord =
  | { kind: "cells"; line: number; cells: string[] }
  | { kind: "malformed"; line: number; reason: string };

/** Where the record being read stands. */
const Field = {
  /** The next character starts a cell. */
  Start: 0,
  /** Inside a cell that did not start with a quote (or whose quoting broke). */
  Plain: 1,
  /** Inside a quoted cell. */
  Quoted: 2,
} as const;
type Field = (typeof Field)[keyof typeof Field];

export interface CsvParserOptions {
  delimiter: string;
  maxRecordChars: number;
}

export class CsvRecordParser {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly maxRecordChars: number;

  /** Text not consumed yet starts at `pos`. */
  private text = "";
  private pos = 0;
  private ended = false;
  /** Line feeds before `pos`: the record starting at `pos` is on line `lines + 1`. */
  private lines = 0;
  /** First line feed at or after `pos` (-1: none in `text`), so each is looked up once. */
  private nextLineFeed = -1;
  /** A delimiter at or after the current plain cell (-1: none in `text`; -2: not looked up). */
  private nextDelimiter = -2;

  // The record being read.
  private inRecord = false;
  private line = 0;
  private cells: string[] = [];
  private field: Field = Field.Start;
  /** Text of the current cell read before `pos` (quotes already resolved). */
  private partial = "";
  /** Where the record starts in `text`, and how much of it came in earlier text. */
  private recordStart = 0;
  private carried = 0;
  private overlong = false;

  constructor({ delimiter, maxRecordChars }: CsvParserOptions) {
    if (delimiter.length !== 1 || delimiter === "\n" || delimiter === "\r") {
      throw new RangeError(
        `The CSV delimiter must be one character other than a line break, not ${JSON.stringify(delimiter)}.`,
      );
    }
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.maxRecordChars = maxRecordChars;
  }

  /** Characters held for the record being read: the bound `maxRecordChars` keeps. */
  get heldChars(): number {
    let held = this.text.length - this.pos + this.partial.length;
    for (const cell of this.cells) held += cell.length;
    return held;
  }

  /** Adds the next piece of text. */
  push(chunk: string): void {
    if (this.ended) throw new Error("CsvRecordParser: push after end");
    if (chunk.length === 0) return;
    if (this.inRecord) {
      this.carried += this.pos - this.recordStart;
      this.recordStart = 0;
    }
    // Once next() has returned null, only a "\r" or a quote at the very end
    // is left here, waiting for the character that decides what it is; the
    // unfinished record itself is already in `cells` and `partial`.
    this.text = this.pos < this.text.length ? this.text.slice(this.pos) + chunk : chunk;
    this.pos = 0;
    this.nextLineFeed = this.text.indexOf("\n");
    this.nextDelimiter = -2;
  }

  /** No more text will come: the rest is read as the last record. */
  end(): void {
    this.ended = true;
  }

  /** The next whole record, or null when it needs more text (or, after `end`, when all is read). */
  next(): CsvRecord | null {
    const text = this.text;
    const length = text.length;
    let pos = this.pos;

    if (!this.inRecord) {
      // Skip empty lines; they are not records.
      for (;;) {
        if (pos >= length) {
          this.pos = pos;
          return null;
        }
        const c = text.charCodeAt(pos);
        if (c === LF) {
          pos++;
          this.countLineFeed(pos);
          continue;
        }
        if (c === CR) {
          if (pos + 1 >= length && !this.ended) {
            this.pos = pos;
            return null;
          }
          if (text.charCodeAt(pos + 1) === LF) {
            pos += 2;
            this.countLineFeed(pos);
            continue;
          }
        }
        break;
      }
      this.inRecord = true;
      this.line = this.lines + 1;
      this.field = Field.Start;
      this.partial = "";
      this.recordStart = pos;
      this.carried = 0;
      this.overlong = false;
    }

    const delimiter = this.delimiter;
    const delimiterCode = this.delimiterCode;
    const cells = this.cells;
    let partial = this.partial;
    let field: Field = this.field;

    for (;;) {
      let from = pos;
      if (field === Field.Start) {
        if (pos >= length) {
          if (!this.ended) return this.needMore(pos, field, partial);
          // A delimiter at the very end: the record's last cell is empty.
          cells.push("");
          return this.finish(pos, pos);
        }
        partial = "";
        if (text.charCodeAt(pos) === QUOTE) {
          field = Field.Quoted;
          from = pos + 1;
        } else {
          field = Field.Plain;
        }
      }

      if (field === Field.Quoted) {
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) {
            this.countLineFeedsBefore(length);
            if (this.ended) return this.finishUnclosed(length);
            return this.needMore(length, field, partial + text.slice(from));
          }
          this.countLineFeedsBefore(quote);
          if (quote + 1 >= length) {
            if (!this.ended) return this.needMore(quote, field, partial + text.slice(from, quote));
            cells.push(partial + text.slice(from, quote));
            return this.finish(length, length);
          }
          const after = text.charCodeAt(quote + 1);
          if (after === QUOTE) {
            partial += text.slice(from, quote + 1);
            from = quote + 2;
            continue;
          }
          if (after === delimiterCode) {
            cells.push(partial + text.slice(from, quote));
            pos = quote + 2;
            field = Field.Start;
            break;
          }
          if (after === LF) {
            cells.push(partial + text.slice(from, quote));
            this.countLineFeed(quote + 2);
            return this.finish(quote + 1, quote + 2);
          }
          if (after === CR) {
            if (quote + 2 >= length && !this.ended) {
              return this.needMore(quote, field, partial + text.slice(from, quote));
            }
            if (text.charCodeAt(quote + 2) === LF) {
              cells.push(partial + text.slice(from, quote));
              this.countLineFeed(quote + 3);
              return this.finish(quote + 1, quote + 3);
            }
          }
          // Text after the closing quote: the cell was never really quoted.
          partial = `"${partial}${text.slice(from, quote)}"`;
          from = quote + 1;
          field = Field.Plain;
          break;
        }
        if (field === Field.Start) continue;
      }

      // A plain cell ends at the next delimiter or line end; quotes in it are text.
      let next = this.nextDelimiter;
      if (next < from && next !== -1) {
        next = text.indexOf(delimiter, from);
        this.nextDelimiter = next;
      }
      const lineFeed = this.nextLineFeed;
      if (next !== -1 && (next < lineFeed || lineFeed === -1)) {
        cells.push(partial + text.slice(from, next));
        pos = next + 1;
        field = Field.Start;
        continue;
      }
      if (lineFeed !== -1) {
        const end =
          lineFeed > from && text.charCodeAt(lineFeed - 1) === CR ? lineFeed - 1 : lineFeed;
        cells.push(partial + text.slice(from, end));
        this.countLineFeed(lineFeed + 1);
        return this.finish(end, lineFeed + 1);
      }
      if (this.ended) {
        cells.push(partial + text.slice(from));
        return this.finish(length, length);
      }
      // A trailing "\r" may be the start of "\r\n": decide when the next text comes.
      const keep = length > from && text.charCodeAt(length - 1) === CR ? length - 1 : length;
      return this.needMore(keep, field, partial + text.slice(from, keep));
    }
  }

  /** Consumes a line feed just before `next`. */
  private countLineFeed(next: number): void {
    this.lines++;
    this.pos = next;
    this.nextLineFeed = this.text.indexOf("\n", next);
  }

  /** Counts the line feeds inside a quoted cell, up to `end`. */
  private countLineFeedsBefore(end: number): void {
    let lineFeed = this.nextLineFeed;
    if (lineFeed === -1 || lineFeed >= end) return;
    const text = this.text;
    while (lineFeed !== -1 && lineFeed < end) {
      this.lines++;
      lineFeed = text.indexOf("\n", lineFeed + 1);
    }
    this.nextLineFeed = lineFeed;
  }

  private needMore(pos: number, field: Field, partial: string): null {
    this.pos = pos;
    this.field = field;
    this.partial = partial;
    if (!this.overlong && this.carried + (pos - this.recordStart) > this.maxRecordChars) {
      // Keep reading to the record's end, but nothing of it.
      this.overlong = true;
    }
    if (this.overlong) {
      this.cells.length = 0;
      this.partial = "";
    }
    return null;
  }

  /** Ends the record at `end` (before its line end); reading goes on at `next`. */
  private finish(end: number, next: number): CsvRecord {
    this.pos = next;
    this.inRecord = false;
    this.partial = "";
    const line = this.line;
    if (this.overlong || this.carried + (end - this.recordStart) > this.maxRecordChars) {
      this.cells = [];
      return {
        kind: "malformed",
        line,
        reason: `record too long: the record starting on this line is longer than ${this.maxRecordChars.toLocaleString("en-US")} characters and was skipped; this usually means a quote in it is never closed`,
      };
    }
    const cells = this.cells;
    this.cells = [];
    return { kind: "cells", line, cells };
  }

  private finishUnclosed(end: number): CsvRecord {
    if (this.overlong) return this.finish(end, end);
    this.pos = end;
    this.inRecord = false;
    this.partial = "";
    this.cells = [];
    return {
      kind: "malformed",
      line: this.line,
      reason:
        'quote not closed: a quoted cell in the record starting on this line is never closed, so everything from it to the end of the file was skipped; add the closing quote (a quote inside a quoted cell is written as "")',
    };
  }
}
