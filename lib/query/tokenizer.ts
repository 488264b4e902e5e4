import { QueryError } from "./errors";

export const MAX_QUERY_LENGTH = 2000;

export type ComparisonOperator = ":" | ">" | ">=" | "<" | "<=";

// Offsets are 0-based UTF-16 indexes into the query; `end` is exclusive.
// Errors turn them into 1-based columns for people.
export type Token =
  | { kind: "lparen"; start: number; end: number }
  | { kind: "rparen"; start: number; end: number }
  | { kind: "field"; text: string; start: number; end: number }
  | { kind: "operator"; operator: ComparisonOperator; start: number; end: number }
  | { kind: "word"; text: string; start: number; end: number }
  | {
      kind: "quoted";
      quote: '"' | "`";
      value: string;
      start: number;
      end: number;
      /** Only in lenient mode: the closing quote is missing. */
      unterminated?: boolean;
    };

const OPERATOR_CHARS = new Set([":", ">", "<", "="]);
const WORD_STOPS = new Set(["(", ")", '"', "`"]);

function isSpace(char: string) {
  return char === " " || char === "\t" || char === "\n" || char === "\r";
}

// Other control characters have no business in a search box, and NUL in
// particular cannot be sent to PostgreSQL inside a text parameter.
function isControl(char: string) {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

function describeChar(char: string) {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Splits a query into tokens. A run of non-space characters such as
 * `lastSeen>=2026-01-01T10:00:00Z` becomes field, operator and word: only the
 * first operator character splits, so values may contain `:` (IPv6, MAC
 * addresses, times) without quoting.
 *
 * In lenient mode (used by autocomplete while the user is still typing) an
 * unterminated quote is returned as a token instead of raising an error.
 */
export function tokenize(query: string, options: { lenient?: boolean } = {}): Token[] {
  if (query.length > MAX_QUERY_LENGTH && !options.lenient) {
    throw new QueryError(
      `query is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`,
      MAX_QUERY_LENGTH + 1,
    );
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i];
    if (isSpace(char)) {
      i++;
    } else if (isControl(char)) {
      if (!options.lenient) {
        throw new QueryError(
          `unexpected control character ${describeChar(char)} at column ${i + 1}`,
          i + 1,
        );
      }
      i++;
    } else if (char === "(") {
      tokens.push({ kind: "lparen", start: i, end: i + 1 });
      i++;
    } else if (char === ")") {
      tokens.push({ kind: "rparen", start: i, end: i + 1 });
      i++;
    } else if (char === '"' || char === "`") {
      const token = readQuoted(query, i, char, options.lenient ?? false);
      tokens.push(token);
      i = token.end;
    } else {
      let end = i;
      while (end < query.length && !isSpace(query[end]) && !WORD_STOPS.has(query[end])) {
        if (isControl(query[end])) break;
        end++;
      }
      pushWord(tokens, query.slice(i, end), i);
      i = end;
    }
  }
  return tokens;
}

function readQuoted(query: string, start: number, quote: '"' | "`", lenient: boolean): Token {
  let value = "";
  let i = start + 1;
  while (i < query.length) {
    const char = query[i];
    if (char === quote) {
      return { kind: "quoted", quote, value, start, end: i + 1 };
    }
    // Backticks mean "exactly this text", so only double-quoted phrases get
    // escapes; a backslash in a backtick value is a literal backslash.
    if (quote === '"' && char === "\\" && i + 1 < query.length) {
      value += query[i + 1];
      i += 2;
      continue;
    }
    if (isControl(char) && !isSpace(char)) {
      if (lenient) {
        i++;
        continue;
      }
      throw new QueryError(
        `unexpected control character ${describeChar(char)} at column ${i + 1}`,
        i + 1,
      );
    }
    value += char;
    i++;
  }
  if (lenient) {
    return { kind: "quoted", quote, value, start, end: query.length, unterminated: true };
  }
  const name = quote === '"' ? "quote" : "backtick";
  throw new QueryError(
    `unterminated ${name} starting at column ${start + 1}`,
    start + 1,
    `${quote}`,
  );
}

function pushWord(tokens: Token[], text: string, start: number) {
  let split = -1;
  for (let j = 0; j < text.length; j++) {
    if (OPERATOR_CHARS.has(text[j])) {
      split = j;
      break;
    }
  }
  if (split < 0) {
    tokens.push({ kind: "word", text, start, end: start + text.length });
    return;
  }
  if (split > 0) {
    tokens.push({ kind: "field", text: text.slice(0, split), start, end: start + split });
  }
  const first = text[split];
  let operator: ComparisonOperator;
  let length = 1;
  if ((first === ">" || first === "<") && text[split + 1] === "=") {
    operator = first === ">" ? ">=" : "<=";
    length = 2;
  } else if (first === "=") {
    // `riskScore=500` reads naturally; treat it as the `:` it means.
    operator = ":";
  } else {
    operator = first as ComparisonOperator;
  }
  const opStart = start + split;
  tokens.push({ kind: "operator", operator, start: opStart, end: opStart + length });
  const rest = text.slice(split + length);
  if (rest.length > 0) {
    tokens.push({ kind: "word", text: rest, start: opStart + length, end: start + text.length });
  }
}
