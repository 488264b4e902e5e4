"use client";

import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Eye, FileUp, LoaderCircle, Plus, SlidersHorizontal, Trash2, Wand2 } from "lucide-react";
import { toast } from "sonner";
import { analyzeSampleAction, previewTransformAction } from "@/lib/connectors/actions";
import type { SampleAnalysis, TransformPreview } from "@/lib/connectors/wizard/sample";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { attributeDataTypes } from "@/lib/datamodels/types";
import type { FieldMappingInput, TransformInput } from "@/lib/ingest/transforms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { pluralize } from "@/components/ui/format";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { resultMessage } from "@/components/settings/action-result";
import { TransformPreviewTable } from "../transform-preview";
import { describeTransform, TransformsEditor } from "../transforms-editor";
import { useWizard } from "../wizard-context";
import { ChoiceCard } from "./choice-card";

const SAMPLE_BYTES = 64 * 1024;

const delimiters = [
  { value: ",", label: "Comma ( , )" },
  { value: ";", label: "Semicolon ( ; )" },
  { value: "\t", label: "Tab" },
  { value: "|", label: "Pipe ( | )" },
];

function confidenceKey(mapping: { sourceField: string; targetField: string }) {
  return `${mapping.sourceField}→${mapping.targetField}`;
}

function ConfidenceBadge({ value }: { value: number }) {
  const tone = value >= 0.9 ? "success" : value >= 0.6 ? "warning" : "destructive";
  return (
    <Badge tone={tone} title="How sure the header match is">
      {Math.round(value * 100)}%
    </Badge>
  );
}

/** The first 64 KB of a file, cut at the last complete line. */
async function readSample(file: File): Promise<string> {
  const text = await file.slice(0, SAMPLE_BYTES).text();
  if (file.size <= SAMPLE_BYTES) return text;
  const cut = text.lastIndexOf("\n");
  return cut > 0 ? text.slice(0, cut + 1) : text;
}

