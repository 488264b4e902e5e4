"use client";

import { CircleAlert } from "lucide-react";
import type { TransformPreview } from "@/lib/connectors/wizard/sample";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { pluralize } from "@/components/ui/format";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

/** The first rows of the sample after the transform map, with each failing cell marked. */
export function TransformPreviewTable({ preview }: { preview: TransformPreview }) {
  if (!preview.ok) {
    return (
      <Alert tone="destructive" title="The sample could not be read">
        {preview.problem}
      </Alert>
    );
  }
  const failing = preview.rows.filter((row) => row.errors.length > 0).length;
  return (
    <div className="grid grid-cols-1 gap-3">
      <p className="text-[13px] text-muted-foreground" aria-live="polite">
        {pluralize(preview.rows.length, "row")} previewed, {pluralize(failing, "row")} with errors.
        {preview.missingColumns.length > 0
          ? ` Columns not in the sample: ${preview.missingColumns.join(", ")}.`
          : null}
      </p>
      {preview.rowIssues.length > 0 ? (
        <Alert tone="warning" title="Rows the CSV reader could not use">
          <ul className="list-disc pl-4">
            {preview.rowIssues.map((issue) => (
              <li key={`${issue.line}-${issue.reason}`}>
                Line {issue.line}: {issue.reason}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="overflow-hidden rounded-lg border border-border">
        <Table wrapperClassName="max-h-[30rem] overflow-auto">
          <TableCaption>Preview of the transformed sample rows</TableCaption>
          <TableHeader className="sticky top-0 z-10">
            <TableRow>
              <TableHead>Line</TableHead>
              {preview.targets.map((target) => (
                <TableHead key={target} className="font-mono">
                  {target}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {preview.rows.map((row) => {
              const errorsByTarget = new Map<string, string[]>();
              for (const error of row.errors) {
                for (const target of error.targets) {
                  errorsByTarget.set(target, [...(errorsByTarget.get(target) ?? []), error.reason]);
                }
              }
              const unplaced = row.errors.filter((error) => error.targets.length === 0);
              return (
                <TableRow key={row.line} className="align-top">
                  <TableCell className="text-muted-foreground tabular-nums">
                    {row.line}
                    {unplaced.length > 0 ? (
                      <span className="mt-1 block max-w-56 text-xs text-destructive">
                        {unplaced.map((e) => e.reason).join("; ")}
                      </span>
                    ) : null}
                  </TableCell>
                  {preview.targets.map((target) => {
                    const errors = errorsByTarget.get(target);
                    return (
                      <TableCell
                        key={target}
                        className={cn("max-w-64 text-[13px]", errors && "bg-destructive/8")}
                      >
                        <span className="line-clamp-3 break-words">{row.cells[target]}</span>
                        {errors ? (
                          <span className="mt-1 flex gap-1 text-xs text-destructive">
                            <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
                            <span>{errors.join("; ")}</span>
                          </span>
                        ) : null}
                      </TableCell>
                    );
                  })}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
