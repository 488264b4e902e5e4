import { z } from "zod";
import type { AttributeDataType, DataModelAttributeDefinition } from "./types";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The zod type a transformed value of this data type must have (see lib/ingest/transforms.ts). */
export function valueSchemaFor(dataType: AttributeDataType): z.ZodType {
  switch (dataType) {
    case "string":
      return z.string();
    case "integer":
      return z.number().int();
    case "float":
      return z.number().finite();
    case "boolean":
      return z.boolean();
    // A calendar date has no time zone, so it stays a YYYY-MM-DD string rather
    // than a Date that would silently pin it to UTC midnight.
    case "date":
      return z.string().regex(isoDate, "expected a date as YYYY-MM-DD");
    case "datetime":
      return z.date();
    case "ip":
      return z.union([z.ipv4(), z.ipv6()], { error: "expected an IPv4 or IPv6 address" });
    case "list":
      return z.array(z.string());
  }
}

/** A problem a record-level rule finds in a whole record. */
export type RecordIssue = { path: string[]; message: string };

const recordRules = new WeakMap<z.ZodType, (record: Record<string, unknown>) => RecordIssue[]>();

/**
 * A strict record schema whose rules across fields are a plain function, kept
 * beside the schema: the ingest validator can then check a record field by
 * field and run the same function, without zod rebuilding every row.
 */
export function strictRecordSchema<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
  rules: (record: z.infer<z.ZodObject<Shape, z.core.$strict>>) => RecordIssue[],
) {
  const schema = z.strictObject(shape).superRefine((record, ctx) => {
    for (const issue of rules(record)) ctx.addIssue({ code: "custom", ...issue });
  });
  recordRules.set(schema, rules as (record: Record<string, unknown>) => RecordIssue[]);
  return schema;
}

/** The record-level rules strictRecordSchema registered for this schema, if any. */
export function recordRulesOf(schema: z.ZodType) {
  return recordRules.get(schema);
}

interface Branch {
  children: Map<string, Branch | DataModelAttributeDefinition>;
  listOfObjects: boolean;
}

function isBranch(node: Branch | DataModelAttributeDefinition): node is Branch {
  return "children" in node;
}

function hasRequired(branch: Branch): boolean {
  for (const child of branch.children.values()) {
    if (isBranch(child) ? hasRequired(child) : child.required) return true;
  }
  return false;
}

function toSchema(
  branch: Branch,
  overrides: Readonly<Record<string, z.ZodType>>,
  inList: boolean,
): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, child] of branch.children) {
    if (isBranch(child)) {
      const inner = toSchema(child, overrides, inList || child.listOfObjects);
      if (child.listOfObjects) shape[key] = z.array(inner).optional();
      else shape[key] = hasRequired(child) ? inner : inner.optional();
      continue;
    }
    let schema = overrides[child.name] ?? valueSchemaFor(child.dataType);
    // Inside a list of objects the list is the parent: each element holds one value.
    const listValued = child.isList && !inList && child.dataType !== "list";
    if (listValued && !overrides[child.name]) schema = z.array(schema);
    shape[key] = child.required ? schema : schema.optional();
  }
  // Strict so that a mapping aimed at a misspelt attribute fails loudly instead
  // of being stored where nothing will ever read it.
  return z.strictObject(shape);
}

/**
 * Builds the zod schema of a transformed record from an attribute list, so the
 * list shown to users and the validation can never disagree. `overrides`
 * replaces the value schema of single attributes (ranges, enums).
 */
export function buildRecordSchema(
  attributes: readonly DataModelAttributeDefinition[],
  overrides: Readonly<Record<string, z.ZodType>> = {},
): z.ZodType<Record<string, unknown>> {
  const root: Branch = { children: new Map(), listOfObjects: false };
  for (const attribute of attributes) {
    const segments = attribute.name.split(".");
    let branch = root;
    for (const segment of segments.slice(0, -1)) {
      const listOfObjects = segment.endsWith("[]");
      const key = listOfObjects ? segment.slice(0, -2) : segment;
      let next = branch.children.get(key);
      if (!next) {
        next = { children: new Map(), listOfObjects };
        branch.children.set(key, next);
      }
      if (!isBranch(next)) throw new Error(`attribute ${attribute.name} nests under a leaf`);
      branch = next;
    }
    branch.children.set(segments[segments.length - 1], attribute);
  }
  return toSchema(root, overrides, false) as z.ZodType<Record<string, unknown>>;
}
