import { z } from "zod";
import {
  attributeDataTypeSchema,
  type AttributeDataType,
  type DataModelAttributeDefinition,
} from "@/lib/datamodels/types";
import {
  compileDateFormat,
  formatCalendarDate,
  isValidTimeZone,
  ISO_FORMAT,
  wallClockToInstant,
} from "./date-format";

/** Qualys VMDR writes this literal where a cell has no value. */
export const QUALYS_EMPTY_MARKER = "'-";

const timeZoneSchema = z.string().refine(isValidTimeZone, { error: "unknown time zone" });

const dateFormatSchema = z.string().superRefine((format, ctx) => {
  try {
    compileDateFormat(format);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
  }
});

const patternSchema = z
  .string()
  .min(1)
  .max(500)
  .superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `invalid pattern: ${(error as Error).message}` });
    }
  });

export const transformSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("trim") }),
  z.strictObject({ type: z.literal("case"), to: z.enum(["upper", "lower", "title"]) }),
  z.strictObject({
    type: z.literal("dateFormat"),
    /** Tokens YYYY YY MMMM MMM MM DD HH hh mm ss SSS A Z, or "ISO". */
    format: dateFormatSchema,
    /** Zone the wall-clock values were written in, unless the value carries an offset. */
    timeZone: timeZoneSchema.default("UTC"),
  }),
  z.strictObject({ type: z.literal("split"), delimiter: z.string().min(1) }),
  /** Keeps one element of a list: 0 is the first, -1 the last. */
  z.strictObject({ type: z.literal("pick"), index: z.number().int() }),
  z.strictObject({
    type: z.literal("default"),
    /** Replacement for an empty cell; without it an empty marker just becomes empty. */
    value: z.string().optional(),
    /** Cell contents that mean "no value". */
    emptyMarkers: z.array(z.string()).default([QUALYS_EMPTY_MARKER]),
  }),
  z.strictObject({
    type: z.literal("valueMap"),
    map: z.record(z.string(), z.string()),
    caseSensitive: z.boolean().default(false),
    /** What to do with a value the map does not list. */
    unmapped: z.enum(["keep", "empty", "error"]).default("keep"),
  }),
  z.strictObject({ type: z.literal("stripHtml") }),
  /** Keeps a capture group of a regular expression, e.g. "8.1" out of "8.1 (AV:N/...)". */
  z.strictObject({
    type: z.literal("extract"),
    pattern: patternSchema,
    group: z.number().int().min(0).default(1),
  }),
]);

export type Transform = z.infer<typeof transformSchema>;
export type TransformInput = z.input<typeof transformSchema>;

// One optional `[]` segment, never last: "openPorts[].port" is a list of
// objects; deeper nesting has no use in a flat CSV row.
const targetFieldPattern = /^[A-Za-z_][\w]*(\[\])?(\.[A-Za-z_][\w]*(\[\])?)*$/;

export const fieldMappingSchema = z.strictObject({
  sourceField: z.string().min(1, "choose a source column"),
  dataType: attributeDataTypeSchema,
  targetField: z
    .string()
    .regex(targetFieldPattern, "use a dotted attribute path such as os.name")
    .refine((path) => (path.match(/\[\]/g) ?? []).length <= 1 && !path.endsWith("[]"), {
      error: "at most one list-of-objects segment, and not as the last segment",
    }),
  transforms: z.array(transformSchema).default([]),
});

export type FieldMapping = z.infer<typeof fieldMappingSchema>;
export type FieldMappingInput = z.input<typeof fieldMappingSchema>;

export interface CellError {
  /** The source column, as named in the CSV header. */
  column: string;
  reason: string;
}

export interface TransformResult {
  record: Record<string, unknown>;
  errors: CellError[];
}

type Cell = string | string[];

class CellProblem extends Error {}

function quote(value: string): string {
  return `'${value.length > 80 ? `${value.slice(0, 77)}...` : value}'`;
}

