import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";

/** Next/Previous for keyset pages: links that keep the query and sort, with a new cursor. */
export function Pager({
  basePath,
  params,
  previous,
  next,
  total,
  shown,
  noun,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  previous: string | null;
  next: string | null;
  total?: { count: number; exact: boolean };
  shown: number;
  noun: string;
}) {
  const href = (cursor: string) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    search.set("cursor", cursor);
    return `${basePath}?${search.toString()}`;
  };
  const disabled =
    buttonClasses({ variant: "secondary", size: "sm" }) + " pointer-events-none opacity-50";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 px-4 py-3">
      <p className="text-[13px] text-muted-foreground">
        {total ? (
          total.exact ? (
            <>
              {formatCount(total.count)} {noun}
            </>
          ) : (
            <span title="Counted exactly up to 2,000; beyond that PostgreSQL’s estimate">
              About {formatCount(total.count)} {noun} (estimate)
            </span>
          )
        ) : (
          <>Showing {formatCount(shown)}</>
        )}
      </p>
      <div className="flex gap-2">
        {previous ? (
          <Link
            href={href(previous)}
            className={buttonClasses({ variant: "secondary", size: "sm" })}
          >
            <ChevronLeft aria-hidden />
            Previous
          </Link>
        ) : (
          <span aria-disabled className={disabled}>
            <ChevronLeft aria-hidden />
            Previous
          </span>
        )}
        {next ? (
          <Link href={href(next)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
            Next
            <ChevronRight aria-hidden />
          </Link>
        ) : (
          <span aria-disabled className={disabled}>
            Next
            <ChevronRight aria-hidden />
          </span>
        )}
      </div>
    </nav>
  );
}
