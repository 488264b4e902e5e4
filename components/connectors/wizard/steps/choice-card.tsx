"use client";

import type { LucideIcon } from "lucide-react";
import { cn } from "@/components/ui/cn";

/**
 * A radio button drawn as a card: arrow keys move between the cards of one
 * group and Space picks one, because underneath it is a native radio.
 */
export function ChoiceCard({
  name,
  value,
  checked,
  onChange,
  title,
  description,
  icon: Icon,
  disabled = false,
  invalid = false,
  aside,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: () => void;
  title: string;
  description?: string;
  icon?: LucideIcon;
  disabled?: boolean;
  invalid?: boolean;
  aside?: React.ReactNode;
}) {
  return (
    <label
      className={cn(
        "relative flex cursor-pointer gap-3 rounded-lg border bg-card p-3.5 transition-colors",
        "has-[:focus-visible]:ring-3 has-[:focus-visible]:ring-ring/25",
        checked
          ? "border-primary bg-primary-soft/40 ring-1 ring-primary"
          : "border-border hover:bg-accent/50",
        invalid && !checked && "border-destructive/60",
        disabled && "cursor-not-allowed opacity-55",
      )}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        disabled={disabled}
        onChange={onChange}
        className="mt-0.5 size-4 shrink-0 accent-[var(--color-primary)]"
      />
      <span className="min-w-0 flex-1">
        <span className="flex items-center gap-2 text-sm font-medium">
          {Icon ? <Icon aria-hidden className="size-4 text-muted-foreground" /> : null}
          {title}
        </span>
        {description ? (
          <span className="mt-0.5 block text-[13px] text-muted-foreground">{description}</span>
        ) : null}
      </span>
      {aside}
    </label>
  );
}
