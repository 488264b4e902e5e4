import { z } from "zod";
import {
  fieldMappingSchema,
  type FieldMapping,
  type FieldMappingInput,
  type TransformInput,
} from "../transforms";

/**
 * A ready-made transform map. Its fields line up with transform_maps and
 * field_mappings so the wizard can copy it into a tenant's own map
 * (templateKey records where the copy came from).
 */
export interface TransformMapTemplate {
  key: string;
  name: string;
  description: string;
  dataModelKey: string;
  preambleLines: number;
  delimiter: string;
  /** Columns whose presence marks a file as this layout. */
  signature: readonly string[];
  mappings: readonly FieldMapping[];
}

const templateSchema = z.strictObject({
  key: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  description: z.string().min(1),
  dataModelKey: z.string().min(1),
  preambleLines: z.number().int().min(0),
  delimiter: z.string().length(1),
  signature: z.array(z.string().min(1)).min(1),
  mappings: z.array(fieldMappingSchema).min(1),
});

/** Validates a template once at module load, so a typo fails every test, not a customer's run. */
export function defineTemplate(input: z.input<typeof templateSchema>): TransformMapTemplate {
  return templateSchema.parse(input);
}

/** One mapping with the trim every CSV cell needs, followed by `transforms`. */
export function column(
  sourceField: string,
  targetField: string,
  dataType: FieldMappingInput["dataType"],
  ...transforms: TransformInput[]
): FieldMappingInput {
  return { sourceField, targetField, dataType, transforms: [{ type: "trim" }, ...transforms] };
}

export function templateMatchesHeader(
  template: TransformMapTemplate,
  header: readonly string[],
): boolean {
  const present = new Set(header.map((name) => name.trim().toLowerCase()));
  return template.signature.every((name) => present.has(name.toLowerCase()));
}

/**
 * A copy of the template whose date transforms read wall-clock times in
 * `timeZone`, e.g. the offset a VMDR report states in its first line.
 */
export function withTimeZone(
  template: TransformMapTemplate,
  timeZone: string,
): TransformMapTemplate {
  return defineTemplate({
    ...template,
    signature: [...template.signature],
    mappings: template.mappings.map((mapping) => ({
      ...mapping,
      transforms: mapping.transforms.map((transform) =>
        transform.type === "dateFormat" ? { ...transform, timeZone } : transform,
      ),
    })),
  });
}
