import Link from "next/link";
import type { FindingListItem } from "@/lib/inventory/service";
import { defaultDirection, type FindingSort } from "@/lib/inventory/schema";
import { riskLevelOf } from "@/lib/risk/qds";
import { Badge, SeverityBadge, type BadgeTone, type Severity } from "@/components/ui/badge";
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
import { SortHeader } from "@/components/inventory/sort-header";

const statusTones: Record<FindingListItem["status"], { label: string; tone: BadgeTone }> = {
  NEW: { label: "New", tone: "info" },
  ACTIVE: { label: "Active", tone: "warning" },
  REOPENED: { label: "Reopened", tone: "destructive" },
  FIXED: { label: "Fixed", tone: "success" },
};

const originLabels: Record<FindingListItem["qdsOrigin"], string> = {
  source: "QDS from the source",
  cvss3: "derived from CVSS v3 × 10",
  cvss2: "derived from CVSS v2 × 10",
  severity: "derived from severity (no QDS or CVSS)",
};

export function FindingStatus({ status }: { status: FindingListItem["status"] }) {
  const { label, tone } = statusTones[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

export function Qds({ qds, origin }: { qds: number; origin: FindingListItem["qdsOrigin"] }) {
  return (
    <span
      className="tabular-nums"
      title={`QDS ${qds}, ${originLabels[origin]}; level ${riskLevelOf(qds)}`}
    >
      <span className="font-medium">{qds}</span>
      {origin !== "source" ? <span className="text-muted-foreground">*</span> : null}
    </span>
  );
}

type Row = Omit<FindingListItem, "assetName"> & { assetName?: string };

/**
 * Findings as a table; with `sorting` the headers sort the findings page,
 * without it (asset page) the order is fixed: open first, worst first.
 */
export function FindingsTable({
  rows,
  showAsset,
  sorting,
}: {
  rows: Row[];
  showAsset: boolean;
  sorting?: {
    sort: FindingSort;
    direction: "asc" | "desc";
    params: Record<string, string | undefined>;
  };
}) {
  const header = (label: string, key: FindingSort) =>
    sorting ? (
      <SortHeader
        label={label}
        sortKey={key}
        current={sorting.sort}
        direction={sorting.direction}
        defaultDirection={defaultDirection(key)}
        basePath="/findings"
        params={sorting.params}
      />
    ) : (
      <TableHead>{label}</TableHead>
    );
  return (
    <Table>
      <TableCaption>Findings</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          {header("Severity", "severity")}
          <TableHead>QDS</TableHead>
          {header("QID", "qid")}
          <TableHead>Title</TableHead>
          {showAsset ? <TableHead>Asset</TableHead> : null}
          <TableHead>Port</TableHead>
          <TableHead>Status</TableHead>
          {header("Last detected", "lastDetected")}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((f) => (
          <TableRow key={f.id}>
            <TableCell>
              <SeverityBadge
                severity={Math.min(5, Math.max(1, f.severity)) as Severity}
                showLabel={false}
              />
            </TableCell>
            <TableCell>
              <Qds qds={f.qds} origin={f.qdsOrigin} />
            </TableCell>
            <TableCell className="font-mono text-xs tabular-nums">{f.qid}</TableCell>
            <TableCell className="max-w-96 truncate" title={f.title}>
              {f.title || <span className="text-muted-foreground">—</span>}
              {f.cves.length ? (
                <span className="ml-2 text-xs text-muted-foreground">
                  {f.cves.slice(0, 2).join(", ")}
                </span>
              ) : null}
            </TableCell>
            {showAsset ? (
              <TableCell className="max-w-56 truncate">
                <Link
                  href={`/assets/${f.assetId}`}
                  className="focus-ring rounded hover:text-primary hover:underline"
                >
                  {f.assetName}
                </Link>
              </TableCell>
            ) : null}
            <TableCell className="whitespace-nowrap text-muted-foreground tabular-nums">
              {f.port ? `${f.port}/${f.protocol || "?"}` : "—"}
            </TableCell>
            <TableCell>
              <FindingStatus status={f.status} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">
              {f.lastDetectedAt ? <TimeAgo date={f.lastDetectedAt} /> : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