export function TransformMapStep() {
  const { catalog } = useWizard();
  const form = useFormContext<WizardValues>();
  const {
    register,
    setValue,
    getValues,
    control,
    formState: { errors },
  } = form;
  const { fields, append, remove, replace } = useFieldArray({
    control,
    name: "transformMap.mappings",
  });
  const [modelKey, connectorName, templateKey, sample, confidence, preambleLines, delimiter] =
    useWatch({
      control,
      name: [
        "dataModel.key",
        "basic.name",
        "transformMap.templateKey",
        "transformMap.sample",
        "transformMap.confidence",
        "transformMap.preambleLines",
        "transformMap.delimiter",
      ],
    });
  const mappings = useWatch({ control, name: "transformMap.mappings" });
  const model = catalog.dataModels.find((m) => m.key === modelKey);
  const templates = catalog.templates.filter((t) => t.dataModelKey === modelKey);
  const attributes = model?.attributes ?? [];
  const attributeByName = new Map(attributes.map((a) => [a.name, a]));

  const [pendingTemplate, setPendingTemplate] = useState<string | null | undefined>(undefined);
  const [analysis, setAnalysis] = useState<Extract<SampleAnalysis, { ok: true }> | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<TransformPreview | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [editing, setEditing] = useState<number | null>(null);
  const [draftRow, setDraftRow] = useState({
    sourceField: "",
    dataType: "string",
    targetField: "",
  });
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!getValues("transformMap.name")) {
      setValue("transformMap.name", connectorName ? `${connectorName} map` : "Transform map");
    }
  }, [connectorName, getValues, setValue]);

  const header = sample?.header ?? [];
  const missing = new Set(
    header.length > 0
      ? mappings.map((m) => m.sourceField).filter((f) => f && !header.includes(f))
      : [],
  );

  function applyTemplate(key: string | null) {
    const template = catalog.templates.find((t) => t.key === key);
    setValue("transformMap.templateKey", template?.key ?? null);
    if (template) {
      setValue("transformMap.name", template.name);
      setValue("transformMap.preambleLines", template.preambleLines);
      setValue("transformMap.delimiter", template.delimiter);
      replace(
        template.mappings.map((m) => ({ ...m, transforms: m.transforms.map((t) => ({ ...t })) })),
      );
    } else {
      replace([]);
    }
    setValue("transformMap.confidence", {});
    setPreview(null);
  }

  function chooseTemplate(key: string | null) {
    if (key === templateKey) return;
    if (getValues("transformMap.mappings").length > 0) setPendingTemplate(key);
    else applyTemplate(key);
  }

  async function runPreview(text = sample?.text, lines = preambleLines) {
    if (!text) return;
    const current = getValues("transformMap.mappings");
    if (current.length === 0) return;
    setPreviewing(true);
    try {
      const result = await previewTransformAction({
        text,
        dataModelKey: modelKey,
        delimiter: getValues("transformMap.delimiter"),
        preambleLines: Number(lines) || 0,
        mappings: current,
      });
      if ("data" in result) setPreview(result.data);
      else toast.error("No preview", { description: resultMessage(result) ?? undefined });
    } finally {
      setPreviewing(false);
    }
  }

  async function onFile(file: File | undefined) {
    if (!file) return;
    setUploadProblem(null);
    setUploading(true);
    try {
      const text = await readSample(file);
      const result = await analyzeSampleAction({
        text,
        dataModelKey: modelKey,
        delimiter: getValues("transformMap.delimiter"),
        preambleLines: "auto",
      });
      if (!("data" in result)) {
        setUploadProblem(resultMessage(result));
        return;
      }
      if (!result.data.ok) {
        setUploadProblem(result.data.problem);
        return;
      }
      const found = result.data;
      setAnalysis(found);
      setValue("transformMap.sample", { fileName: file.name, text, header: found.header });
      setValue("transformMap.preambleLines", found.preambleLines);
      const scores = Object.fromEntries(
        found.proposals.map((p) => [confidenceKey(p.mapping), p.confidence]),
      );
      setValue("transformMap.confidence", scores);
      if (getValues("transformMap.mappings").length === 0) {
        replace(found.proposals.map((p) => p.mapping as FieldMappingInput));
      }
      await runPreview(text, found.preambleLines);
    } catch {
      setUploadProblem("The file could not be read.");
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  function addRow() {
    if (!draftRow.sourceField.trim() || !draftRow.targetField) {
      toast.error("Choose a source field and a target field to add a mapping.");
      return;
    }
    append({
      sourceField: draftRow.sourceField.trim(),
      dataType: draftRow.dataType as FieldMappingInput["dataType"],
      targetField: draftRow.targetField,
      transforms: [{ type: "trim" }],
    });
    setDraftRow({ sourceField: "", dataType: "string", targetField: "" });
  }

  const onAddKey = (event: KeyboardEvent) => {
    // Enter here adds the row instead of submitting the step.
    if (event.key === "Enter") {
      event.preventDefault();
      addRow();
    }
  };

  const mappingsError =
    (errors.transformMap?.mappings as { root?: { message?: string }; message?: string } | undefined)
      ?.root?.message ?? errors.transformMap?.mappings?.message;
  const nameError = errors.transformMap?.name?.message;
  const preambleError = errors.transformMap?.preambleLines?.message;
  const templateName = catalog.templates.find((t) => t.key === analysis?.templateKey)?.name;

  return (
    <div className="grid grid-cols-1 gap-6">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-[13px] font-medium">Start from</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {templates.map((template) => (
            <ChoiceCard
              key={template.key}
              name="transform-template"
              value={template.key}
              checked={templateKey === template.key}
              onChange={() => chooseTemplate(template.key)}
              title={template.name}
              description={`${pluralize(template.mappings.length, "mapping")} · ready-made`}
            />
          ))}
          <ChoiceCard
            name="transform-template"
            value=""
            checked={templateKey === null}
            onChange={() => chooseTemplate(null)}
            title="Start empty"
            description="Map the columns yourself, or let a sample file propose the mappings."
          />
        </div>
      </fieldset>
      <ConfirmDialog
        open={pendingTemplate !== undefined}
        onOpenChange={(open) => (open ? null : setPendingTemplate(undefined))}
        title="Replace the current mappings?"
        description={`The ${pluralize(getValues("transformMap.mappings").length, "mapping")} below will be replaced.`}
        confirmLabel="Replace"
        onConfirm={() => {
          applyTemplate(pendingTemplate ?? null);
          setPendingTemplate(undefined);
        }}
      />

      <div className="grid items-start gap-4 md:grid-cols-[1fr_10rem_12rem]">
        <Field id="map-name" label="Map name" error={nameError}>
          <Input
            id="map-name"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={fieldDescribedBy("map-name", { error: nameError })}
            {...register("transformMap.name")}
          />
        </Field>
        <Field
          id="map-preamble"
          label="Preamble lines"
          error={preambleError}
          hint="Lines before the header."
        >
          <Input
            id="map-preamble"
            type="number"
            min={0}
            inputMode="numeric"
            aria-invalid={preambleError ? true : undefined}
            aria-describedby={fieldDescribedBy("map-preamble", {
              error: preambleError,
              hint: true,
            })}
            {...register("transformMap.preambleLines", { valueAsNumber: true })}
          />
        </Field>
        <Field id="map-delimiter" label="Delimiter">
          <Select
            id="map-delimiter"
            value={delimiter}
            onChange={(e) => setValue("transformMap.delimiter", e.target.value)}
          >
            {delimiters.map((d) => (
              <option key={d.label} value={d.value}>
                {d.label}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-dashed border-border bg-muted/30 px-4 py-3">
        <FileUp aria-hidden className="size-5 text-muted-foreground" />
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium">
            {sample ? `Sample: ${sample.fileName}` : "Upload a sample CSV"}
          </p>
          <p className="text-[13px] text-muted-foreground">
            Only the first 64 KB is read, to list the columns, propose mappings and preview the
            result.
            {sample && header.length > 0 ? ` ${pluralize(header.length, "column")} found.` : null}
          </p>
        </div>
        <input
          ref={fileInput}
          id="sample-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          className="sr-only"
          aria-label="Sample CSV file"
          onChange={(e) => onFile(e.target.files?.[0])}
        />
        <Button variant="secondary" onClick={() => fileInput.current?.click()} disabled={uploading}>
          {uploading ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <FileUp aria-hidden />
          )}
          {sample ? "Choose another file" : "Choose file"}
        </Button>
      </div>
      {uploadProblem ? (
        <Alert tone="destructive" role="alert" title="The sample could not be used">
          {uploadProblem}
        </Alert>
      ) : null}
      {analysis ? (
        <Alert
          tone="info"
          title={`${pluralize(analysis.proposals.length, "mapping")} proposed from the header`}
        >
          <div className="grid gap-2">
            <p>
              {analysis.preambleLines > 0
                ? `${pluralize(analysis.preambleLines, "preamble line")} detected before the header. `
                : null}
              {analysis.unmatchedColumns.length > 0
                ? `Not mapped: ${analysis.unmatchedColumns.slice(0, 8).join(", ")}${analysis.unmatchedColumns.length > 8 ? "…" : ""}.`
                : "Every column has a proposal."}
            </p>
            <div className="flex flex-wrap gap-2">
              {templateName && analysis.templateKey !== templateKey ? (
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => chooseTemplate(analysis.templateKey)}
                >
                  Use “{templateName}”
                </Button>
              ) : null}
              {fields.length > 0 ? (
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() =>
                    replace(analysis.proposals.map((p) => p.mapping as FieldMappingInput))
                  }
                >
                  <Wand2 aria-hidden />
                  Replace with the proposed mappings
                </Button>
              ) : null}
            </div>
          </div>
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-2">
        <div className="flex items-end justify-between gap-3">
          <div>
            <h3 className="text-sm font-semibold">Field mappings</h3>
            <p className="text-[13px] text-muted-foreground">
              Each row reads a source column, applies its transforms and stores the value in an
              attribute of the {model?.name ?? "chosen"} model.
            </p>
          </div>
          <Badge>{pluralize(fields.length, "mapping")}</Badge>
        </div>
        {mappingsError ? (
          <p id="mappings-error" role="alert" className="text-[13px] text-destructive">
            {mappingsError}
          </p>
        ) : null}
        <datalist id="sample-columns">
          {header.map((column) => (
            <option key={column} value={column} />
          ))}
        </datalist>
        <div className="overflow-x-auto rounded-lg border border-border">
          <table className="w-full min-w-[56rem] text-sm">
            <caption className="sr-only">Field mappings</caption>
            <thead className="bg-muted/60 text-xs text-muted-foreground">
              <tr className="border-b border-border">
                <th scope="col" className="h-9 w-10 pl-4 text-left font-medium">
                  #
                </th>
                <th scope="col" className="px-2 text-left font-medium">
                  Source field
                </th>
                <th scope="col" className="w-32 px-2 text-left font-medium">
                  Data type
                </th>
                <th scope="col" className="px-2 text-left font-medium">
                  Target field
                </th>
                <th scope="col" className="px-2 text-left font-medium">
                  Transforms
                </th>
                <th scope="col" className="w-20 pr-4 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.length === 0 ? (
                <tr>
                  <td
                    colSpan={6}
                    className="px-4 py-6 text-center text-[13px] text-muted-foreground"
                  >
                    No mappings yet. Choose a ready-made map, upload a sample, or add rows below.
                  </td>
                </tr>
              ) : null}
              {fields.map((field, index) => {
                const row = mappings[index] ?? field;
                const rowErrors = errors.transformMap?.mappings?.[index];
                const sourceError = rowErrors?.sourceField?.message;
                const targetError = rowErrors?.targetField?.message;
                const score = confidence?.[confidenceKey(row)];
                const transforms = (row.transforms ?? []) as TransformInput[];
                return (
                  <tr key={field.id} className="border-b border-border align-top last:border-b-0">
                    <td className="py-2.5 pl-4 text-muted-foreground tabular-nums">{index + 1}</td>
                    <td className="px-2 py-1.5">
                      <Input
                        controlSize="sm"
                        list="sample-columns"
                        aria-label={`Source field of mapping ${index + 1}`}
                        aria-invalid={sourceError ? true : undefined}
                        className={cn(missing.has(row.sourceField) && "border-warning")}
                        {...register(`transformMap.mappings.${index}.sourceField`)}
                      />
                      {sourceError ? (
                        <p className="mt-1 text-xs text-destructive">{sourceError}</p>
                      ) : null}
                      {missing.has(row.sourceField) ? (
                        <p className="mt-1 text-xs text-warning">Not a column of the sample.</p>
                      ) : null}
                    </td>
                    <td className="px-2 py-1.5">
                      <Select
                        controlSize="sm"
                        aria-label={`Data type of mapping ${index + 1}`}
                        {...register(`transformMap.mappings.${index}.dataType`)}
                      >
                        {attributeDataTypes.map((type) => (
                          <option key={type} value={type}>
                            {type}
                          </option>
                        ))}
                      </Select>
                    </td>
                    <td className="px-2 py-1.5">
                      <Select
                        controlSize="sm"
                        aria-label={`Target field of mapping ${index + 1}`}
                        aria-invalid={targetError ? true : undefined}
                        {...register(`transformMap.mappings.${index}.targetField`, {
                          onChange: (event) => {
                            const attribute = attributeByName.get(event.target.value);
                            if (attribute)
                              setValue(
                                `transformMap.mappings.${index}.dataType`,
                                attribute.dataType,
                              );
                          },
                        })}
                      >
                        {attributeByName.has(row.targetField) ? null : (
                          <option value={row.targetField}>{row.targetField || "Choose…"}</option>
                        )}
                        {attributes.map((attribute) => (
                          <option key={attribute.name} value={attribute.name}>
                            {attribute.label} ({attribute.name})
                          </option>
                        ))}
                      </Select>
                      {targetError ? (
                        <p className="mt-1 text-xs text-destructive">{targetError}</p>
                      ) : null}
                    </td>
                    <td className="px-2 py-1.5">
                      <div className="flex flex-wrap items-center gap-1">
                        {transforms.length === 0 ? (
                          <span className="text-xs text-muted-foreground">none</span>
                        ) : (
                          transforms.map((t, i) => (
                            <span
                              key={i}
                              className="rounded bg-muted px-1.5 py-0.5 font-mono text-[11px]"
                            >
                              {describeTransform(t)}
                            </span>
                          ))
                        )}
                        {score !== undefined ? <ConfidenceBadge value={score} /> : null}
                      </div>
                    </td>
                    <td className="py-1.5 pr-4">
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="icon"
                          className="size-8"
                          aria-label={`Edit transforms of mapping ${index + 1}`}
                          onClick={() => setEditing(index)}
                        >
                          <SlidersHorizontal aria-hidden />
                        </Button>
                        <Button
                          variant="ghost-destructive"
                          size="icon"
                          className="size-8"
                          aria-label={`Remove mapping ${index + 1}`}
                          onClick={() => remove(index)}
                        >
                          <Trash2 aria-hidden />
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot className="border-t border-border bg-muted/30">
              <tr className="align-bottom">
                <td className="py-2.5 pl-4 text-muted-foreground">
                  <Plus aria-hidden className="size-4" />
                </td>
                <td className="px-2 py-2">
                  <Label htmlFor="add-source" className="text-xs text-muted-foreground">
                    Source field
                  </Label>
                  <Input
                    id="add-source"
                    controlSize="sm"
                    list="sample-columns"
                    value={draftRow.sourceField}
                    onKeyDown={onAddKey}
                    onChange={(e) => setDraftRow((r) => ({ ...r, sourceField: e.target.value }))}
                  />
                </td>
                <td className="px-2 py-2">
                  <Label htmlFor="add-type" className="text-xs text-muted-foreground">
                    Data type
                  </Label>
                  <Select
                    id="add-type"
                    controlSize="sm"
                    value={draftRow.dataType}
                    onKeyDown={onAddKey}
                    onChange={(e) => setDraftRow((r) => ({ ...r, dataType: e.target.value }))}
                  >
                    {attributeDataTypes.map((type) => (
                      <option key={type} value={type}>
                        {type}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="px-2 py-2">
                  <Label htmlFor="add-target" className="text-xs text-muted-foreground">
                    Target field
                  </Label>
                  <Select
                    id="add-target"
                    controlSize="sm"
                    value={draftRow.targetField}
                    onKeyDown={onAddKey}
                    onChange={(e) => {
                      const attribute = attributeByName.get(e.target.value);
                      setDraftRow((r) => ({
                        ...r,
                        targetField: e.target.value,
                        dataType: attribute?.dataType ?? r.dataType,
                      }));
                    }}
                  >
                    <option value="">Choose…</option>
                    {attributes.map((attribute) => (
                      <option key={attribute.name} value={attribute.name}>
                        {attribute.label} ({attribute.name})
                      </option>
                    ))}
                  </Select>
                </td>
                <td className="px-2 py-2" colSpan={2}>
                  <Button variant="secondary" size="sm" className="h-8" onClick={addRow}>
                    <Plus aria-hidden />
                    Add
                  </Button>
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </div>

      {editing !== null ? (
        <TransformsEditor
          open
          onOpenChange={(open) => (open ? null : setEditing(null))}
          column={mappings[editing]?.sourceField ?? ""}
          target={mappings[editing]?.targetField ?? ""}
          transforms={(mappings[editing]?.transforms ?? []) as TransformInput[]}
          onApply={(next) =>
            setValue(`transformMap.mappings.${editing}.transforms`, next, { shouldDirty: true })
          }
        />
      ) : null}

      <div className="grid grid-cols-1 gap-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h3 className="text-sm font-semibold">Preview</h3>
            <p className="text-[13px] text-muted-foreground">
              The first 20 rows of the sample after the mappings, with the cells that would be
              rejected.
            </p>
          </div>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => runPreview()}
            disabled={!sample || fields.length === 0 || previewing}
          >
            {previewing ? (
              <LoaderCircle aria-hidden className="animate-spin" />
            ) : (
              <Eye aria-hidden />
            )}
            {preview ? "Refresh preview" : "Preview"}
          </Button>
        </div>
        {preview ? (
          <TransformPreviewTable preview={preview} />
        ) : (
          <p className="rounded-md border border-dashed border-border px-3 py-4 text-center text-[13px] text-muted-foreground">
            {sample
              ? "Preview the sample to check the mappings."
              : "Upload a sample CSV to preview the result."}
          </p>
        )}
      </div>
    </div>
  );
}
