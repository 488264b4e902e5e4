"use client";

import Link from "next/link";
import { useParams } from "next/navigation";
import { Check } from "lucide-react";
import { cn } from "@/components/ui/cn";
import {
  isStepReachable,
  isWizardStep,
  wizardStepLabels,
  wizardSteps,
} from "@/lib/connectors/wizard/steps";
import { useWizard, wizardHref } from "./wizard-context";

/** The list of steps: done steps are ticked, steps not reachable yet are not links. */
export function WizardStepNav() {
  const { draftId, validSteps } = useWizard();
  const params = useParams<{ step?: string }>();
  const current = params.step && isWizardStep(params.step) ? params.step : "basic";

  return (
    <nav aria-label="Wizard steps" className="lg:sticky lg:top-20">
      <ol className="flex gap-1 overflow-x-auto pb-1 lg:flex-col lg:overflow-visible lg:pb-0">
        {wizardSteps.map((step, index) => {
          const active = step === current;
          const done = validSteps.has(step) && !active;
          const reachable = isStepReachable(step, validSteps);
          const marker = (
            <span
              aria-hidden
              className={cn(
                "flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold tabular-nums ring-1 ring-inset",
                active && "bg-primary text-primary-foreground ring-primary",
                done && "bg-primary-soft text-primary ring-primary/30",
                !active && !done && "bg-card text-muted-foreground ring-border",
              )}
            >
              {done ? <Check className="size-3.5" strokeWidth={2.5} /> : index + 1}
            </span>
          );
          const label = (
            <>
              {marker}
              <span className="whitespace-nowrap">{wizardStepLabels[step]}</span>
              {done ? <span className="sr-only">(done)</span> : null}
            </>
          );
          const classes = cn(
            "flex h-9 items-center gap-2.5 rounded-md px-2 text-sm",
            active && "bg-accent font-medium text-foreground",
          );
          return (
            <li key={step}>
              {reachable && !active ? (
                <Link
                  href={wizardHref(step, draftId)}
                  className={cn(classes, "focus-ring text-foreground hover:bg-accent")}
                >
                  {label}
                </Link>
              ) : (
                <span
                  aria-current={active ? "step" : undefined}
                  aria-disabled={!reachable || undefined}
                  className={cn(classes, !reachable && "text-muted-foreground/70")}
                >
                  {label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
