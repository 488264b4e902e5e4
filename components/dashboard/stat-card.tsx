import Link from "next/link";
import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { ArrowUpRight } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { formatCompact, formatCount } from "@/components/ui/format";

/** One headline number; the whole card links to the section it summarises. */
export function StatCard({
  label,
  value,
  icon: Icon,
  href,
  detail,
}: {
  label: string;
  value: number;
  icon: LucideIcon;
  href: string;
  detail?: ReactNode;
}) {
  return (
    <Link
      href={href}
      className="focus-ring group relative flex flex-col rounded-lg border border-border bg-card p-4 shadow-xs transition-colors hover:border-primary/40"
    >
      <div className="flex items-center justify-between">
        <span className="flex items-center gap-2 text-[13px] font-medium text-muted-foreground">
          <Icon aria-hidden className="size-4" strokeWidth={1.9} />
          {label}
        </span>
        <ArrowUpRight
          aria-hidden
          className="size-4 text-muted-foreground/60 opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100"
        />
      </div>
      <span
        className="mt-3 text-2xl font-semibold tracking-tight tabular-nums"
        title={formatCount(value)}
      >
        {formatCompact(value)}
      </span>
      <span className={cn("mt-1 min-h-5 text-[13px] text-muted-foreground")}>{detail}</span>
    </Link>
  );
}