// ---------------------------------------------------------------- stripHtml

const entityNames: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};
const breakTags = /<\s*\/?\s*(?:br|p|li|div|tr|h[1-6])\b[^>]*>/gi;
const anchorTags =
  /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi;
const anyTag = /<\/?[a-z!][^>]*>/gi;
const entity = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi;

/**
 * Plain text out of scanner HTML (THREAT/IMPACT carry <P>, <BR>, <A HREF>).
 * Line breaks survive as newlines and a link keeps its address, because a
 * solution that says "see the advisory" is useless without it.
 */
export function stripHtml(value: string): string {
  if (!value.includes("<") && !value.includes("&")) return value;
  const text = value
    .replace(anchorTags, (_, dq: string, sq: string, bare: string, inner: string) => {
      const href = (dq ?? sq ?? bare ?? "").trim();
      const label = inner.replace(anyTag, "").trim();
      if (!label) return href;
      return label === href || !href ? label : `${label} (${href})`;
    })
    .replace(breakTags, "\n")
    .replace(anyTag, "")
    .replace(entity, (whole, code: string) => {
      if (code[0] === "#") {
        const point =
          code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1));
        return Number.isFinite(point) && point > 0 && point <= 0x10ffff
          ? String.fromCodePoint(point)
          : whole;
      }
      return entityNames[code.toLowerCase()] ?? whole;
    });
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// ---------------------------------------------------------------- operations

type Operation = (value: Cell) => Cell;

/** Applies a text operation to a cell, element by element once it is a list. */
function perElement(operation: (value: string) => Cell): Operation {
  return (value) => {
    if (typeof value === "string") return operation(value);
    const out: string[] = [];
    for (const element of value) {
      const result = operation(element);
      if (typeof result === "string") out.push(result);
      else out.push(...result);
    }
    return out;
  };
}

function titleCase(value: string): string {
  return value
    .toLowerCase()
    .replace(
      /(^|[\s\-_/])(\p{L})/gu,
      (_, sep: string, letter: string) => sep + letter.toUpperCase(),
    );
}

function compileOperation(transform: Transform, dataType: AttributeDataType): Operation {
  switch (transform.type) {
    case "trim":
      return perElement((value) => value.trim());
    case "case": {
      const to = transform.to;
      if (to === "upper") return perElement((value) => value.toUpperCase());
      if (to === "lower") return perElement((value) => value.toLowerCase());
      return perElement(titleCase);
    }
    case "stripHtml":
      return perElement(stripHtml);
    case "split": {
      const delimiter = transform.delimiter;
      return perElement((value) => {
        const out: string[] = [];
        for (const part of value.split(delimiter)) {
          const trimmed = part.trim();
          if (trimmed !== "" && trimmed !== QUALYS_EMPTY_MARKER) out.push(trimmed);
        }
        return out;
      });
    }
    case "pick": {
      const index = transform.index;
      return (value) => (typeof value === "string" ? value : (value.at(index) ?? ""));
    }
    case "default": {
      const markers = new Set(transform.emptyMarkers);
      const replacement = transform.value ?? "";
      return perElement((value) => {
        const trimmed = value.trim();
        return trimmed === "" || markers.has(trimmed) ? replacement : value;
      });
    }
    case "valueMap": {
      const caseSensitive = transform.caseSensitive;
      const key = (value: string) => (caseSensitive ? value.trim() : value.trim().toLowerCase());
      const lookup = new Map(Object.entries(transform.map).map(([from, to]) => [key(from), to]));
      const unmapped = transform.unmapped;
      return perElement((value) => {
        if (value === "") return value;
        const mapped = lookup.get(key(value));
        if (mapped !== undefined) return mapped;
        if (unmapped === "keep") return value;
        if (unmapped === "empty") return "";
        throw new CellProblem(`${quote(value)} is not one of the mapped values`);
      });
    }
    case "extract": {
      const pattern = new RegExp(transform.pattern);
      const group = transform.group;
      // No match keeps the value, so the type check reports it instead of
      // the cell silently disappearing.
      return perElement((value) => {
        const match = pattern.exec(value);
        return match ? (match[group] ?? "") : value;
      });
    }
    case "dateFormat": {
      const parse = compileDateFormat(transform.format);
      const timeZone = transform.timeZone;
      const format = transform.format;
      const calendarOnly = dataType === "date";
      return perElement((value) => {
        const trimmed = value.trim();
        if (trimmed === "") return "";
        const clock = parse(trimmed);
        if (!clock) {
          const expected = format.toUpperCase() === ISO_FORMAT ? "an ISO 8601 date" : format;
          throw new CellProblem(`${quote(trimmed)} does not match the date format ${expected}`);
        }
        // A date attribute keeps the day as written; converting it to an
        // instant first could move it to the previous or next day.
        if (calendarOnly) return formatCalendarDate(clock);
        return new Date(wallClockToInstant(clock, timeZone)).toISOString();
      });
    }
  }
}

