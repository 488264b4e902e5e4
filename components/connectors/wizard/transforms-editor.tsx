"use client";

import { useState } from "react";
import { z } from "zod";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { transformSchema, type TransformInput } from "@/lib/ingest/transforms";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";

type TransformType = TransformInput["type"];

export const transformLabels: Record<TransformType, string> = {
  trim: "Trim spaces",
  case: "Change case",
  dateFormat: "Date format",
  split: "Split into a list",
  pick: "Pick one list element",
  default: "Default for empty cells",
  valueMap: "Map values",
  stripHtml: "Strip HTML",
  extract: "Extract with a pattern",
};

/** A short reading of one transform, for the mapping table. */
export function describeTransform(t: TransformInput): string {
  switch (t.type) {
    case "trim":
      return "trim";
    case "case":
      return `${t.to}case`;
    case "dateFormat":
      return `date ${t.format}${t.timeZone && t.timeZone !== "UTC" ? ` (${t.timeZone})` : ""}`;
    case "split":
      return `split "${t.delimiter}"`;
    case "pick":
      return `pick #${t.index}`;
    case "default":
      return t.value ? `default "${t.value}"` : "empty markers";
    case "valueMap":
      return `map ${Object.keys(t.map).length} values`;
    case "stripHtml":
      return "strip HTML";
    case "extract":
      return "extract";
  }
}

function fresh(type: TransformType): TransformInput {
  switch (type) {
    case "case":
      return { type, to: "upper" };
    case "dateFormat":
      return { type, format: "MM/DD/YYYY HH:mm:ss", timeZone: "UTC" };
    case "split":
      return { type, delimiter: "," };
    case "pick":
      return { type, index: 0 };
    case "default":
      return { type, value: "", emptyMarkers: ["'-"] };
    case "valueMap":
      return { type, map: {}, caseSensitive: false, unmapped: "keep" };
    case "extract":
      return { type, pattern: "^(\\d+)", group: 1 };
    default:
      return { type } as TransformInput;
  }
}

function mapToText(map: Record<string, string>): string {
  return Object.entries(map)
    .map(([from, to]) => `${from} = ${to}`)
    .join("\n");
}

