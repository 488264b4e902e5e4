import "server-only";
import { Readable } from "node:stream";
import { z } from "zod";
import { findBuiltInDataModel } from "@/lib/datamodels/built-in-models";
import { ValidationError } from "@/lib/errors";
import { detectPreamble, readCsv, type CsvIssue, type CsvRow } from "@/lib/ingest/csv-reader";
import { proposeMappings } from "@/lib/ingest/header-match";
import { findTemplateForHeader } from "@/lib/ingest/templates/built-in-templates";
import { compileTransformMap, fieldMappingSchema } from "@/lib/ingest/transforms";
import { createRecordValidator } from "@/lib/ingest/validate-record";
import type { PreviewTransformInput, SampleCsvInput } from "@/lib/connectors/schema";

// The transform-map step works on the first part of a file the browser read
// (at most 64 KB): enough rows to propose mappings and preview them, without
// uploading a whole export just to configure the connector.

const SAMPLE_ROWS = 50;

function modelOrThrow(key: string) {
  const model = findBuiltInDataModel(key);
  if (!model)
    throw new ValidationError("Choose a data model first.", {
      dataModelKey: ["Unknown data model."],
    });
  return model;
}

async function readSample(
  text: string,
  options: { delimiter: string; preambleLines: number | "auto"; limit: number },
) {
  const rows: CsvRow[] = [];
  const issues: CsvIssue[] = [];
  let header: readonly string[] = [];
  for await (const batch of readCsv(Readable.from([text]), {
    delimiter: options.delimiter,
    preambleLines: options.preambleLines,
    batchSize: 100,
  })) {
    header = batch.header;
    for (const error of batch.errors) issues.push(error);
    rows.push(...batch.rows);
    if (rows.length >= options.limit || batch.errors.some((e) => e.fatal)) break;
  }
  const lastRow = rows.at(options.limit - 1)?.line ?? Infinity;
  return {
    header: [...header],
    rows: rows.slice(0, options.limit),
    // Only problems among the rows shown; the rest of the sample is not on screen.
    issues: issues.filter((issue) => issue.fatal || issue.line <= lastRow),
  };
}

export async function analyzeSample(input: SampleCsvInput) {
  const model = modelOrThrow(input.dataModelKey);
  const detection = detectPreamble(input.text);
  const preambleLines =
    input.preambleLines === "auto" ? detection.preambleLines : input.preambleLines;
  const sample = await readSample(input.text, {
    delimiter: input.delimiter ?? ",",
    preambleLines,
    limit: SAMPLE_ROWS,
  });
  const fatal = sample.issues.find((issue) => issue.fatal);
  if (fatal) {
    return { ok: false as const, problem: fatal.reason };
  }
  const proposal = proposeMappings(sample.header, model.attributes, {
    samples: sample.rows.map((row) => row.values),
    timeZone: detection.reportTimeZone ?? "UTC",
  });
  const template = findTemplateForHeader(sample.header);
  return {
    ok: true as const,
    header: sample.header,
    preambleLines,
    layout: detection.layout,
    rowsInSample: sample.rows.length,
    templateKey: template && template.dataModelKey === model.key ? template.key : null,
    proposals: proposal.proposals.map((p) => ({
      mapping: p.mapping,
      confidence: p.confidence,
      matchedBy: p.matchedBy,
      note: p.note ?? null,
    })),
    unmatchedColumns: proposal.unmatchedColumns,
    missingRequired: proposal.missingRequired,
  };
}

export type SampleAnalysis = Awaited<ReturnType<typeof analyzeSample>>;

function readPath(record: unknown, path: string): unknown {
  const [head, ...rest] = path.split(".");
  if (record === null || typeof record !== "object") return undefined;
  if (head.endsWith("[]")) {
    const list = (record as Record<string, unknown>)[head.slice(0, -2)];
    if (!Array.isArray(list)) return undefined;
    const values = list
      .map((item) => readPath(item, rest.join(".")))
      .filter((v) => v !== undefined);
    return values.length > 0 ? values : undefined;
  }
  const value = (record as Record<string, unknown>)[head];
  return rest.length === 0 ? value : readPath(value, rest.join("."));
}

function display(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(display).join(", ");
  return String(value);
}

export async function previewTransform(input: PreviewTransformInput) {
  const model = modelOrThrow(input.dataModelKey);
  const mappings = z.array(fieldMappingSchema).safeParse(input.mappings);
  if (!mappings.success) {
    throw new ValidationError("Fix the highlighted mappings before previewing.", {
      mappings: mappings.error.issues.map((i) => `Row ${Number(i.path[0]) + 1}: ${i.message}`),
    });
  }
  const limit = input.limit ?? 20;
  const preambleLines = input.preambleLines;
  const sample = await readSample(input.text, {
    delimiter: input.delimiter ?? ",",
    preambleLines,
    limit,
  });
  const fatal = sample.issues.find((issue) => issue.fatal);
  if (fatal) return { ok: false as const, problem: fatal.reason };

  const compiled = compileTransformMap(mappings.data);
  const validate = createRecordValidator(model.recordSchema, mappings.data);
  const targets = [...new Set(mappings.data.map((m) => m.targetField))];
  const targetsBySource = new Map<string, string[]>();
  for (const m of mappings.data) {
    targetsBySource.set(m.sourceField, [
      ...(targetsBySource.get(m.sourceField) ?? []),
      m.targetField,
    ]);
  }
  const missingColumns = [...new Set(mappings.data.map((m) => m.sourceField))].filter(
    (column) => !sample.header.includes(column),
  );

  const rows = sample.rows.map((row) => {
    const { record, errors } = compiled.apply(row.values);
    const problems =
      errors.length > 0
        ? errors
        : (() => {
            const checked = validate(record);
            return checked.ok ? [] : checked.errors;
          })();
    const cells: Record<string, string> = {};
    for (const target of targets) cells[target] = display(readPath(record, target));
    return {
      line: row.line,
      cells,
      errors: problems.map((problem) => ({
        column: problem.column,
        targets: targetsBySource.get(problem.column) ?? [],
        reason: problem.reason,
      })),
    };
  });

  return {
    ok: true as const,
    header: sample.header,
    targets,
    rows,
    rowIssues: sample.issues.map((issue) => ({ line: issue.line, reason: issue.reason })),
    missingColumns,
  };
}

export type TransformPreview = Awaited<ReturnType<typeof previewTransform>>;
