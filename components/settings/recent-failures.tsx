import { CircleCheck } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";

export type JobFailure = { id: string; name: string; error: string; failedAt: Date };

/**
 * Each failure collapses to one line of its error; <details> gives expand and
 * collapse with keyboard support and no client JavaScript.
 */
export function RecentFailures({ failures }: { failures: JobFailure[] }) {
  if (failures.length === 0) {
    return (
      <EmptyState
        icon={CircleCheck}
        title="No failed jobs"
        description="When a job fails after its retries, its error shows up here."
      />
    );
  }
  return (
    <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-card shadow-xs">
      {failures.map((f) => (
        <li key={f.id}>
          <details className="group">
            <summary className="focus-ring flex cursor-pointer list-none items-start gap-3 px-4 py-3 hover:bg-muted/40 [&::-webkit-details-marker]:hidden">
              <span className="mt-1.5 size-2 shrink-0 rounded-full bg-destructive" aria-hidden />
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-baseline gap-x-3">
                  <span className="font-mono text-[13px] font-medium">{f.name}</span>
                  <span className="text-xs text-muted-foreground">
                    <TimeAgo date={f.failedAt} />
                  </span>
                </div>
                <p className="mt-0.5 truncate font-mono text-xs text-muted-foreground group-open:hidden">
                  {f.error}
                </p>
              </div>
              <span className="shrink-0 text-xs font-medium text-primary">
                <span className="group-open:hidden">Show error</span>
                <span className="hidden group-open:inline">Hide</span>
              </span>
            </summary>
            <pre className="mx-4 mb-3 max-h-80 overflow-auto rounded-md border border-border bg-muted/60 p-3 font-mono text-xs leading-relaxed break-words whitespace-pre-wrap">
              {f.error}
            </pre>
            <p className="sr-only">Job id {f.id}</p>
          </details>
        </li>
      ))}
    </ul>
  );
}
