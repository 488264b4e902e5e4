import { describe, expect, it } from "vitest";
import { parseQuery } from "./parser";
import { tokenize } from "./tokenizer";

describe("tokenize", () => {
  it.each([
    {
      query: "riskScore>=500",
      tokens: [
        { kind: "field", text: "riskScore", start: 0, end: 9 },
        { kind: "operator", operator: ">=", start: 9, end: 11 },
        { kind: "word", text: "500", start: 11, end: 14 },
      ],
    },
    {
      // Only the first operator character splits, so values keep their colons.
      query: "mac:00:11:22",
      tokens: [
        { kind: "field", text: "mac", start: 0, end: 3 },
        { kind: "operator", operator: ":", start: 3, end: 4 },
        { kind: "word", text: "00:11:22", start: 4, end: 12 },
      ],
    },
    {
      query: 'inventory:(os:"a \\"b\\"")',
      tokens: [
        { kind: "field", text: "inventory", start: 0, end: 9 },
        { kind: "operator", operator: ":", start: 9, end: 10 },
        { kind: "lparen", start: 10, end: 11 },
        { kind: "field", text: "os", start: 11, end: 13 },
        { kind: "operator", operator: ":", start: 13, end: 14 },
        { kind: "quoted", quote: '"', value: 'a "b"', start: 14, end: 23 },
        { kind: "rparen", start: 23, end: 24 },
      ],
    },
    {
      // Backslashes inside backticks are literal.
      query: "name:`c:\\temp`",
      tokens: [
        { kind: "field", text: "name", start: 0, end: 4 },
        { kind: "operator", operator: ":", start: 4, end: 5 },
        { kind: "quoted", quote: "`", value: "c:\\temp", start: 5, end: 14 },
      ],
    },
  ])("$query", ({ query, tokens }) => {
    expect(tokenize(query)).toEqual(tokens);
  });

  it("returns an unterminated quote in lenient mode instead of failing", () => {
    expect(tokenize('os:"Win', { lenient: true }).at(-1)).toEqual({
      kind: "quoted",
      quote: '"',
      value: "Win",
      start: 3,
      end: 7,
      unterminated: true,
    });
  });
});

describe("parseQuery", () => {
  it("returns null for a blank query", () => {
    expect(parseQuery("   ")).toBeNull();
  });

  it("keeps positions and value styles on terms", () => {
    expect(parseQuery("os:Windows* name:`web 01`")).toEqual({
      kind: "and",
      start: 0,
      end: 25,
      children: [
        {
          kind: "term",
          field: { name: "os", start: 0 },
          operator: ":",
          operatorStart: 2,
          value: { text: "Windows*", style: "bare", start: 3, end: 11 },
          start: 0,
          end: 11,
        },
        {
          kind: "term",
          field: { name: "name", start: 12 },
          operator: ":",
          operatorStart: 16,
          value: { text: "web 01", style: "exact", start: 17, end: 25 },
          start: 12,
          end: 25,
        },
      ],
    });
  });

  it("binds NOT tighter than AND, and AND tighter than OR", () => {
    const shape = (node: ReturnType<typeof parseQuery>): unknown => {
      if (!node) return null;
      switch (node.kind) {
        case "and":
        case "or":
          return { [node.kind]: node.children.map(shape) };
        case "not":
          return { not: shape(node.child) };
        case "term":
          return node.field.name;
        case "text":
          return node.value.text;
        case "group":
          return { [node.field.name]: shape(node.query) };
      }
    };
    expect(shape(parseQuery("a:1 OR NOT b:2 c:3 AND (d:4 or e:5)"))).toEqual({
      or: ["a", { and: [{ not: "b" }, "c", { or: ["d", "e"] }] }],
    });
    expect(shape(parseQuery("vulnerabilities:(severity:5 status:Active) web"))).toEqual({
      and: [{ vulnerabilities: { and: ["severity", "status"] } }, "web"],
    });
  });

  it("flattens parentheses into the span of the group", () => {
    expect(parseQuery("(os:x)")).toMatchObject({ kind: "term", start: 0, end: 6 });
  });
});
