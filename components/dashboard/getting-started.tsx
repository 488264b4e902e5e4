import Link from "next/link";
import { Cable, Boxes, ShieldAlert, Upload } from "lucide-react";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

const steps = [
  {
    icon: Cable,
    title: "Connect a source",
    text: "Qualys CSAM or VM, CSV files in S3, or JSON logs via SQS.",
  },
  {
    icon: Boxes,
    title: "Build the inventory",
    text: "Runs deduplicate assets with identification rules and score risk.",
  },
  {
    icon: ShieldAlert,
    title: "Triage findings",
    text: "Search assets and vulnerabilities with one query language.",
  },
  { icon: Upload, title: "Export", text: "Deliver findings and posture to your own S3 bucket." },
];

/** Shown instead of the run history while the tenant has no connectors at all. */
export function GettingStarted() {
  return (
    <EmptyState
      icon={Cable}
      title="No connectors yet — create one to pull assets and findings"
      description="Everything in Sluice starts with a connector. Once one has run, this dashboard shows its runs, your assets and their open findings."
      action={
        <Link href="/connectors" className={buttonClasses({ variant: "secondary" })}>
          <Cable aria-hidden />
          Go to Connectors
        </Link>
      }
    >
      <ol className="grid gap-3 text-left sm:grid-cols-2">
        {steps.map((step, i) => (
          <li
            key={step.title}
            className="flex gap-3 rounded-md border border-border bg-background/60 p-3"
          >
            <span
              aria-hidden
              className="flex size-6 shrink-0 items-center justify-center rounded-full bg-muted text-xs font-semibold text-muted-foreground tabular-nums"
            >
              {i + 1}
            </span>
            <div>
              <p className="text-sm font-medium">{step.title}</p>
              <p className="mt-0.5 text-[13px] text-muted-foreground">{step.text}</p>
            </div>
          </li>
        ))}
      </ol>
    </EmptyState>
  );
}
