import type { LabelHTMLAttributes } from "react";
import { cn } from "./cn";

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  // The control is associated through htmlFor, passed by the caller.
  return <label className={cn("text-[13px] font-medium text-foreground", className)} {...props} />;
}
