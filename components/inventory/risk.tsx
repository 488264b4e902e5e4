import { cn } from "@/components/ui/cn";

// Asset Criticality Score labels, 1–5, as TruRisk-style consoles name them.
export const CRITICALITY_LABELS: Record<number, string> = {
  1: "Low",
  2: "Minor",
  3: "Medium",
  4: "High",
  5: "Critical",
};

/**
 * Bands for an asset's 0–1000 score, only for colour: 850+ critical, 700+
 * high, 500+ medium, anything above 0 low.
 */
function scoreTone(score: number) {
  if (score >= 850) return "bg-severity-5";
  if (score >= 700) return "bg-severity-4";
  if (score >= 500) return "bg-severity-3";
  if (score > 0) return "bg-severity-2";
  return "bg-muted-foreground/40";
}

export function RiskScore({ score, className }: { score: number; className?: string }) {
  return (
    <span
      className={cn("inline-flex items-center gap-2 tabular-nums", className)}
      title={`Risk score ${score} of 1000`}
    >
      <span aria-hidden className="h-1.5 w-10 overflow-hidden rounded-full bg-muted">
        <span
          className={cn("block h-full rounded-full", scoreTone(score))}
          style={{ width: `${Math.max(4, Math.min(100, score / 10))}%` }}
        />
      </span>
      <span className="font-medium">{score}</span>
    </span>
  );
}

export function Criticality({ value }: { value: number }) {
  return (
    <span className="whitespace-nowrap tabular-nums" title={`Asset criticality ${value} of 5`}>
      {value}
      <span className="ml-1 text-muted-foreground">{CRITICALITY_LABELS[value] ?? ""}</span>
    </span>
  );
}