// ---------------------------------------------------------------- coercion

const integerText = /^[+-]?\d+(?:\.0+)?$/;
const floatText = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const isoDateText = /^\d{4}-\d{2}-\d{2}/;
const trueWords = new Set(["true", "yes", "y", "1", "t", "on"]);
const falseWords = new Set(["false", "no", "n", "0", "f", "off"]);
const ipv4Text =
  /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const parseIso = compileDateFormat(ISO_FORMAT);
const canonicalIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isIpv6(value: string): boolean {
  if (!value.includes(":") || !/^[0-9a-fA-F:.]+$/.test(value)) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.length > 2;
  } catch {
    return false;
  }
}

type Coerce = (value: string) => unknown;

const coercers: Record<AttributeDataType, Coerce> = {
  string: (value) => value,
  list: (value) => value,
  integer: (value) => {
    const text = value.trim();
    const number = Number(text);
    if (!integerText.test(text) || !Number.isSafeInteger(number)) {
      throw new CellProblem(`${quote(value)} is not an integer`);
    }
    return number;
  },
  float: (value) => {
    const text = value.trim();
    if (!floatText.test(text)) throw new CellProblem(`${quote(value)} is not a number`);
    return Number(text);
  },
  boolean: (value) => {
    const text = value.trim().toLowerCase();
    if (trueWords.has(text)) return true;
    if (falseWords.has(text)) return false;
    throw new CellProblem(`${quote(value)} is not a boolean (use yes/no, true/false or 1/0)`);
  },
  date: (value) => {
    const text = value.trim();
    const clock = isoDateText.test(text) ? parseIso(text) : null;
    if (!clock)
      throw new CellProblem(
        `${quote(value)} is not a date (YYYY-MM-DD; add a date format transform)`,
      );
    return formatCalendarDate(clock);
  },
  datetime: (value) => {
    const text = value.trim();
    // The exact shape a dateFormat transform emits is UTC by definition, so
    // the engine's own parser is safe for it and much faster.
    if (canonicalIso.test(text)) {
      const date = new Date(text);
      // Engines roll 30 February over to March; the round trip refuses it.
      if (!Number.isNaN(date.getTime()) && date.toISOString() === text) return date;
    }
    const clock = parseIso(text);
    if (!clock) {
      throw new CellProblem(
        `${quote(value)} is not an ISO 8601 date-time (add a date format transform)`,
      );
    }
    // An ISO value without an offset is read as UTC; a dateFormat transform
    // in front of this step is how a mapping names another zone.
    return new Date(wallClockToInstant(clock, "UTC"));
  },
  ip: (value) => {
    const text = value.trim();
    if (ipv4Text.test(text)) return text;
    if (isIpv6(text)) return text.toLowerCase();
    throw new CellProblem(`${quote(value)} is not an IP address`);
  },
};

