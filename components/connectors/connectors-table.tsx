import Link from "next/link";
import type { ConnectorListItem } from "@/lib/connectors/service";
import { RunStateBadge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
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
import { ConnectorActionsMenu } from "./connector-actions-menu";
import { ConnectorStateBadge, findingTypeLabels } from "./connector-state-badge";

export function ConnectorsTable({
  connectors,
  canRun,
}: {
  connectors: ConnectorListItem[];
  canRun: boolean;
}) {
  return (
    <Card className="overflow-hidden">
      <Table>
        <TableCaption>Connectors of this tenant</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>Type</TableHead>
            <TableHead>Finding type</TableHead>
            <TableHead>State</TableHead>
            <TableHead>Last run</TableHead>
            <TableHead align="right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {connectors.map((connector) => (
            <TableRow key={connector.id}>
              <TableCell>
                <Link
                  href={`/connectors/${connector.id}`}
                  className="focus-ring rounded-sm font-medium text-foreground hover:text-primary hover:underline"
                >
                  {connector.name}
                </Link>
                {connector.description ? (
                  <p className="max-w-md truncate text-[13px] text-muted-foreground">
                    {connector.description}
                  </p>
                ) : null}
              </TableCell>
              <TableCell className="whitespace-nowrap">{connector.typeLabel}</TableCell>
              <TableCell>
                {findingTypeLabels[connector.findingType] ?? connector.findingType}
              </TableCell>
              <TableCell>
                <ConnectorStateBadge state={connector.state} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                {connector.lastRun ? (
                  <Link
                    href={`/runs/${connector.lastRun.id}`}
                    className="focus-ring inline-flex items-center gap-2 rounded-sm hover:underline"
                  >
                    <RunStateBadge state={connector.lastRun.state} />
                    <TimeAgo
                      date={connector.lastRun.createdAt}
                      className="text-[13px] text-muted-foreground"
                    />
                  </Link>
                ) : (
                  <span className="text-[13px] text-muted-foreground">Never</span>
                )}
              </TableCell>
              <TableCell className="text-right">
                <ConnectorActionsMenu
                  connector={{ id: connector.id, name: connector.name, type: connector.type }}
                  canRun={canRun}
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
