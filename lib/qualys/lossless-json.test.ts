import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { parseJsonLosslessly, quoteLongIntegers } from "./lossless-json";

describe("parseJsonLosslessly", () => {
  it.each([
    ["19-digit positive id", '{"id":8464359598295418123}', { id: "8464359598295418123" }],
    ["negative 18-digit id", '{"id":-458390650433303040}', { id: "-458390650433303040" }],
    ["16 digits is the first length quoted", "[1234567890123456]", ["1234567890123456"]],
    ["15 digits stay numbers", "[123456789012345]", [123456789012345]],
    ["beyond 64 bits", "[123456789012345678901234567890]", ["123456789012345678901234567890"]],
    ["decimals are left to JSON.parse", "[12345678901234567.5]", [12345678901234567.5]],
    ["exponents are left to JSON.parse", "[1234567890123456789e2]", [1234567890123456789e2]],
    [
      "digits inside strings are untouched",
      '{"s":"12345678901234567890"}',
      { s: "12345678901234567890" },
    ],
    [
      "escaped quotes inside strings",
      '{"s":"a\\" 12345678901234567890 \\"b","n":12345678901234567890}',
      { s: 'a" 12345678901234567890 "b', n: "12345678901234567890" },
    ],
    [
      "escaped backslash before closing quote",
      '{"s":"x\\\\","n":98765432109876543210}',
      { s: "x\\", n: "98765432109876543210" },
    ],
    [
      "numeric-looking keys stay keys",
      '{"12345678901234567890":12345678901234567890}',
      { "12345678901234567890": "12345678901234567890" },
    ],
    [
      "whitespace and nesting",
      '{ "a" : [ 1 , { "b" :\n 1111111111111111111 } ] }',
      { a: [1, { b: "1111111111111111111" }] },
    ],
    ["top-level number", "  12345678901234567890 ", "12345678901234567890"],
  ])("%s", (_label, text, expected) => {
    expect(parseJsonLosslessly(text)).toEqual(expected);
  });

  it.each([
    ["a number in key position", "{12345678901234567890:1}"],
    ["a leading zero", "[01234567890123456789]"],
    ["a missing comma", "[1 12345678901234567890"],
  ])("keeps invalid JSON invalid: %s", (_label, text) => {
    expect(() => parseJsonLosslessly(text)).toThrow(SyntaxError);
  });

  it("returns the very same string when nothing needs quoting", () => {
    const text = '{"a":[1,2,3],"b":"x"}';
    expect(quoteLongIntegers(text)).toBe(text);
  });

  it("agrees with JSON.parse on any JSON whose integers are exact doubles", () => {
    const exactValue = fc.jsonValue().filter((value) => {
      let exact = true;
      JSON.stringify(value, (_key, inner) => {
        // Integers that print with 16+ digits are the ones that get quoted.
        if (
          typeof inner === "number" &&
          Number.isInteger(inner) &&
          /^-?\d{16,}$/.test(String(inner))
        )
          exact = false;
        return inner;
      });
      return exact;
    });
    fc.assert(
      fc.property(exactValue, (value) => {
        const text = JSON.stringify(value, null, 1);
        expect(parseJsonLosslessly(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  it("returns every long integer exactly as written, wherever it sits", () => {
    const bigInteger = fc
      .bigInt({ min: -(2n ** 80n), max: 2n ** 80n })
      .filter((value) => (value < 0n ? -value : value).toString().length >= 16);
    // A JSON tree with bigints as leaves, plus strings that look like numbers.
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        bigInteger,
        fc.string(),
        fc.stringMatching(/^"?\d{16,22}"?$/),
        fc.integer(),
        fc.array(tie("tree"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("tree"), { maxKeys: 4 }),
      ),
    }));
    const toJson = (value: unknown): string => {
      if (typeof value === "bigint") return value.toString();
      if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
      if (value && typeof value === "object") {
        return `{${Object.entries(value)
          .map(([key, inner]) => `${JSON.stringify(key)}: ${toJson(inner)}`)
          .join(", ")}}`;
      }
      return JSON.stringify(value);
    };
    const expected = (value: unknown): unknown => {
      if (typeof value === "bigint") return value.toString();
      if (Array.isArray(value)) return value.map(expected);
      if (value && typeof value === "object") {
        return Object.fromEntries(
          Object.entries(value).map(([key, inner]) => [key, expected(inner)]),
        );
      }
      return value;
    };
    fc.assert(
      fc.property(tree, (value) => {
        expect(parseJsonLosslessly(toJson(value))).toEqual(expected(value));
      }),
      { numRuns: 500 },
    );
  });
});
