"use client";

import { useLayoutEffect, useState, type ComponentType } from "react";
import { useRouter } from "next/navigation";
import { useFormContext } from "react-hook-form";
import { ArrowLeft, ArrowRight, LoaderCircle } from "lucide-react";
import { toast } from "sonner";
import type { ActionResult } from "@/lib/action";
import { saveDraftAction } from "@/lib/connectors/actions";
import { emptyWizardValues, type WizardValues } from "@/lib/connectors/wizard/schema";
import {
  nextStep,
  previousStep,
  wizardStepLabels,
  wizardSteps,
  type WizardStep,
} from "@/lib/connectors/wizard/steps";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { BasicStep } from "./steps/basic-step";
import { DataModelStep } from "./steps/data-model-step";
import { IdentificationStep } from "./steps/identification-step";
import { ProfileStep } from "./steps/profile-step";
import { ReviewStep } from "./steps/review-step";
import { SourceStep } from "./steps/source-step";
import { TransformMapStep } from "./steps/transform-map-step";
import { applyFieldErrors } from "./field-errors";
import { useWizard, wizardHref } from "./wizard-context";

export type WizardDraftProps = {
  id: string;
  values: WizardValues;
  savedSecrets: string[];
  validSteps: WizardStep[];
} | null;

const stepComponents: Record<Exclude<WizardStep, "review">, ComponentType> = {
  basic: BasicStep,
  source: SourceStep,
  "data-model": DataModelStep,
  "transform-map": TransformMapStep,
  profile: ProfileStep,
  identification: IdentificationStep,
};

export function WizardStepView({ step, draft }: { step: WizardStep; draft: WizardDraftProps }) {
  const router = useRouter();
  const wizard = useWizard();
  const form = useFormContext<WizardValues>();
  const [pending, setPending] = useState<"next" | "back" | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const key = draft?.id ?? "new";
  const { update, setActiveStep, loadedKey } = wizard;

  // A reload or a resumed draft fills the form once; moving between steps of
  // the same draft keeps what the form already holds.
  useLayoutEffect(() => {
    setActiveStep(step);
    if (loadedKey !== key) {
      form.reset(draft?.values ?? emptyWizardValues());
    }
    update({
      loadedKey: key,
      draftId: draft?.id ?? null,
      savedSecrets: draft?.savedSecrets ?? [],
      validSteps: new Set(draft?.validSteps ?? []),
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the server sends a new draft or step
  }, [step, draft]);

  if (loadedKey !== key) return null;

  async function save(intent: "next" | "back"): Promise<void> {
    setProblems([]);
    setPending(intent);
    const values = form.getValues();
    let result: ActionResult<{ draftId: string; step: WizardStep }>;
    try {
      result = await saveDraftAction({ draftId: wizard.draftId, step, intent, values });
    } catch {
      result = { error: "The draft could not be saved. Check your connection and try again." };
    }
    if ("fieldErrors" in result) {
      setPending(null);
      setProblems(applyFieldErrors(form.setError, result.fieldErrors));
      return;
    }
    if ("error" in result) {
      setPending(null);
      setProblems([result.error]);
      return;
    }
    // Typed credentials are saved now; the fields go back to "saved".
    const typed = Object.entries(values.source.secrets)
      .filter(([, v]) => v.trim() !== "")
      .map(([k]) => k);
    if (typed.length > 0) {
      form.setValue(
        "source.secrets",
        Object.fromEntries(Object.keys(values.source.secrets).map((k) => [k, ""])),
      );
    }
    update({
      draftId: result.data.draftId,
      loadedKey: result.data.draftId,
      savedSecrets: [...new Set([...wizard.savedSecrets, ...typed])],
    });
    router.push(wizardHref(result.data.step, result.data.draftId));
    setPending(null);
  }

  const onNext = form.handleSubmit(
    () => save("next"),
    () =>
      toast.error("Some fields need attention", { description: "They are marked on this step." }),
  );
  const Step = step === "review" ? null : stepComponents[step];
  const back = previousStep(step);
  const next = nextStep(step);
  const index = wizardSteps.indexOf(step);

  return (
    <Card>
      <div className="border-b border-border px-5 py-4">
        <p className="text-xs font-medium text-muted-foreground">
          Step {index + 1} of {wizardSteps.length}
        </p>
        <h2 className="mt-0.5 text-base font-semibold">{wizardStepLabels[step]}</h2>
      </div>
      {step === "review" ? (
        <div className="p-5">
          <ReviewStep onBack={() => save("back")} backPending={pending === "back"} />
        </div>
      ) : (
        <form onSubmit={onNext} noValidate>
          <div className="grid grid-cols-1 gap-5 p-5">
            {problems.length > 0 ? (
              <Alert tone="destructive" role="alert" title="This step was not saved">
                <ul className="list-disc pl-4">
                  {problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </Alert>
            ) : null}
            {Step ? <Step /> : null}
          </div>
          <div className="flex items-center justify-between gap-3 border-t border-border bg-muted/30 px-5 py-3">
            {back ? (
              <Button variant="secondary" onClick={() => save("back")} disabled={pending !== null}>
                {pending === "back" ? (
                  <LoaderCircle aria-hidden className="animate-spin" />
                ) : (
                  <ArrowLeft aria-hidden />
                )}
                Back
              </Button>
            ) : (
              <span />
            )}
            <Button type="submit" disabled={pending !== null}>
              {pending === "next" ? <LoaderCircle aria-hidden className="animate-spin" /> : null}
              {next === "review" ? "Next: review" : "Next"}
              {pending === "next" ? null : <ArrowRight aria-hidden />}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
