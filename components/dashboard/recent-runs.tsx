import { History } from "lucide-react";
import { RunStateBadge, type RunState } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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
import { TimeAgo } from "@/components/ui/time-ago";

export type RecentRun = {
  id: string;
  connectorName: string;
  state: RunState;
  trigger: string;
  createdAt: Date;
  rowsRead: number;
};

const triggerLabels: Record<string, string> = {
  MANUAL: "Manual",
  SCHEDULE: "Schedule",
  UPLOAD: "Upload",
  S3_EVENT: "S3 event",
  SQS: "SQS message",
  BACKFILL: "Backfill",
};

export function RecentRuns({ runs }: { runs: RecentRun[] }) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Recent runs</CardTitle>
          <CardDescription>The latest connector runs across this tenant.</CardDescription>
        </div>
      </CardHeader>
      {runs.length === 0 ? (
        <EmptyState
          bordered={false}
          icon={History}
          title="No runs yet"
          description="Runs appear here when a connector runs on demand, on its schedule, on an upload or on an S3 event."
          compact
        />
      ) : (
        <Table>
          <TableCaption>Recent connector runs</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Connector</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Trigger</TableHead>
              <TableHead align="right">Rows read</TableHead>
              <TableHead align="right">Started</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {runs.map((run) => (
              <TableRow key={run.id}>
                <TableCell className="max-w-64 truncate font-medium">{run.connectorName}</TableCell>
                <TableCell>
                  <RunStateBadge state={run.state} />
                </TableCell>
                <TableCell className="text-muted-foreground">
                  {triggerLabels[run.trigger] ?? run.trigger}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatCount(run.rowsRead)}
                </TableCell>
                <TableCell className="text-right whitespace-nowrap text-muted-foreground">
                  <TimeAgo date={run.createdAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
