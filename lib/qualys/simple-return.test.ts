import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { parseSimpleReturn, QualysApiError, UnexpectedDocumentError } from "./simple-return";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/support/qualys-fixtures/${name}`, import.meta.url), "utf8");

const simpleReturn = (code: string, text: string) =>
  `<SIMPLE_RETURN><RESPONSE><DATETIME>2024-01-01T00:00:00Z</DATETIME>${code}<TEXT>${text}</TEXT></RESPONSE></SIMPLE_RETURN>`;

describe("parseSimpleReturn", () => {
  it("reads code, text, date and items", () => {
    expect(parseSimpleReturn(fixture("simple-return-rate-limit.xml"))).toEqual({
      datetime: "2024-05-06T07:08:09.000Z",
      code: 1965,
      text: "Calls to this API are over the limit for now; wait and retry.",
      items: [{ key: "SECONDS_TO_WAIT", value: "42" }],
    });
  });

  it("refuses a document that is not a SIMPLE_RETURN", () => {
    expect(() => parseSimpleReturn("<HOST_LIST_OUTPUT/>")).toThrow(UnexpectedDocumentError);
  });
});

describe("QualysApiError", () => {
  it.each([
    [1905, "parameter ids has invalid value: x", "parameter", false],
    [1960, "blocked", "concurrency-limit", true],
    [1920, "blocked", "concurrency-limit", true],
    [1965, "blocked", "rate-limit", true],
    [999, "Internal error", "other", false],
  ] as const)("code %i is a %s error (retryable: %s)", (code, text, kind, retryable) => {
    const error = new QualysApiError(
      parseSimpleReturn(simpleReturn(`<CODE>${code}</CODE>`, text)),
      400,
    );
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.message.startsWith(`Qualys API error ${code} (HTTP 400): ${text}`)).toBe(true);
  });

  it("reads well without a code or text", () => {
    const error = new QualysApiError(
      parseSimpleReturn("<SIMPLE_RETURN><RESPONSE/></SIMPLE_RETURN>"),
    );
    expect(error.message).toBe("Qualys API error: no error text");
    expect(error.code).toBeUndefined();
  });
});
