import { Server } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";

export type WorkerRow = {
  id: string;
  hostname: string;
  pid: number;
  mode: "console" | "worker";
  startedAt: Date;
  lastSeenAt: Date;
  alive: boolean;
};

export function WorkersList({ workers }: { workers: WorkerRow[] }) {
  if (workers.length === 0) {
    return (
      <EmptyState
        icon={Server}
        title="No worker has reported in"
        description={
          <>
            The console runs jobs itself and reports here within a minute of starting. For more
            capacity, start <code className="font-mono text-[12px]">npm run worker</code> on other
            machines against the same database.
          </>
        }
      />
    );
  }
  return (
    <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-card shadow-xs">
      {workers.map((w) => (
        <li key={w.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3">
          <span className="relative flex size-2.5 shrink-0" aria-hidden>
            {w.alive ? (
              <span className="absolute inline-flex size-full rounded-full bg-success opacity-50 motion-safe:animate-ping" />
            ) : null}
            <span
              className={`relative inline-flex size-2.5 rounded-full ${w.alive ? "bg-success" : "bg-warning"}`}
            />
          </span>
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2 text-sm font-medium">
              <span className="truncate font-mono text-[13px]">{w.hostname}</span>
              <span className="text-xs font-normal text-muted-foreground tabular-nums">
                pid {w.pid}
              </span>
            </p>
            <p className="text-[13px] text-muted-foreground">
              Started <TimeAgo date={w.startedAt} />
            </p>
          </div>
          <Badge tone="neutral">{w.mode === "console" ? "Console process" : "Worker"}</Badge>
          <div className="w-36 text-right text-[13px]">
            {w.alive ? (
              <span className="font-medium text-success">Alive</span>
            ) : (
              <span className="font-medium text-warning">Stale</span>
            )}
            <span className="text-muted-foreground">
              {" · "}
              <TimeAgo date={w.lastSeenAt} />
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
