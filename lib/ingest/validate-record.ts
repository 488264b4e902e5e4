import { z } from "zod";
import { recordRulesOf, type RecordIssue } from "@/lib/datamodels/record-schema";
import type { CellError, FieldMappingInput } from "./transforms";

export type RecordValidation<T> = { ok: true; record: T } | { ok: false; errors: CellError[] };

/** True when a value certainly passes its field's schema and would come out of it unchanged. */
type FieldCheck = (value: unknown) => boolean;

/** A schema with nothing but its type: no checks, formats, coercion or defaults. */
function isPlain(schema: z.ZodType, type: new (...args: never[]) => z.ZodType, extra?: string) {
  if (schema.constructor !== type) return false;
  const def = schema.def as unknown as Record<string, unknown>;
  return Object.keys(def).every(
    (key) =>
      key === "type" ||
      key === extra ||
      (key === "checks" && Array.isArray(def.checks) && def.checks.length === 0),
  );
}

/** Primitive values a check has answered, per field; bounded, so unique values just re-check. */
const MAX_REMEMBERED = 1024;

/**
 * A fast, conservative stand-in for `schema.safeParse(value)`: plain strings,
 * booleans, dates, enums, arrays and strict objects are checked directly; anything else goes
 * through zod, with the answers for repeated primitive values remembered.
 */
function fieldCheck(schema: z.ZodType): FieldCheck {
  if (schema instanceof z.ZodOptional && isPlain(schema, z.ZodOptional, "innerType")) {
    const inner = fieldCheck(schema.unwrap() as z.ZodType);
    return (value) => value === undefined || inner(value);
  }
  if (isPlain(schema, z.ZodString)) return (value) => typeof value === "string";
  if (isPlain(schema, z.ZodBoolean)) return (value) => typeof value === "boolean";
  if (isPlain(schema, z.ZodDate))
    return (value) => value instanceof Date && !Number.isNaN(value.getTime());
  if (schema instanceof z.ZodEnum && isPlain(schema, z.ZodEnum, "entries")) {
    const values = Object.values(schema.def.entries);
    if (values.every((value) => typeof value === "string")) {
      const allowed = new Set<unknown>(values);
      return (value) => allowed.has(value);
    }
  }
  if (schema instanceof z.ZodArray && isPlain(schema, z.ZodArray, "element")) {
    const element = fieldCheck(schema.element as z.ZodType);
    return (value) => Array.isArray(value) && value.every(element);
  }
  const nested = fastAcceptor(schema);
  if (nested) {
    return (value) =>
      typeof value === "object" &&
      value !== null &&
      Object.getPrototypeOf(value) === Object.prototype &&
      nested(value as Record<string, unknown>);
  }
  const remembered = new Map<unknown, boolean>();
  return (value) => {
    const primitive = value === null || (typeof value !== "object" && typeof value !== "function");
    if (primitive) {
      const known = remembered.get(value);
      if (known !== undefined) return known;
    }
    const result = schema.safeParse(value);
    const passes = result.success && Object.is(result.data, value);
    if (primitive) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      remembered.set(value, passes);
    }
    return passes;
  };
}

/**
 * Field-by-field checking of a strict object schema whose rules across fields
 * were registered with strictRecordSchema (or that has none). Answers true
 * only for records zod would accept and return unchanged; null when the
 * schema is of another kind.
 */
function fastAcceptor(schema: z.ZodType): ((record: Record<string, unknown>) => boolean) | null {
  if (!(schema instanceof z.ZodObject)) return null;
  const def = schema.def;
  if (!(def.catchall instanceof z.ZodNever)) return null;
  const rules: (record: Record<string, unknown>) => RecordIssue[] =
    recordRulesOf(schema) ?? (() => []);
  if (def.checks?.length && !recordRulesOf(schema)) return null;
  const checks = new Map<string, FieldCheck>();
  const required: string[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    checks.set(key, fieldCheck(field));
    if (!field.safeParse(undefined).success) required.push(key);
  }
  return (record) => {
    for (const key in record) {
      const check = checks.get(key);
      if (check === undefined || !check(record[key])) return false;
    }
    for (const key of required) if (record[key] === undefined) return false;
    return rules(record).length === 0;
  };
}

/**
 * Checks a transformed record against its data model and names each problem
 * by the CSV column it came from, so a run's row errors point at something the
 * user can find in the file. Build one per transform map and reuse it.
 *
 * Most rows of a file are valid: those are recognised field by field and
 * passed through as they are. Only a row that may have a problem goes through
 * zod, whose messages the errors carry.
 */
export function createRecordValidator<T>(
  schema: z.ZodType<T>,
  mappings: readonly FieldMappingInput[],
): (record: Record<string, unknown>) => RecordValidation<T> {
  const columnByTarget = new Map<string, string>();
  for (const mapping of mappings) {
    // Normalise "openPorts[].port" to "openPorts.port" so it matches issue paths.
    const target = mapping.targetField.replace(/\[\]/g, "");
    if (!columnByTarget.has(target)) columnByTarget.set(target, mapping.sourceField);
  }
  const accepts = fastAcceptor(schema);
  return (record) => {
    if (accepts?.(record)) return { ok: true, record: record as T };
    const result = schema.safeParse(record);
    if (result.success) return { ok: true, record: result.data };
    const errors = result.error.issues.map((issue) => {
      const path = issue.path.filter((segment) => typeof segment === "string").join(".");
      const column = columnByTarget.get(path) ?? (path || "(record)");
      const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      if (missing) return { column, reason: `${path} is required but the row has no value for it` };
      return { column, reason: path ? `${path}: ${issue.message}` : issue.message };
    });
    return { ok: false, errors };
  };
}
