import { Workflow } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";

export type QueueRow = {
  name: string;
  description: string;
  queued: number;
  active: number;
  failed24h: number;
  completed24h: number;
  cron: string | null;
};

function Count({ value, tone }: { value: number; tone?: "destructive" | "info" }) {
  return (
    <span
      className={cn(
        "tabular-nums",
        value === 0 && "text-muted-foreground/70",
        value > 0 && tone === "destructive" && "font-semibold text-destructive",
        value > 0 && tone === "info" && "font-medium text-info",
      )}
    >
      {formatCount(value)}
    </span>
  );
}

export function QueueTable({ queues }: { queues: QueueRow[] }) {
  if (queues.length === 0) {
    return (
      <EmptyState
        icon={Workflow}
        title="No job queues registered"
        description="Queues appear here once the job definitions are loaded by a console or worker process."
      />
    );
  }
  return (
    <div className="overflow-hidden rounded-lg border border-border bg-card shadow-xs">
      <Table>
        <TableCaption>Job queues</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Queue</TableHead>
            <TableHead align="right">Queued</TableHead>
            <TableHead align="right">Active</TableHead>
            <TableHead align="right">Completed 24 h</TableHead>
            <TableHead align="right">Failed 24 h</TableHead>
            <TableHead>Schedule</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {queues.map((q) => (
            <TableRow key={q.name}>
              <TableCell className="min-w-64">
                <p className="font-mono text-[13px] font-medium">{q.name}</p>
                <p className="mt-0.5 text-[13px] text-muted-foreground">{q.description}</p>
              </TableCell>
              <TableCell className="text-right">
                <Count value={q.queued} />
              </TableCell>
              <TableCell className="text-right">
                <Count value={q.active} tone="info" />
              </TableCell>
              <TableCell className="text-right">
                <Count value={q.completed24h} />
              </TableCell>
              <TableCell className="text-right">
                <Count value={q.failed24h} tone="destructive" />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {q.cron ? (
                  <code
                    className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs"
                    title="Cron expression (UTC)"
                  >
                    {q.cron}
                  </code>
                ) : (
                  <span className="text-muted-foreground">On demand</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
