import type { ReactNode } from "react";
import type { LucideIcon } from "lucide-react";
import { cn } from "./cn";

/**
 * What the user sees before there is data: what will appear here and what to
 * do next. Honest by design — it never shows sample rows.
 */
export function EmptyState({
  icon: Icon,
  title,
  description,
  action,
  children,
  className,
  bordered = true,
  compact = false,
}: {
  icon: LucideIcon;
  title: string;
  description: ReactNode;
  action?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** Off when the empty state sits inside a card that already has a border. */
  bordered?: boolean;
  /** Less vertical room, for an empty state inside a card. */
  compact?: boolean;
}) {
  return (
    <div
      className={cn(
        "flex flex-col items-center px-6 text-center",
        compact ? "py-10" : "py-14",
        bordered && "rounded-lg border border-dashed border-border bg-card",
        className,
      )}
    >
      <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-primary-soft text-primary ring-8 ring-primary-soft/40">
        <Icon aria-hidden className="size-5" strokeWidth={1.75} />
      </div>
      <h2 className="text-[15px] font-semibold text-foreground">{title}</h2>
      <div className="mt-1.5 max-w-md text-sm text-pretty text-muted-foreground">{description}</div>
      {action ? (
        <div className="mt-5 flex flex-wrap items-center justify-center gap-2">{action}</div>
      ) : null}
      {children ? <div className="mt-8 w-full max-w-2xl">{children}</div> : null}
    </div>
  );
}
