import { z } from "zod";

export const attributeDataTypes = [
  "string",
  "integer",
  "float",
  "boolean",
  "date",
  "datetime",
  "ip",
  "list",
] as const;

export const attributeDataTypeSchema = z.enum(attributeDataTypes);
export type AttributeDataType = z.infer<typeof attributeDataTypeSchema>;

export type DataModelKind = "ASSET" | "FINDING" | "LOG_EVENT";

/**
 * One attribute of a built-in data model. The first six fields are what the
 * data_model_attributes table stores; the optional hints below them only help
 * header matching propose a mapping and never reach the database.
 */
export interface DataModelAttributeDefinition {
  /** Dotted path in the record; `[]` marks a list of objects, e.g. "openPorts[].port". */
  name: string;
  label: string;
  /** For list attributes this is the element type; "list" alone means a list of strings. */
  dataType: AttributeDataType;
  isList: boolean;
  required: boolean;
  description: string;
  /** Column names seen in real exports that mean this attribute. */
  aliases?: readonly string[];
  /** Names that usually mean this attribute but are weaker evidence, e.g. "Last Scan". */
  weakAliases?: readonly string[];
  /** Vendor spellings of the allowed values, keyed case-insensitively, for a proposed value map. */
  vocabulary?: Readonly<Record<string, string>>;
  /** Free text from scanners that often carries HTML markup. */
  html?: boolean;
}

export interface DataModelDefinition<TRecord> {
  /** Stable key stored in data_models.key. */
  key: string;
  name: string;
  kind: DataModelKind;
  version: number;
  attributes: readonly DataModelAttributeDefinition[];
  recordSchema: z.ZodType<TRecord>;
}
