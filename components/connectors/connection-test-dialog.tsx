"use client";

import { CircleCheck, CircleX } from "lucide-react";
import type { ConnectionTestResult } from "@/lib/connectors/definition";
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

/** The outcome of a connection test: what worked, or what failed and what to check. */
export function ConnectionTestDialog({
  result,
  onOpenChange,
}: {
  result: ConnectionTestResult | null;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={result !== null} onOpenChange={onOpenChange}>
      <DialogContent>
        {result?.ok ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <CircleCheck aria-hidden className="size-5 text-success" />
                Connection works
              </DialogTitle>
              <DialogDescription>{result.summary}</DialogDescription>
            </DialogHeader>
            {result.details.length > 0 ? (
              <ul className="grid gap-1 rounded-md border border-border bg-muted/40 p-3 font-mono text-xs">
                {result.details.map((line, i) => (
                  <li key={i} className="break-all">
                    {line}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : result ? (
          <>
            <DialogHeader>
              <DialogTitle className="flex items-center gap-2">
                <CircleX aria-hidden className="size-5 text-destructive" />
                Connection failed
              </DialogTitle>
              <DialogDescription>{result.title}</DialogDescription>
            </DialogHeader>
            {result.checks.length > 0 ? (
              <div>
                <h3 className="text-sm font-semibold">What to check</h3>
                <ol className="mt-2 grid list-decimal gap-1.5 pl-5 text-sm">
                  {result.checks.map((check, i) => (
                    <li key={i}>{check}</li>
                  ))}
                </ol>
              </div>
            ) : null}
            {result.details ? (
              <details className="rounded-md border border-border bg-muted/40 text-sm">
                <summary className="focus-ring cursor-pointer rounded-md px-3 py-2 font-medium">
                  Technical details
                </summary>
                <pre className="overflow-x-auto border-t border-border px-3 py-2 font-mono text-xs whitespace-pre-wrap">
                  {result.details}
                </pre>
              </details>
            ) : null}
          </>
        ) : null}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
