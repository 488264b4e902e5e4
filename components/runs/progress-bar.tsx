import { cn } from "@/components/ui/cn";

/** A labelled progress bar; without a known total it shows an indeterminate stripe. */
export function ProgressBar({
  label,
  value,
  max,
  detail,
  tone = "primary",
}: {
  label: string;
  value: number;
  max: number | null;
  detail?: string;
  tone?: "primary" | "success" | "destructive";
}) {
  const percent = max && max > 0 ? Math.min(100, Math.round((value / max) * 100)) : null;
  return (
    <div className="grid gap-1.5">
      <div className="flex items-baseline justify-between gap-3 text-[13px]">
        <span className="font-medium">{label}</span>
        <span className="text-muted-foreground tabular-nums">
          {detail}
          {percent !== null ? ` · ${percent}%` : null}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max ?? undefined}
        aria-valuenow={max ? value : undefined}
        aria-valuetext={detail}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div
          className={cn(
            "h-full rounded-full transition-[width] duration-500",
            tone === "success"
              ? "bg-success"
              : tone === "destructive"
                ? "bg-destructive"
                : "bg-primary",
            percent === null && "w-1/3 motion-safe:animate-pulse",
          )}
          style={percent !== null ? { width: `${percent}%` } : undefined}
        />
      </div>
    </div>
  );
}
