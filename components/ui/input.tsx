import type { InputHTMLAttributes } from "react";
import { cn } from "./cn";

export type ControlSize = "sm" | "md";

export const controlSizes: Record<ControlSize, string> = {
  sm: "h-8 text-[13px]",
  md: "h-9 text-sm",
};

/** Shared by input and select so form controls line up in height and focus style. */
export const controlClasses = cn(
  "w-full min-w-0 rounded-md border border-input bg-card px-3 text-foreground shadow-xs transition-[border-color,box-shadow]",
  "placeholder:text-muted-foreground/80",
  "outline-none focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/25",
  "disabled:cursor-not-allowed disabled:opacity-60",
  "aria-invalid:border-destructive aria-invalid:focus-visible:ring-destructive/25",
);

export type InputProps = InputHTMLAttributes<HTMLInputElement> & { controlSize?: ControlSize };

export function Input({ className, controlSize = "md", ...props }: InputProps) {
  return <input className={cn(controlClasses, controlSizes[controlSize], className)} {...props} />;
}
