import type { HTMLAttributes, ReactNode } from "react";
import { CircleAlert, CircleCheck, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import { cn } from "./cn";

type AlertTone = "info" | "success" | "warning" | "destructive";

const tones: Record<AlertTone, { className: string; icon: LucideIcon }> = {
  info: { className: "border-info/30 bg-info/8 [&>svg]:text-info", icon: Info },
  success: { className: "border-success/30 bg-success/8 [&>svg]:text-success", icon: CircleCheck },
  warning: {
    className: "border-warning/35 bg-warning/8 [&>svg]:text-warning",
    icon: TriangleAlert,
  },
  destructive: {
    className: "border-destructive/30 bg-destructive/8 [&>svg]:text-destructive",
    icon: CircleAlert,
  },
};

/**
 * An inline message. Pass role="alert" when it appears in response to an
 * action (a failed sign-in) so assistive technology announces it at once.
 */
export function Alert({
  tone = "info",
  title,
  className,
  children,
  ...props
}: HTMLAttributes<HTMLDivElement> & { tone?: AlertTone; title?: ReactNode }) {
  const { className: toneClass, icon: Icon } = tones[tone];
  return (
    <div
      className={cn(
        "flex gap-2.5 rounded-md border px-3 py-2.5 text-sm text-foreground",
        toneClass,
        className,
      )}
      {...props}
    >
      <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? (
          <div className={cn(title && "mt-0.5 text-muted-foreground")}>{children}</div>
        ) : null}
      </div>
    </div>
  );
}
