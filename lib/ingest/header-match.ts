import type { DataModelAttributeDefinition } from "@/lib/datamodels/types";
import { detectDateFormat } from "./date-format";
import {
  compileTransformMap,
  QUALYS_EMPTY_MARKER,
  type FieldMapping,
  type Transform,
} from "./transforms";

export type MatchKind = "name" | "alias" | "weak-alias" | "fuzzy";

export interface ProposedFieldMapping {
  mapping: FieldMapping;
  /** 0..1: how sure the match is, lowered when sample values do not fit the type. */
  confidence: number;
  matchedBy: MatchKind;
  /** Why the confidence is what it is, for the mapping screen. */
  note?: string;
}

export interface HeaderMatchResult {
  proposals: ProposedFieldMapping[];
  /** The proposals' mappings alone, ready for compileTransformMap or saving. */
  mappings: FieldMapping[];
  /** Header columns that no attribute claimed. */
  unmatchedColumns: string[];
  /** Required attributes no column was proposed for. */
  missingRequired: string[];
}

export interface HeaderMatchOptions {
  /** A few parsed rows; they choose date formats and delimiters and test the types. */
  samples?: readonly Readonly<Record<string, string>>[];
  /** Zone written into proposed date transforms. */
  timeZone?: string;
  /** Candidates below this are not proposed. */
  minConfidence?: number;
}

const baseConfidence: Record<MatchKind, number> = {
  name: 1,
  alias: 0.95,
  "weak-alias": 0.7,
  fuzzy: 0.6,
};
// At this level a column may feed more than one attribute ("IP" → ip and
// ipAddresses) and a list attribute may take more than one column.
const SURE = 0.9;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

function words(text: string): Set<string> {
  return new Set(
    text
      .replace(/\[\]/g, "")
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function nameMatch(
  column: string,
  attribute: DataModelAttributeDefinition,
): { kind: MatchKind; score: number } | null {
  const key = normalise(column);
  const leaf = attribute.name.split(".").pop() ?? attribute.name;
  if (
    key === normalise(attribute.name) ||
    key === normalise(leaf) ||
    key === normalise(attribute.label)
  ) {
    return { kind: "name", score: baseConfidence.name };
  }
  if (attribute.aliases?.some((alias) => normalise(alias) === key))
    return { kind: "alias", score: baseConfidence.alias };
  if (attribute.weakAliases?.some((alias) => normalise(alias) === key)) {
    return { kind: "weak-alias", score: baseConfidence["weak-alias"] };
  }
  const columnWords = words(column);
  let best = 0;
  for (const candidate of [attribute.label, attribute.name, ...(attribute.aliases ?? [])]) {
    best = Math.max(best, jaccard(columnWords, words(candidate)));
  }
  // Half the words in common is the least that reads as the same thing.
  if (best < 0.5) return null;
  return { kind: "fuzzy", score: baseConfidence.fuzzy * best };
}

const htmlTag = /<\/?[a-z][^>]*>/i;
const leadingNumber = "^\\s*([-+]?\\d+(?:\\.\\d+)?)";
const numberText = /^[-+]?\d+(?:\.\d+)?$/;

/** Default transforms for one column feeding one attribute, chosen from the sample values. */
export function proposeTransforms(
  attribute: DataModelAttributeDefinition,
  values: readonly string[],
  timeZone = "UTC",
): { transforms: Transform[]; note?: string } {
  const transforms: Transform[] = [{ type: "trim" }];
  const filled = values.map((v) => v.trim()).filter((v) => v !== "" && v !== QUALYS_EMPTY_MARKER);
  let note: string | undefined;
  if (values.some((v) => v.trim() === QUALYS_EMPTY_MARKER)) {
    transforms.push({ type: "default", emptyMarkers: [QUALYS_EMPTY_MARKER] });
  }
  if (attribute.html || filled.some((v) => htmlTag.test(v))) transforms.push({ type: "stripHtml" });

  const isList = attribute.isList || attribute.dataType === "list";
  if (isList) {
    const delimiter =
      filled.some((v) => v.includes(";")) && !filled.some((v) => v.includes(",")) ? ";" : ",";
    transforms.push({ type: "split", delimiter });
  } else if (attribute.dataType === "ip" && filled.some((v) => v.includes(","))) {
    // Several addresses in one cell: the first one is the primary address.
    transforms.push({ type: "split", delimiter: "," }, { type: "pick", index: 0 });
  }

  if (attribute.dataType === "date" || attribute.dataType === "datetime") {
    const detected = detectDateFormat(filled);
    if (detected) {
      transforms.push({ type: "dateFormat", format: detected.format, timeZone });
      if (detected.ambiguous)
        note = `dates read as ${detected.format}; day-first would also fit the samples`;
    } else {
      note =
        filled.length > 0 ? "no known date format fits the samples; set one" : "add a date format";
    }
  }

  if ((attribute.dataType === "float" || attribute.dataType === "integer") && filled.length > 0) {
    const bare = filled.every((v) => numberText.test(v));
    if (!bare && filled.every((v) => new RegExp(leadingNumber).test(v))) {
      transforms.push({ type: "extract", pattern: leadingNumber, group: 1 });
    }
  }

  if (attribute.vocabulary) {
    transforms.push({
      type: "valueMap",
      map: { ...attribute.vocabulary },
      caseSensitive: false,
      unmapped: "keep",
    });
  }
  return { transforms, note };
}

/**
 * How the sample cells fare through a proposed mapping: how many fail the
 * type, and for attributes with a fixed vocabulary how many are unknown words.
 */
function sampleFit(
  mapping: FieldMapping,
  attribute: DataModelAttributeDefinition,
  values: readonly string[],
): { fit: number; note?: string } {
  const compiled = compileTransformMap([mapping]);
  const known = attribute.vocabulary
    ? new Set(
        [...Object.keys(attribute.vocabulary), ...Object.values(attribute.vocabulary)].map((v) =>
          v.toLowerCase(),
        ),
      )
    : null;
  let filled = 0;
  let invalid = 0;
  let unknown = 0;
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed === "" || trimmed === QUALYS_EMPTY_MARKER) continue;
    filled++;
    const { record, errors } = compiled.apply({ [mapping.sourceField]: value });
    if (errors.length > 0) invalid++;
    else if (known !== null && !known.has(String(record[mapping.targetField] ?? "").toLowerCase()))
      unknown++;
  }
  if (filled === 0) return { fit: 1 };
  const notes = [
    invalid > 0
      ? `${invalid} of ${filled} sample values are not a valid ${attribute.dataType}`
      : "",
    unknown > 0
      ? `${unknown} of ${filled} sample values are not known ${attribute.label.toLowerCase()} values`
      : "",
  ].filter(Boolean);
  return {
    fit: (filled - invalid - unknown) / filled,
    ...(notes.length > 0 ? { note: notes.join("; ") } : {}),
  };
}

