import type { SelectHTMLAttributes } from "react";
import { ChevronDown } from "lucide-react";
import { cn } from "./cn";
import { controlClasses, controlSizes, type ControlSize } from "./input";

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & {
  /** Extra classes for the wrapper, which carries width and margin. */
  wrapperClassName?: string;
  controlSize?: ControlSize;
};

/**
 * A styled native select: keyboard, screen-reader and mobile behaviour come
 * from the browser for free, which matters more here than a custom popover.
 */
export function Select({
  className,
  wrapperClassName,
  controlSize = "md",
  children,
  ...props
}: SelectProps) {
  return (
    <div className={cn("relative", wrapperClassName)}>
      <select
        className={cn(
          controlClasses,
          controlSizes[controlSize],
          "cursor-pointer appearance-none pr-8",
          className,
        )}
        {...props}
      >
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
