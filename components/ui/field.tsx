import type { ReactNode } from "react";
import { cn } from "./cn";
import { Label } from "./label";

/**
 * Label, control, hint and error in one column. The caller passes the same id
 * to the control and sets aria-describedby to `${id}-error` / `${id}-hint`
 * (see fieldDescribedBy) so the message is read out with the control.
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-[13px] text-destructive">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-[13px] text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export function fieldDescribedBy(
  id: string,
  { error, hint }: { error?: string; hint?: ReactNode },
) {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}
