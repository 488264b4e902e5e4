import type { z } from "zod";
import type { CellError, FieldMappingInput } from "./transforms";

export type RecordValidation<T> = { ok: true; record: T } | { ok: false; errors: CellError[] };

/**
 * Checks a transformed record against its data model and names each problem
 * by the CSV column it came from, so a run's row errors point at something the
 * user can find in the file. Build one per transform map and reuse it.
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
  return (record) => {
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
