import Link from "next/link";
import type { AssetColumnKey } from "@/lib/inventory/columns";
import { ASSET_COLUMNS } from "@/lib/inventory/columns";
import { defaultDirection, type AssetSort } from "@/lib/inventory/schema";
import type { AssetListItem } from "@/lib/inventory/service";
import { Badge } from "@/components/ui/badge";
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
import { Criticality, RiskScore } from "./risk";
import { SortHeader } from "./sort-header";

const SORTABLE: Partial<Record<AssetColumnKey, AssetSort>> = {
  name: "name",
  riskScore: "riskScore",
  criticality: "criticality",
  lastSeenAt: "lastSeen",
};

function List({ values, max = 2 }: { values: string[]; max?: number }) {
  if (!values.length) return <span className="text-muted-foreground">—</span>;
  return (
    <span className="whitespace-nowrap" title={values.join(", ")}>
      {values.slice(0, max).join(", ")}
      {values.length > max ? (
        <span className="text-muted-foreground"> +{values.length - max}</span>
      ) : null}
    </span>
  );
}

function cell(row: AssetListItem, key: AssetColumnKey) {
  switch (key) {
    case "name":
      return (
        <Link
          href={`/assets/${row.id}`}
          className="focus-ring rounded font-medium text-foreground hover:text-primary hover:underline"
        >
          {row.name}
        </Link>
      );
    case "riskScore":
      return <RiskScore score={row.riskScore} />;
    case "criticality":
      return <Criticality value={row.criticality} />;
    case "ipAddresses":
      return <List values={row.ipAddresses} />;
    case "tags":
      return <List values={row.tags} />;
    case "sources":
      return (
        <span className="flex flex-wrap gap-1">
          {row.sources.map((s) => (
            <Badge key={s}>{s}</Badge>
          ))}
        </span>
      );
    case "openFindings":
      return <span className="tabular-nums">{formatCount(row.openFindings)}</span>;
    case "lastSeenAt":
    case "firstSeenAt":
      return <TimeAgo date={row[key]} className="whitespace-nowrap text-muted-foreground" />;
    case "id":
      return <code className="font-mono text-xs text-muted-foreground">{row.id}</code>;
    default:
      return row[key] ?? <span className="text-muted-foreground">—</span>;
  }
}

export function AssetTable({
  rows,
  columns,
  sort,
  direction,
  params,
}: {
  rows: AssetListItem[];
  columns: AssetColumnKey[];
  sort: AssetSort;
  direction: "asc" | "desc";
  params: Record<string, string | undefined>;
}) {
  const shown = ASSET_COLUMNS.filter((c) => columns.includes(c.key));
  return (
    <Table>
      <TableCaption>Assets matching the query</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          {shown.map((column) => {
            const sortKey = SORTABLE[column.key];
            return sortKey ? (
              <SortHeader
                key={column.key}
                label={column.label}
                sortKey={sortKey}
                current={sort}
                direction={direction}
                defaultDirection={defaultDirection(sortKey)}
                basePath="/inventory"
                params={params}
              />
            ) : (
              <TableHead key={column.key}>{column.label}</TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id}>
            {shown.map((column) => (
              <TableCell
                key={column.key}
                className={column.key === "name" ? "max-w-72 truncate" : "max-w-64 truncate"}
              >
                {cell(row, column.key)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
