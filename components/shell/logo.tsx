import { cn } from "@/components/ui/cn";

/**
 * The Sluice mark: a lifted gate between two posts with water flowing under it —
 * the product lets data through in a controlled way.
 */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={cn("size-8 shrink-0", className)} fill="none">
      <rect width="32" height="32" rx="8" className="fill-primary" />
      <path
        d="M9.5 6.5v13M22.5 6.5v13"
        className="stroke-primary-foreground"
        strokeWidth="2.2"
        strokeLinecap="round"
      />
      <rect x="12" y="8" width="8" height="7" rx="1.25" className="fill-primary-foreground" />
      <path
        d="M6 21.25c1.67 0 1.67-1.25 3.33-1.25s1.67 1.25 3.34 1.25S14.33 20 16 20s1.67 1.25 3.33 1.25S21 20 22.67 20 24.33 21.25 26 21.25"
        className="stroke-primary-foreground"
        strokeWidth="1.9"
        strokeLinecap="round"
      />
      <path
        d="M6 25.25c1.67 0 1.67-1.25 3.33-1.25s1.67 1.25 3.34 1.25S14.33 24 16 24s1.67 1.25 3.33 1.25S21 24 22.67 24 24.33 25.25 26 25.25"
        className="stroke-primary-foreground"
        strokeOpacity="0.55"
        strokeWidth="1.9"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cn("inline-flex items-center gap-2.5", className)}>
      <LogoMark className="size-7" />
      <span className="text-[15px] font-semibold tracking-tight text-foreground">Sluice</span>
    </span>
  );
}
