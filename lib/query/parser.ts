import { QueryError } from "./errors";
import { tokenize, type ComparisonOperator, type Token } from "./tokenizer";

/** Parentheses, `field:( … )` groups and NOTs together may nest this deep. */
export const MAX_DEPTH = 16;

/**
 * How a value was written: bare (`os:Windows*`), as a "phrase" or as an
 * `exact value` in backticks. Compilation gives each its own meaning.
 */
export type ValueStyle = "bare" | "phrase" | "exact";

export interface QueryValue {
  text: string;
  style: ValueStyle;
  start: number;
  end: number;
}

export interface FieldName {
  /** Dotted as typed, e.g. "inventory.source" or "attributes.cloud.region". */
  name: string;
  start: number;
}

// Every node keeps its source span so the compiler can point at it.
export type QueryNode =
  | { kind: "and" | "or"; children: QueryNode[]; start: number; end: number }
  | { kind: "not"; child: QueryNode; start: number; end: number }
  | {
      kind: "term";
      field: FieldName;
      operator: ComparisonOperator;
      operatorStart: number;
      value: QueryValue;
      start: number;
      end: number;
    }
  /** `field:( … )`: a related record (`vulnerabilities:( … )`) or a list of values (`os:(a OR b)`). */
  | { kind: "group"; field: FieldName; query: QueryNode; start: number; end: number }
  /** A value with no field: free-text search, or a value inside `field:( … )`. */
  | { kind: "text"; value: QueryValue; start: number; end: number };

const FIELD_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*(\.[A-Za-z0-9_][A-Za-z0-9_-]*)*$/;

function keyword(token: Token | undefined): "AND" | "OR" | "NOT" | undefined {
  if (token?.kind !== "word") return undefined;
  const upper = token.text.toUpperCase();
  return upper === "AND" || upper === "OR" || upper === "NOT" ? upper : undefined;
}

function show(token: Token): string {
  switch (token.kind) {
    case "lparen":
      return "(";
    case "rparen":
      return ")";
    case "operator":
      return token.operator;
    case "quoted":
      return `${token.quote}${token.value}${token.quote}`;
    default:
      return token.text;
  }
}