/** Turns the transformed cell into the typed value; undefined means "no value". */
function compileCoercion(dataType: AttributeDataType): (value: Cell) => unknown {
  const coerce = coercers[dataType];
  return (value) => {
    if (typeof value === "string") {
      if (value.trim() === "") return undefined;
      return dataType === "list" ? [value] : coerce(value);
    }
    const out: unknown[] = [];
    for (const element of value) {
      if (element.trim() !== "") out.push(coerce(element));
    }
    return out.length > 0 ? out : undefined;
  };
}

// ---------------------------------------------------------------- assignment

type Assign = (record: Record<string, unknown>, value: unknown) => void;

/**
 * Several mappings may feed one target: lists are concatenated (without
 * repeating a value) and for single values the first non-empty one wins, so a
 * mapping can name a fallback column.
 */
function merge(container: Record<string, unknown>, key: string, value: unknown): void {
  const existing = container[key];
  if (existing === undefined) {
    container[key] = Array.isArray(value) ? [...value] : value;
    return;
  }
  if (Array.isArray(existing) && Array.isArray(value)) {
    for (const element of value) if (!existing.includes(element)) existing.push(element);
  }
}

function child(container: Record<string, unknown>, key: string): Record<string, unknown> {
  let next = container[key];
  if (next === undefined || next === null || typeof next !== "object" || Array.isArray(next)) {
    next = {};
    container[key] = next;
  }
  return next as Record<string, unknown>;
}

function walk(
  container: Record<string, unknown>,
  path: readonly string[],
): Record<string, unknown> {
  let node = container;
  for (const key of path) node = child(node, key);
  return node;
}

function compileAssignment(targetField: string): Assign {
  const segments = targetField.split(".");
  const listAt = segments.findIndex((segment) => segment.endsWith("[]"));
  if (listAt === -1) {
    const leaf = segments[segments.length - 1];
    if (segments.length === 1) return (record, value) => merge(record, leaf, value);
    const parents = segments.slice(0, -1);
    return (record, value) => merge(walk(record, parents), leaf, value);
  }
  // "openPorts[].port" spreads a list over objects: element i of every mapping
  // into openPorts[] lands in openPorts[i], so parallel columns line up.
  const before = segments.slice(0, listAt);
  const listKey = segments[listAt].slice(0, -2);
  const inner = segments.slice(listAt + 1, -1);
  const leaf = segments[segments.length - 1];
  return (record, value) => {
    const parent = walk(record, before);
    let list = parent[listKey];
    if (!Array.isArray(list)) {
      list = [];
      parent[listKey] = list;
    }
    const items = list as Record<string, unknown>[];
    const values = Array.isArray(value) ? value : [value];
    values.forEach((element, i) => {
      items[i] ??= {};
      merge(walk(items[i], inner), leaf, element);
    });
  };
}

// ---------------------------------------------------------------- transform map

export interface CompiledTransformMap {
  readonly mappings: readonly FieldMapping[];
  apply(row: Readonly<Record<string, string | undefined>>): TransformResult;
}

interface CompiledMapping {
  column: string;
  convert: (cell: string) => Converted;
  assign: Assign;
}

/** A cell's typed value (undefined: no value), or why it has none. */
type Converted = { value: unknown; error?: undefined } | { value?: undefined; error: string };

/**
 * Most columns repeat their values row after row (a findings file repeats the
 * host's columns on each of its findings, and a QID's texts on each host), so
 * each mapping remembers what its recent cells became. Bounded per mapping by
 * entries and characters; long unique cells are simply converted again.
 */
