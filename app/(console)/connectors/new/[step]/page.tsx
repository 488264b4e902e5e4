import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/session";
import { getWizardDraft } from "@/lib/connectors/service";
import { isWizardStep, resolveStep, wizardStepLabels } from "@/lib/connectors/wizard/steps";
import { WizardStepView } from "@/components/connectors/wizard/wizard-step-view";

type Props = {
  params: Promise<{ step: string }>;
  searchParams: Promise<{ draft?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { step } = await params;
  return {
    title: isWizardStep(step) ? `New connector · ${wizardStepLabels[step]}` : "New connector",
  };
}

export default async function WizardStepPage({ params, searchParams }: Props) {
  const [{ step }, { draft: draftParam }] = await Promise.all([params, searchParams]);
  if (!isWizardStep(step)) notFound();
  const user = await requireRole("operator");

  const draftId = typeof draftParam === "string" ? draftParam : undefined;
  if (draftId !== undefined && !z.uuid().safeParse(draftId).success) notFound();
  const draft = draftId ? await getWizardDraft({ tenantId: user.tenantId, draftId }) : null;
  if (draftId && !draft) notFound();

  // A URL that skips a step that is not done yet lands on that step instead.
  const target = resolveStep(step, new Set(draft?.validSteps ?? []));
  if (target !== step) redirect(`/connectors/new/${target}${draft ? `?draft=${draft.id}` : ""}`);

  return (
    <WizardStepView
      key={step}
      step={step}
      draft={
        draft
          ? {
              id: draft.id,
              values: draft.values,
              savedSecrets: draft.savedSecrets,
              validSteps: draft.validSteps,
            }
          : null
      }
    />
  );
}
