import Link from "next/link";
import type { LucideIcon } from "lucide-react";
import { Card } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";

/**
 * Shown on a section page once it has data but before its list view ships:
 * a true count and where the data already surfaces, instead of a mock table.
 */
export function SectionSummary({
  icon: Icon,
  count,
  noun,
  note,
  link,
}: {
  icon: LucideIcon;
  count: number;
  noun: { one: string; many: string };
  note: string;
  link?: { href: string; label: string };
}) {
  return (
    <Card className="flex flex-wrap items-center gap-4 p-5">
      <div className="flex size-10 items-center justify-center rounded-lg bg-primary-soft text-primary">
        <Icon aria-hidden className="size-5" strokeWidth={1.75} />
      </div>
      <div className="min-w-0 flex-1">
        <p className="text-lg font-semibold tabular-nums">
          {formatCount(count)}{" "}
          <span className="font-normal text-muted-foreground">
            {count === 1 ? noun.one : noun.many}
          </span>
        </p>
        <p className="text-sm text-muted-foreground">{note}</p>
      </div>
      {link ? (
        <Link
          href={link.href}
          className="focus-ring rounded-sm text-sm font-medium text-primary hover:underline"
        >
          {link.label}
        </Link>
      ) : null}
    </Card>
  );
}