function memoised(convert: (cell: string) => Converted): (cell: string) => Converted {
  const maxEntries = 1024;
  const maxChars = 1 << 18;
  const memo = new Map<string, Converted>();
  let chars = 0;
  return (cell) => {
    let converted = memo.get(cell);
    if (converted === undefined) {
      converted = convert(cell);
      if (memo.size >= maxEntries || chars + cell.length > maxChars) {
        memo.clear();
        chars = 0;
      }
      if (cell.length <= maxChars / 16) {
        memo.set(cell, converted);
        chars += cell.length;
      }
    }
    return converted;
  };
}

function compileConversion(
  operations: Operation[],
  coerce: (value: Cell) => unknown,
): (cell: string) => Converted {
  return (cell) => {
    let value: Cell = cell;
    try {
      for (const operation of operations) value = operation(value);
      return { value: coerce(value) };
    } catch (error) {
      if (!(error instanceof CellProblem)) throw error;
      return { error: error.message };
    }
  };
}

/**
 * Validates the mappings once and turns each into a chain of closures, so the
 * per-row work is plain function calls: no schema parsing, no switch on
 * transform types, no path splitting.
 */
export function compileTransformMap(mappings: readonly FieldMappingInput[]): CompiledTransformMap {
  const parsed = z.array(fieldMappingSchema).parse(mappings);
  const compiled: CompiledMapping[] = parsed.map((mapping) => ({
    column: mapping.sourceField,
    convert: memoised(
      compileConversion(
        mapping.transforms.map((transform) => compileOperation(transform, mapping.dataType)),
        compileCoercion(mapping.dataType),
      ),
    ),
    assign: compileAssignment(mapping.targetField),
  }));
  return {
    mappings: parsed,
    apply(row) {
      const record: Record<string, unknown> = {};
      const errors: CellError[] = [];
      for (const mapping of compiled) {
        const converted = mapping.convert(row[mapping.column] ?? "");
        if (converted.error !== undefined)
          errors.push({ column: mapping.column, reason: converted.error });
        else if (converted.value !== undefined) mapping.assign(record, converted.value);
      }
      return { record, errors };
    },
  };
}

const compiledCache = new WeakMap<readonly FieldMappingInput[], CompiledTransformMap>();

/**
 * Maps one CSV row to a data-model record. The mapping list is compiled on
 * first use and cached by identity, so pass the same array for every row.
 */
export function applyTransformMap(
  row: Readonly<Record<string, string | undefined>>,
  mappings: readonly FieldMappingInput[],
): TransformResult {
  let compiled = compiledCache.get(mappings);
  if (!compiled) {
    compiled = compileTransformMap(mappings);
    compiledCache.set(mappings, compiled);
  }
  return compiled.apply(row);
}

/** Source columns the mappings read that the file's header does not have. */
export function missingSourceColumns(
  header: readonly string[],
  mappings: readonly FieldMappingInput[],
): string[] {
  const present = new Set(header);
  return [...new Set(mappings.map((m) => m.sourceField))].filter((column) => !present.has(column));
}

/**
 * Problems of a mapping list against a data model: unknown targets and data
 * types that cannot produce the attribute's type. Meant for the wizard's
 * transform-map step, before any row is read.
 */
export function checkMappingTargets(
  mappings: readonly FieldMappingInput[],
  attributes: readonly DataModelAttributeDefinition[],
): { targetField: string; reason: string }[] {
  const byName = new Map(attributes.map((attribute) => [attribute.name, attribute]));
  const problems: { targetField: string; reason: string }[] = [];
  for (const mapping of mappings) {
    const attribute = byName.get(mapping.targetField);
    if (!attribute) {
      problems.push({
        targetField: mapping.targetField,
        reason: "no such attribute in the data model",
      });
      continue;
    }
    const wanted = attribute.dataType === "list" ? "string" : attribute.dataType;
    const given = mapping.dataType === "list" ? "string" : mapping.dataType;
    if (wanted !== given) {
      problems.push({
        targetField: mapping.targetField,
        reason: `attribute is ${attribute.dataType}, mapping produces ${mapping.dataType}`,
      });
    }
  }
  return problems;
}
