import { z } from "zod";

import { parseXml, rootOf, type XmlElement } from "./xml";
import { describeIssues, xmlDateTime, xmlElement, xmlInt, xmlList, xmlText } from "./xml-values";

/**
 * SIMPLE_RETURN is the document Qualys answers with when a VM API call fails
 * (and for a few actions that succeed): a numeric CODE and a sentence TEXT.
 */

export type QualysErrorKind = "parameter" | "concurrency-limit" | "rate-limit" | "other";

// Codes from Qualys's published error appendix that change what a caller
// should do; the rest are shown as Qualys worded them.
const KIND_BY_CODE: Record<number, QualysErrorKind> = {
  1901: "parameter",
  1903: "parameter",
  1904: "parameter",
  1905: "parameter",
  1907: "parameter",
  1908: "parameter",
  1922: "parameter",
  1920: "concurrency-limit",
  1960: "concurrency-limit",
  1965: "rate-limit",
};

const HINT_BY_KIND: Record<QualysErrorKind, string | undefined> = {
  parameter:
    "The request Sluice sent was rejected; check the connector's filters and report this if it persists.",
  "concurrency-limit":
    "Too many API calls are running at once for this subscription; the call will be retried when one finishes.",
  "rate-limit":
    "The subscription's API call quota for the current window is used up; the call will be retried later.",
  other: undefined,
};

export const simpleReturnSchema = z.object({
  datetime: z.string().optional(),
  code: z.number().int().optional(),
  text: z.string(),
  items: z.array(z.object({ key: z.string(), value: z.string().optional() })),
});
export type SimpleReturn = z.infer<typeof simpleReturnSchema>;

const responseSchema = xmlElement({
  DATETIME: xmlDateTime,
  CODE: xmlInt,
  TEXT: xmlText,
  ITEM_LIST: xmlElement({
    ITEM: xmlList(xmlElement({ KEY: xmlText, VALUE: xmlText })),
  }).optional(),
}).transform((response): SimpleReturn => ({
  datetime: response.DATETIME,
  code: response.CODE,
  text: response.TEXT ?? "",
  items: (response.ITEM_LIST?.ITEM ?? []).map((item) => ({
    key: item.KEY ?? "",
    value: item.VALUE,
  })),
}));

export const SIMPLE_RETURN_ARRAY_PATHS = ["ITEM_LIST.ITEM"] as const;

export class QualysApiError extends Error {
  readonly code: number | undefined;
  readonly text: string;
  readonly kind: QualysErrorKind;
  readonly httpStatus: number | undefined;

  constructor(simpleReturn: SimpleReturn, httpStatus?: number) {
    const kind = (simpleReturn.code !== undefined && KIND_BY_CODE[simpleReturn.code]) || "other";
    const label =
      simpleReturn.code === undefined
        ? "Qualys API error"
        : `Qualys API error ${simpleReturn.code}`;
    const status = httpStatus === undefined ? "" : ` (HTTP ${httpStatus})`;
    const hint = HINT_BY_KIND[kind];
    super(`${label}${status}: ${simpleReturn.text || "no error text"}${hint ? ` ${hint}` : ""}`);
    this.name = "QualysApiError";
    this.code = simpleReturn.code;
    this.text = simpleReturn.text;
    this.kind = kind;
    this.httpStatus = httpStatus;
  }

  /** Concurrency and rate-limit errors clear up by themselves. */
  get retryable(): boolean {
    return this.kind === "concurrency-limit" || this.kind === "rate-limit";
  }
}

/** The document was well-formed XML but not the output the caller asked for. */
export class UnexpectedDocumentError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`Expected a Qualys ${expected} document but received ${actual}`);
    this.name = "UnexpectedDocumentError";
  }
}

export function readSimpleReturn(root: XmlElement): SimpleReturn {
  const parsed = responseSchema.safeParse(root.RESPONSE ?? {});
  if (!parsed.success) {
    throw new UnexpectedDocumentError(
      "SIMPLE_RETURN",
      `a malformed SIMPLE_RETURN (${describeIssues(parsed.error)})`,
    );
  }
  return parsed.data;
}

export function parseSimpleReturn(xml: string): SimpleReturn {
  const { name, element } = rootOf(parseXml(xml, { arrayPaths: SIMPLE_RETURN_ARRAY_PATHS }));
  if (name !== "SIMPLE_RETURN") throw new UnexpectedDocumentError("SIMPLE_RETURN", name);
  return readSimpleReturn(element);
}

/**
 * Parses a Qualys XML response and returns its RESPONSE element, after making
 * sure the root is the one expected. A SIMPLE_RETURN in its place becomes a
 * thrown QualysApiError, so every page parser reports API errors the same way.
 */
export function openQualysDocument(
  xml: string,
  expectedRoot: string,
  options: { arrayPaths: readonly string[]; maxChars?: number; httpStatus?: number },
): XmlElement {
  const document = parseXml(xml, {
    arrayPaths: [...options.arrayPaths, ...SIMPLE_RETURN_ARRAY_PATHS],
    maxChars: options.maxChars,
  });
  const { name, element } = rootOf(document);
  if (name === "SIMPLE_RETURN")
    throw new QualysApiError(readSimpleReturn(element), options.httpStatus);
  if (name !== expectedRoot) throw new UnexpectedDocumentError(expectedRoot, name);
  const response = element.RESPONSE;
  return typeof response === "object" && response !== null && !Array.isArray(response)
    ? response
    : {};
}