/**
 * Proposes a transform map from a CSV header: each column is matched against
 * attribute names, labels and known vendor spellings (exact after folding
 * case and punctuation, then by shared words), then sample values adjust the
 * confidence, so "SEVERITY" holding "Medium" loses to "Q_SEVERITY" holding 3.
 * Each attribute gets its best column; the user confirms or edits the result.
 */
export function proposeMappings(
  header: readonly string[],
  attributes: readonly DataModelAttributeDefinition[],
  options: HeaderMatchOptions = {},
): HeaderMatchResult {
  const samples = options.samples ?? [];
  const minConfidence = options.minConfidence ?? 0.35;
  const candidates: { mapping: ProposedFieldMapping; order: number }[] = [];

  header.forEach((column, order) => {
    const values = samples.map((row) => row[column] ?? "");
    for (const attribute of attributes) {
      const match = nameMatch(column, attribute);
      if (!match) continue;
      const { transforms, note } = proposeTransforms(attribute, values, options.timeZone);
      const mapping: FieldMapping = {
        sourceField: column,
        dataType: attribute.dataType,
        targetField: attribute.name,
        transforms,
      };
      let confidence = match.score;
      let why = note;
      if (values.length > 0) {
        const { fit, note: fitNote } = sampleFit(mapping, attribute, values);
        confidence *= 0.5 + 0.5 * fit;
        if (fitNote) why = why ? `${why}; ${fitNote}` : fitNote;
      }
      if (confidence < minConfidence) continue;
      candidates.push({
        mapping: {
          mapping,
          confidence: Math.round(confidence * 100) / 100,
          matchedBy: match.kind,
          ...(why ? { note: why } : {}),
        },
        order,
      });
    }
  });

  candidates.sort((a, b) => b.mapping.confidence - a.mapping.confidence || a.order - b.order);
  const byAttribute = new Map<string, ProposedFieldMapping[]>();
  const byColumn = new Map<string, ProposedFieldMapping[]>();
  const isList = new Map(attributes.map((a) => [a.name, a.isList || a.dataType === "list"]));
  const chosen: { mapping: ProposedFieldMapping; order: number }[] = [];
  for (const entry of candidates) {
    const candidate = entry.mapping;
    const { targetField, sourceField } = candidate.mapping;
    const forAttribute = byAttribute.get(targetField) ?? [];
    const forColumn = byColumn.get(sourceField) ?? [];
    const sure = candidate.confidence >= SURE;
    const allSure = (list: ProposedFieldMapping[]) => list.every((m) => m.confidence >= SURE);
    if (forAttribute.length > 0 && !(sure && isList.get(targetField) && allSure(forAttribute)))
      continue;
    if (forColumn.length > 0 && !(sure && allSure(forColumn))) continue;
    forAttribute.push(candidate);
    forColumn.push(candidate);
    byAttribute.set(targetField, forAttribute);
    byColumn.set(sourceField, forColumn);
    chosen.push(entry);
  }

  // Header order reads best on the mapping screen.
  chosen.sort((a, b) => a.order - b.order || b.mapping.confidence - a.mapping.confidence);
  const proposals = chosen.map((entry) => entry.mapping);
  return {
    proposals,
    mappings: proposals.map((proposal) => proposal.mapping),
    unmatchedColumns: header.filter((column) => !byColumn.has(column)),
    missingRequired: attributes
      .filter((a) => a.required && !byAttribute.has(a.name))
      .map((a) => a.name),
  };
}
