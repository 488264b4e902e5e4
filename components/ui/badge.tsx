import type { HTMLAttributes } from "react";
import { cn } from "./cn";

export type BadgeTone = "neutral" | "primary" | "info" | "success" | "warning" | "destructive";

const tones: Record<BadgeTone, string> = {
  neutral: "bg-muted text-muted-foreground ring-border",
  primary: "bg-primary/10 text-primary ring-primary/25",
  info: "bg-info/10 text-info ring-info/25",
  success: "bg-success/10 text-success ring-success/25",
  warning: "bg-warning/10 text-warning ring-warning/30",
  destructive: "bg-destructive/10 text-destructive ring-destructive/25",
};

const dots: Record<BadgeTone, string> = {
  neutral: "bg-muted-foreground",
  primary: "bg-primary",
  info: "bg-info",
  success: "bg-success",
  warning: "bg-warning",
  destructive: "bg-destructive",
};

export function Badge({
  tone = "neutral",
  dot = false,
  pulse = false,
  className,
  children,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { tone?: BadgeTone; dot?: boolean; pulse?: boolean }) {
  return (
    <span
      className={cn(
        "inline-flex h-5 items-center gap-1.5 rounded-md px-1.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset",
        tones[tone],
        className,
      )}
      {...props}
    >
      {dot ? (
        <span
          aria-hidden
          className={cn("size-1.5 rounded-full", dots[tone], pulse && "motion-safe:animate-pulse")}
        />
      ) : null}
      {children}
    </span>
  );
}

export type RunState = "QUEUED" | "PROCESSING" | "PROCESSED" | "FAILED" | "CANCELLED";

const runStates: Record<RunState, { label: string; tone: BadgeTone; pulse?: boolean }> = {
  QUEUED: { label: "Queued", tone: "neutral" },
  PROCESSING: { label: "Processing", tone: "info", pulse: true },
  PROCESSED: { label: "Processed", tone: "success" },
  FAILED: { label: "Failed", tone: "destructive" },
  CANCELLED: { label: "Cancelled", tone: "neutral" },
};

export function RunStateBadge({ state }: { state: RunState }) {
  const { label, tone, pulse } = runStates[state];
  return (
    <Badge tone={tone} dot pulse={pulse}>
      {label}
    </Badge>
  );
}

export type Severity = 1 | 2 | 3 | 4 | 5;

// Qualys' own words for its 1–5 scale, so analysts recognise them.
const severities: Record<Severity, { label: string; swatch: string }> = {
  1: { label: "Minimal", swatch: "bg-severity-1" },
  2: { label: "Medium", swatch: "bg-severity-2" },
  3: { label: "Serious", swatch: "bg-severity-3" },
  4: { label: "Critical", swatch: "bg-severity-4" },
  5: { label: "Urgent", swatch: "bg-severity-5" },
};

/**
 * Colour is a swatch next to readable text rather than coloured text, so every
 * level keeps its contrast in both themes and does not rely on colour alone.
 */
export function SeverityBadge({
  severity,
  showLabel = true,
}: {
  severity: Severity;
  showLabel?: boolean;
}) {
  const { label, swatch } = severities[severity];
  return (
    <span
      className="inline-flex h-5 items-center gap-1.5 rounded-md bg-card px-1.5 text-xs font-medium whitespace-nowrap text-foreground ring-1 ring-border ring-inset"
      title={`Severity ${severity} · ${label}`}
    >
      <span aria-hidden className={cn("size-2 rounded-[3px]", swatch)} />
      <span className="tabular-nums">{severity}</span>
      {showLabel ? (
        <span className="text-muted-foreground">{label}</span>
      ) : (
        <span className="sr-only">{label}</span>
      )}
    </span>
  );
}

export type Role = "admin" | "operator" | "viewer";

const roles: Record<Role, { label: string; tone: BadgeTone }> = {
  admin: { label: "Admin", tone: "primary" },
  operator: { label: "Operator", tone: "info" },
  viewer: { label: "Viewer", tone: "neutral" },
};

export function RoleBadge({ role }: { role: Role }) {
  const { label, tone } = roles[role];
  return <Badge tone={tone}>{label}</Badge>;
}
