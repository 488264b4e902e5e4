"use client";

import { useEffect } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Download, LoaderCircle } from "lucide-react";
import { buttonClasses, Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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
import { fetchRunErrors, runKeys } from "./run-queries";

/** Rejected rows of a run, 50 at a time, with the whole list as a CSV download. */
export function RunErrorsTable({ runId, errorCount }: { runId: string; errorCount: number }) {
  const query = useInfiniteQuery({
    queryKey: runKeys.errors(runId),
    queryFn: ({ pageParam }) => fetchRunErrors(runId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: errorCount > 0,
  });
  const { refetch } = query;
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  // While a run is going, new errors arrive; refresh the first page when the count grows.
  useEffect(() => {
    if (errorCount > 0) void refetch();
  }, [errorCount, refetch]);

  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <div>
          <CardTitle>Row errors</CardTitle>
          <CardDescription>
            {errorCount === 0
              ? "No rows were rejected."
              : `${pluralize(errorCount, "problem")} reported, each with its line and column.`}
          </CardDescription>
        </div>
        {errorCount > 0 ? (
          <a
            href={`/api/v1/runs/${runId}/errors?format=csv`}
            className={buttonClasses({ variant: "secondary", size: "sm" })}
            download
          >
            <Download aria-hidden />
            Download CSV
          </a>
        ) : null}
      </CardHeader>
      {errorCount > 0 ? (
        <>
          <Table>
            <TableCaption>Rejected rows</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead>Source</TableHead>
                <TableHead align="right">Line</TableHead>
                <TableHead>Column</TableHead>
                <TableHead>Reason</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id} className="align-top">
                  <TableCell
                    className="max-w-56 truncate font-mono text-xs text-muted-foreground"
                    title={item.sourceKey ?? undefined}
                  >
                    {item.sourceKey ?? "—"}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{item.line ?? "—"}</TableCell>
                  <TableCell className="font-mono text-[13px]">{item.column ?? "—"}</TableCell>
                  <TableCell className="text-[13px]">{item.reason}</TableCell>
                </TableRow>
              ))}
              {query.isPending ? (
                <TableRow>
                  <TableCell colSpan={4} className="text-center text-[13px] text-muted-foreground">
                    Loading errors…
                  </TableCell>
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
          {query.isError ? (
            <p role="alert" className="px-4 py-3 text-[13px] text-destructive">
              The errors could not be loaded: {query.error.message}
            </p>
          ) : null}
          {query.hasNextPage ? (
            <div className="flex justify-center border-t border-border px-4 py-3">
              <Button
                variant="secondary"
                size="sm"
                onClick={() => query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : null}
                Show more
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