function textToMap(text: string): Record<string, string> {
  const map: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const at = line.indexOf("=");
    if (at <= 0) continue;
    map[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return map;
}

/**
 * Edits the ordered transforms of one mapping in a dialog; nothing changes in
 * the mapping until Apply, and Apply only accepts transforms that validate.
 */
export function TransformsEditor({
  open,
  onOpenChange,
  column,
  target,
  transforms,
  onApply,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  column: string;
  target: string;
  transforms: TransformInput[];
  onApply: (transforms: TransformInput[]) => void;
}) {
  const [items, setItems] = useState<TransformInput[]>(transforms);
  const [mapTexts, setMapTexts] = useState<Record<number, string>>({});
  const [adding, setAdding] = useState<TransformType>("trim");
  const [errors, setErrors] = useState<string[]>([]);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    // Each opening starts from the mapping's current transforms.
    setWasOpen(open);
    if (open) {
      setItems(transforms);
      setMapTexts({});
      setErrors([]);
    }
  }

  const change = (index: number, next: TransformInput) =>
    setItems((list) => list.map((item, i) => (i === index ? next : item)));
  const move = (index: number, by: -1 | 1) =>
    setItems((list) => {
      const copy = [...list];
      const [item] = copy.splice(index, 1);
      copy.splice(index + by, 0, item);
      return copy;
    });

  function apply() {
    const resolved = items.map((item, i) =>
      item.type === "valueMap" && mapTexts[i] !== undefined
        ? { ...item, map: textToMap(mapTexts[i]) }
        : item,
    );
    const parsed = z.array(transformSchema).safeParse(resolved);
    if (!parsed.success) {
      setErrors(
        parsed.error.issues.map(
          (issue) =>
            `${transformLabels[resolved[Number(issue.path[0])]?.type] ?? "Transform"}: ${issue.message}`,
        ),
      );
      return;
    }
    onApply(resolved);
    onOpenChange(false);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Transforms</DialogTitle>
          <DialogDescription>
            Applied in order to column{" "}
            <span className="font-mono text-foreground">{column || "(none)"}</span> before the value
            goes into <span className="font-mono text-foreground">{target || "(none)"}</span>.
          </DialogDescription>
        </DialogHeader>
        {errors.length > 0 ? (
          <Alert tone="destructive" role="alert">
            <ul className="list-disc pl-4">
              {errors.map((error) => (
                <li key={error}>{error}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {items.length === 0 ? (
          <p className="rounded-md border border-dashed border-border px-3 py-4 text-center text-[13px] text-muted-foreground">
            No transforms: the cell is used as it is.
          </p>
        ) : (
          <ol className="grid gap-2">
            {items.map((item, index) => (
              <li key={index} className="rounded-md border border-border p-3">
                <div className="flex items-center gap-2">
                  <span className="flex size-5 items-center justify-center rounded-full bg-muted text-xs tabular-nums">
                    {index + 1}
                  </span>
                  <span className="flex-1 text-sm font-medium">{transformLabels[item.type]}</span>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-8"
                    aria-label={`Move ${transformLabels[item.type]} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    <ArrowUp aria-hidden />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-8"
                    aria-label={`Move ${transformLabels[item.type]} down`}
                    disabled={index === items.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    <ArrowDown aria-hidden />
                  </Button>
                  <Button
                    variant="ghost-destructive"
                    size="icon"
                    className="size-8"
                    aria-label={`Remove ${transformLabels[item.type]}`}
                    onClick={() => setItems((list) => list.filter((_, i) => i !== index))}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </div>
                <TransformFields
                  index={index}
                  item={item}
                  onChange={(next) => change(index, next)}
                  mapText={mapTexts[index]}
                  onMapText={(text) => setMapTexts((all) => ({ ...all, [index]: text }))}
                />
              </li>
            ))}
          </ol>
        )}
        <div className="flex items-end gap-2">
          <div className="grid flex-1 gap-1.5">
            <Label htmlFor="transform-add">Add a transform</Label>
            <Select
              id="transform-add"
              value={adding}
              onChange={(e) => setAdding(e.target.value as TransformType)}
            >
              {Object.entries(transformLabels).map(([type, label]) => (
                <option key={type} value={type}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <Button variant="secondary" onClick={() => setItems((list) => [...list, fresh(adding)])}>
            <Plus aria-hidden />
            Add
          </Button>
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button onClick={apply}>Apply</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function TransformFields({
  index,
  item,
  onChange,
  mapText,
  onMapText,
}: {
  index: number;
  item: TransformInput;
  onChange: (next: TransformInput) => void;
  mapText: string | undefined;
  onMapText: (text: string) => void;
}) {
  const id = (name: string) => `transform-${index}-${name}`;
  const field = (name: string, label: string, control: React.ReactNode) => (
    <div className="grid gap-1">
      <Label htmlFor={id(name)} className="text-xs">
        {label}
      </Label>
      {control}
    </div>
  );
  switch (item.type) {
    case "case":
      return (
        <div className="mt-2 grid max-w-xs">
          {field(
            "to",
            "To",
            <Select
              id={id("to")}
              controlSize="sm"
              value={item.to}
              onChange={(e) =>
                onChange({ ...item, to: e.target.value as "upper" | "lower" | "title" })
              }
            >
              <option value="upper">UPPER CASE</option>
              <option value="lower">lower case</option>
              <option value="title">Title Case</option>
            </Select>,
          )}
        </div>
      );
    case "dateFormat":
      return (
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {field(
            "format",
            "Format (YYYY MM DD HH hh mm ss A Z, or ISO)",
            <Input
              id={id("format")}
              controlSize="sm"
              className="font-mono"
              value={item.format}
              onChange={(e) => onChange({ ...item, format: e.target.value })}
            />,
          )}
          {field(
            "zone",
            "Time zone of the values",
            <Input
              id={id("zone")}
              controlSize="sm"
              value={item.timeZone ?? "UTC"}
              onChange={(e) => onChange({ ...item, timeZone: e.target.value })}
            />,
          )}
        </div>
      );
    case "split":
      return (
        <div className="mt-2 grid max-w-xs">
          {field(
            "delimiter",
            "Delimiter",
            <Input
              id={id("delimiter")}
              controlSize="sm"
              className="font-mono"
              value={item.delimiter}
              onChange={(e) => onChange({ ...item, delimiter: e.target.value })}
            />,
          )}
        </div>
      );
    case "pick":
      return (
        <div className="mt-2 grid max-w-xs">
          {field(
            "index",
            "Element (0 is the first, -1 the last)",
            <Input
              id={id("index")}
              controlSize="sm"
              type="number"
              value={item.index}
              onChange={(e) => onChange({ ...item, index: Number(e.target.value) })}
            />,
          )}
        </div>
      );
    case "default":
      return (
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {field(
            "value",
            "Value for an empty cell",
            <Input
              id={id("value")}
              controlSize="sm"
              value={item.value ?? ""}
              onChange={(e) => onChange({ ...item, value: e.target.value })}
            />,
          )}
          {field(
            "markers",
            "Also empty when the cell is (comma-separated)",
            <Input
              id={id("markers")}
              controlSize="sm"
              className="font-mono"
              value={(item.emptyMarkers ?? []).join(",")}
              onChange={(e) =>
                onChange({
                  ...item,
                  emptyMarkers: e.target.value
                    .split(",")
                    .map((v) => v.trim())
                    .filter(Boolean),
                })
              }
            />,
          )}
        </div>
      );
    case "valueMap":
      return (
        <div className="mt-2 grid gap-2 sm:grid-cols-[1fr_12rem]">
          {field(
            "map",
            "One per line: value in the file = value stored",
            <textarea
              id={id("map")}
              rows={5}
              className="w-full rounded-md border border-input bg-card px-2.5 py-1.5 font-mono text-xs shadow-xs outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/25"
              value={mapText ?? mapToText(item.map)}
              onChange={(e) => onMapText(e.target.value)}
            />,
          )}
          <div className="grid content-start gap-2">
            {field(
              "unmapped",
              "Other values",
              <Select
                id={id("unmapped")}
                controlSize="sm"
                value={item.unmapped ?? "keep"}
                onChange={(e) =>
                  onChange({ ...item, unmapped: e.target.value as "keep" | "empty" | "error" })
                }
              >
                <option value="keep">Keep as they are</option>
                <option value="empty">Treat as empty</option>
                <option value="error">Reject the row</option>
              </Select>,
            )}
            <label className="flex items-center gap-2 text-xs">
              <input
                type="checkbox"
                checked={item.caseSensitive ?? false}
                onChange={(e) => onChange({ ...item, caseSensitive: e.target.checked })}
              />
              Case-sensitive
            </label>
          </div>
        </div>
      );
    case "extract":
      return (
        <div className="mt-2 grid gap-2 sm:grid-cols-[1fr_8rem]">
          {field(
            "pattern",
            "Regular expression",
            <Input
              id={id("pattern")}
              controlSize="sm"
              className="font-mono"
              value={item.pattern}
              onChange={(e) => onChange({ ...item, pattern: e.target.value })}
            />,
          )}
          {field(
            "group",
            "Group",
            <Input
              id={id("group")}
              controlSize="sm"
              type="number"
              min={0}
              value={item.group ?? 1}
              onChange={(e) => onChange({ ...item, group: Number(e.target.value) })}
            />,
          )}
        </div>
      );
    default:
      return null;
  }
}
