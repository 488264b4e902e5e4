import { z } from "zod";

import { ATTRIBUTE_PREFIX, TEXT_KEY } from "./xml";

/**
 * zod schemas for values read out of a parsed Qualys XML tree. Every leaf
 * arrives as a string (or as `{ "#text", "@attr" }` when it has attributes);
 * these schemas turn leaves into typed values and report a path on failure.
 */

const leafSchema = z.union([z.string(), z.object({ [TEXT_KEY]: z.string().optional() })]);

function leafString(value: z.infer<typeof leafSchema> | undefined): string | undefined {
  const raw = typeof value === "string" ? value : value?.[TEXT_KEY];
  const trimmed = raw?.trim();
  return trimmed ? trimmed : undefined;
}

/** Optional text; empty elements and CDATA become `undefined`. */
export const xmlText = leafSchema.optional().transform(leafString);

/** Text that must be present and non-empty. */
export const xmlRequiredText = leafSchema.optional().transform((value, ctx) => {
  const text = leafString(value);
  if (text === undefined) {
    ctx.addIssue({ code: "custom", message: "missing or empty" });
    return z.NEVER;
  }
  return text;
});

export const xmlInt = xmlText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    ctx.addIssue({ code: "custom", message: `expected an integer, got "${value}"` });
    return z.NEVER;
  }
  return Number(value);
});

export const xmlRequiredInt = xmlInt.transform((value, ctx) => {
  if (value === undefined) {
    ctx.addIssue({ code: "custom", message: "missing or empty" });
    return z.NEVER;
  }
  return value;
});

/** Decimal scores (CVSS, QDS factors). Non-numeric placeholders become `undefined`. */
export const xmlDecimal = xmlText.transform((value) => {
  if (value === undefined || !/^-?\d+(\.\d+)?$/.test(value)) return undefined;
  return Number(value);
});

/** Qualys flags are "0"/"1"; a few newer fields say "true"/"false". */
export const xmlFlag = xmlText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (lower === "1" || lower === "true" || lower === "yes") return true;
  if (lower === "0" || lower === "false" || lower === "no") return false;
  ctx.addIssue({ code: "custom", message: `expected 0 or 1, got "${value}"` });
  return z.NEVER;
});

const isoDateTime = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * An ISO 8601 timestamp, returned normalised to `toISOString()` form.
 * Whitespace inside the value is dropped first: published Qualys samples wrap
 * long dates across lines, and a timestamp never contains a space.
 */
export const xmlDateTime = xmlText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  const compact = value.replace(/\s+/g, "");
  const millis = isoDateTime.test(compact) ? Date.parse(compact) : Number.NaN;
  if (Number.isNaN(millis)) {
    ctx.addIssue({ code: "custom", message: `expected an ISO 8601 date, got "${value}"` });
    return z.NEVER;
  }
  return new Date(millis).toISOString();
});

/** A repeated child element; absent or empty containers read as an empty list. */
export function xmlList<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (value) => (value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(item),
  );
}

/** A container element; `<X></X>` parses to "" and reads as an empty object. */
export function xmlElement<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess((value) => (value === "" ? {} : value), z.object(shape));
}

/** Reads an attribute of a leaf such as `<QDS severity="LOW">35</QDS>`. */
export function xmlAttribute(value: unknown, name: string): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const attribute = (value as Record<string, unknown>)[`${ATTRIBUTE_PREFIX}${name}`];
  return typeof attribute === "string" && attribute.trim() ? attribute.trim() : undefined;
}

/** One readable line per zod issue, with the path inside the record. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "(record)"}: ${issue.message}`)
    .join("; ");
}
