import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import { TableHead } from "@/components/ui/table";

/**
 * A column header that sorts by linking to the same search with another
 * sort; the cursor is dropped because it belongs to the old order.
 */
export function SortHeader({
  label,
  sortKey,
  current,
  direction,
  defaultDirection,
  basePath,
  params,
  className,
}: {
  label: string;
  sortKey: string;
  current: string;
  direction: "asc" | "desc";
  defaultDirection: "asc" | "desc";
  basePath: string;
  params: Record<string, string | undefined>;
  className?: string;
}) {
  const active = current === sortKey;
  const nextDirection = active ? (direction === "asc" ? "desc" : "asc") : defaultDirection;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  search.set("sort", sortKey);
  search.set("dir", nextDirection);
  search.delete("cursor");
  const Icon = !active ? ArrowUpDown : direction === "asc" ? ArrowUp : ArrowDown;
  return (
    <TableHead
      className={className}
      aria-sort={active ? (direction === "asc" ? "ascending" : "descending") : undefined}
    >
      <Link
        href={`${basePath}?${search.toString()}`}
        className="focus-ring -mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-foreground"
      >
        {label}
        <Icon aria-hidden className={active ? "size-3.5 text-foreground" : "size-3.5 opacity-50"} />
        <span className="sr-only">
          {active ? `, sorted ${direction === "asc" ? "ascending" : "descending"}` : ", sort"}
        </span>
      </Link>
    </TableHead>
  );
}