class Parser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly query: string,
    private readonly tokens: Token[],
  ) {}

  parse(): QueryNode | null {
    if (this.tokens.length === 0) return null;
    const node = this.parseOr();
    const next = this.peek();
    if (next) {
      if (next.kind === "rparen") {
        throw new QueryError(`unbalanced ')' at column ${next.start + 1}`, next.start + 1);
      }
      throw this.unexpected(next);
    }
    return node;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private next(): Token | undefined {
    return this.tokens[this.position++];
  }

  private unexpected(token: Token): QueryError {
    return new QueryError(
      `unexpected '${show(token)}' at column ${token.start + 1}`,
      token.start + 1,
    );
  }

  private enter(at: number) {
    this.depth++;
    if (this.depth > MAX_DEPTH) {
      throw new QueryError(
        `query nests deeper than ${MAX_DEPTH} levels at column ${at + 1}; simplify it`,
        at + 1,
      );
    }
  }

  private leave() {
    this.depth--;
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (keyword(this.peek()) === "OR") {
      const operator = this.next()!;
      this.expectOperand(operator);
      children.push(this.parseAnd());
    }
    return children.length === 1 ? children[0] : this.combine("or", children);
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const token = this.peek();
      if (!token || token.kind === "rparen" || keyword(token) === "OR") break;
      if (keyword(token) === "AND") {
        this.next();
        this.expectOperand(token);
      }
      // Anything else right after a term is an implicit AND.
      children.push(this.parseUnary());
    }
    return children.length === 1 ? children[0] : this.combine("and", children);
  }

  private combine(kind: "and" | "or", children: QueryNode[]): QueryNode {
    return { kind, children, start: children[0].start, end: children[children.length - 1].end };
  }

  /** A boolean operator must be followed by a term, not by the end, `)` or another AND/OR. */
  private expectOperand(operator: Token) {
    const next = this.peek();
    const word = show(operator).toUpperCase();
    if (!next) {
      throw new QueryError(
        `'${word}' at column ${operator.start + 1} needs a term after it`,
        operator.start + 1,
      );
    }
    const nextKeyword = keyword(next);
    if (next.kind === "rparen" || nextKeyword === "AND" || nextKeyword === "OR") {
      throw new QueryError(
        `'${word}' at column ${operator.start + 1} needs a term after it, not '${show(next)}'`,
        operator.start + 1,
      );
    }
  }

  private parseUnary(): QueryNode {
    const token = this.peek()!;
    if (keyword(token) === "NOT") {
      this.next();
      this.expectOperand(token);
      this.enter(token.start);
      const child = this.parseUnary();
      this.leave();
      return { kind: "not", child, start: token.start, end: child.end };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.next();
    if (!token) {
      // Callers check for a following operand, so this is only reached on an empty group.
      const at = this.query.length + 1;
      throw new QueryError(`query ends where a term was expected at column ${at}`, at);
    }
    switch (token.kind) {
      case "lparen":
        return this.parseParenthesised(token);
      case "rparen":
        throw new QueryError(`unbalanced ')' at column ${token.start + 1}`, token.start + 1);
      case "operator":
        throw new QueryError(
          `'${token.operator}' at column ${token.start + 1} needs a field name before it`,
          token.start + 1,
        );
      case "field":
        return this.parseTerm(token);
      case "word": {
        const word = keyword(token);
        if (word) {
          throw new QueryError(
            `'${word}' at column ${token.start + 1} needs a term before it`,
            token.start + 1,
          );
        }
        const value: QueryValue = {
          text: token.text,
          style: "bare",
          start: token.start,
          end: token.end,
        };
        this.expectSeparated(token.end);
        return { kind: "text", value, start: token.start, end: token.end };
      }
      case "quoted": {
        const value = this.quotedValue(token);
        this.expectSeparated(token.end);
        return { kind: "text", value, start: token.start, end: token.end };
      }
    }
  }

  private parseParenthesised(open: Token): QueryNode {
    this.enter(open.start);
    const first = this.peek();
    if (!first) {
      throw new QueryError(`missing ')' for '(' at column ${open.start + 1}`, open.start + 1);
    }
    if (first.kind === "rparen") {
      throw new QueryError(`empty parentheses at column ${open.start + 1}`, open.start + 1);
    }
    const inner = this.parseOr();
    const close = this.next();
    if (close?.kind !== "rparen") {
      throw new QueryError(`missing ')' for '(' at column ${open.start + 1}`, open.start + 1);
    }
    this.leave();
    this.expectSeparated(close.end);
    // The span covers the parentheses so errors about the group point at '('.
    return { ...inner, start: open.start, end: close.end };
  }

  private parseTerm(fieldToken: Extract<Token, { kind: "field" }>): QueryNode {
    if (!FIELD_NAME.test(fieldToken.text)) {
      throw new QueryError(
        `'${fieldToken.text}' at column ${fieldToken.start + 1} is not a valid field name`,
        fieldToken.start + 1,
      );
    }
    const field: FieldName = { name: fieldToken.text, start: fieldToken.start };
    // The tokenizer only emits a field when an operator follows it directly.
    const operator = this.next() as Extract<Token, { kind: "operator" }>;
    const valueToken = this.peek();
    const display = `${fieldToken.text}${operator.operator}`;
    if (!valueToken || valueToken.start !== operator.end) {
      throw this.missingValue(display, fieldToken.start);
    }
    if (valueToken.kind === "lparen") {
      if (operator.operator !== ":") {
        throw new QueryError(
          `'${operator.operator}' at column ${operator.start + 1} cannot be followed by '('; use '${fieldToken.text}:( … )'`,
          operator.start + 1,
        );
      }
      this.next();
      const inner = this.parseParenthesised(valueToken);
      return { kind: "group", field, query: inner, start: fieldToken.start, end: inner.end };
    }
    let value: QueryValue;
    if (valueToken.kind === "word") {
      value = {
        text: valueToken.text,
        style: "bare",
        start: valueToken.start,
        end: valueToken.end,
      };
    } else if (valueToken.kind === "quoted") {
      value = this.quotedValue(valueToken);
    } else if (valueToken.kind === "operator") {
      // e.g. `riskScore>>5` or `os::x`
      throw this.unexpected(valueToken);
    } else {
      throw this.missingValue(display, fieldToken.start);
    }
    this.next();
    this.expectSeparated(value.end);
    return {
      kind: "term",
      field,
      operator: operator.operator,
      operatorStart: operator.start,
      value,
      start: fieldToken.start,
      end: value.end,
    };
  }

  private missingValue(term: string, start: number): QueryError {
    return new QueryError(`'${term}' at column ${start + 1} needs a value after it`, start + 1);
  }

  private quotedValue(token: Extract<Token, { kind: "quoted" }>): QueryValue {
    if (token.value.length === 0) {
      throw new QueryError(`empty value at column ${token.start + 1}`, token.start + 1);
    }
    return {
      text: token.value,
      style: token.quote === "`" ? "exact" : "phrase",
      start: token.start,
      end: token.end,
    };
  }

  /**
   * `os:Windows"10"` or `name:web(1)` are almost always typos; rather than
   * silently reading them as two ANDed terms, ask for a space or quotes.
   */
  private expectSeparated(end: number) {
    const next = this.peek();
    if (next && next.start === end && next.kind !== "rparen") {
      throw new QueryError(
        `unexpected '${show(next)}' at column ${next.start + 1}; add a space before it or quote the value`,
        next.start + 1,
      );
    }
  }
}

/** Parses a query into an AST; returns null for a blank query. Throws only QueryError. */
export function parseQuery(query: string): QueryNode | null {
  return new Parser(query, tokenize(query)).parse();
}
