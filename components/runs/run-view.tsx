"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ChevronLeft } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { RunStateBadge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { ErrorPanel } from "@/components/shell/error-panel";
import { NotFoundPanel } from "@/components/shell/not-found-panel";
import { triggerLabels } from "@/components/connectors/connector-state-badge";
import { ProgressBar } from "./progress-bar";
import { RunErrorsTable } from "./run-errors-table";
import { RunViewSkeleton } from "./run-view-skeleton";
import { fetchRun, HttpError, isActive, runKeys, type RunViewData } from "./run-queries";
import { formatBytes } from "./upload-progress";

const counts: { key: keyof RunViewData; label: string; hint: string }[] = [
  { key: "rowsRead", label: "Rows read", hint: "Data rows seen so far" },
  { key: "created", label: "Created", hint: "New records stored" },
  { key: "updated", label: "Updated", hint: "Existing records changed" },
  { key: "unchanged", label: "Unchanged", hint: "Seen again, nothing new" },
  { key: "rejected", label: "Rejected", hint: "Rows with errors" },
  { key: "skipped", label: "Skipped", hint: "Objects already ingested" },
  { key: "fixed", label: "Marked fixed", hint: "Findings no longer reported" },
];

function duration(from: string, to: string | null) {
  const seconds = Math.max(
    0,
    Math.round(((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000),
  );
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m ${seconds % 60}s`
    : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** One run, refreshed every second while it is queued or processing. */
export function RunView({ runId }: { runId: string }) {
  const query = useQuery({
    queryKey: runKeys.detail(runId),
    queryFn: () => fetchRun(runId),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.state) ? 1000 : false),
    staleTime: 0,
    retry: (failures, error) =>
      !(error instanceof HttpError && error.status === 404) && failures < 2,
  });

  if (query.isPending) return <RunViewSkeleton />;
  if (query.isError) {
    if (query.error instanceof HttpError && query.error.status === 404) {
      return (
        <NotFoundPanel
          title="Run not found"
          description="This run does not exist or belongs to another tenant."
        />
      );
    }
    return (
      <ErrorPanel
        error={query.error}
        retry={() => query.refetch()}
        title="This run could not be loaded"
      />
    );
  }

  const run = query.data;
  const active = isActive(run.state);
  const finishedTone =
    run.state === "FAILED" ? "destructive" : run.state === "PROCESSED" ? "success" : "primary";

  return (
    <>
      <Link
        href={`/connectors/${run.connector.id}`}
        className="focus-ring mb-3 inline-flex items-center gap-1 rounded-sm text-[13px] text-muted-foreground hover:text-foreground"
      >
        <ChevronLeft aria-hidden className="size-4" />
        {run.connector.name}
      </Link>
      <PageHeader
        title={`Run of ${run.connector.name}`}
        description={
          <span className="flex flex-wrap items-center gap-2" aria-live="polite">
            <RunStateBadge state={run.state} />
            <span>{triggerLabels[run.trigger] ?? run.trigger}</span>
            <span>·</span>
            <span className="font-mono text-[13px]">{run.source}</span>
          </span>
        }
      />
      <div className="grid gap-6">
        {run.state === "FAILED" && run.error ? (
          <Alert tone="destructive" role="alert" title="The run failed">
            {run.error}
          </Alert>
        ) : null}

        <Card>
          <CardHeader>
            <CardTitle>Progress</CardTitle>
            <p className="text-[13px] text-muted-foreground">
              Queued <TimeAgo date={run.createdAt} />
              {run.startedAt
                ? ` · running for ${duration(run.startedAt, run.finishedAt)}`
                : " · waiting for a worker"}
            </p>
          </CardHeader>
          <CardContent className="grid gap-4">
            <ProgressBar
              label="Bytes"
              value={run.bytesRead}
              max={run.bytesTotal ?? (active ? null : run.bytesRead || 1)}
              detail={`${formatBytes(run.bytesRead)}${run.bytesTotal !== null ? ` of ${formatBytes(run.bytesTotal)}` : ""}`}
              tone={active ? "primary" : finishedTone}
            />
            {run.objectsTotal !== null ? (
              <ProgressBar
                label="Objects"
                value={run.objectsDone}
                max={run.objectsTotal}
                detail={`${formatCount(run.objectsDone)} of ${formatCount(run.objectsTotal)}`}
                tone={active ? "primary" : finishedTone}
              />
            ) : null}
            <p className="text-[13px] text-muted-foreground tabular-nums">
              {formatCount(run.rowsRead)} rows read
              {active ? "; updating every second." : "."}
            </p>
          </CardContent>
        </Card>

        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
          {counts.map((count) => (
            <div
              key={count.key}
              className="rounded-lg border border-border bg-card p-3.5 shadow-xs"
            >
              <dt className="text-[13px] text-muted-foreground">{count.label}</dt>
              <dd className="mt-1 text-xl font-semibold tabular-nums">
                {formatCount(run[count.key] as number)}
              </dd>
              <dd className="text-xs text-muted-foreground">{count.hint}</dd>
            </div>
          ))}
        </dl>

        <RunErrorsTable runId={run.id} errorCount={run.errorCount} />
      </div>
    </>
  );
}
