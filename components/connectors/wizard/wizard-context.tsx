"use client";

import { createContext, useContext } from "react";
import type { WizardCatalog } from "@/lib/connectors/service";
import type { WizardStep } from "@/lib/connectors/wizard/steps";

export type WizardState = {
  catalog: WizardCatalog;
  draftId: string | null;
  /** Credentials saved in the draft (names only). */
  savedSecrets: string[];
  validSteps: ReadonlySet<WizardStep>;
  /** The draft (or "new") whose values the form currently holds. */
  loadedKey: string | null;
};

export type WizardContextValue = WizardState & {
  update: (patch: Partial<WizardState>) => void;
  /** The step whose schema the form's resolver applies. */
  setActiveStep: (step: WizardStep) => void;
};

export const WizardContext = createContext<WizardContextValue | null>(null);

export function useWizard(): WizardContextValue {
  const value = useContext(WizardContext);
  if (!value) throw new Error("useWizard outside the connector wizard");
  return value;
}

export function wizardHref(step: WizardStep, draftId: string | null, extra = "") {
  return `/connectors/new/${step}${draftId ? `?draft=${draftId}` : ""}${extra}`;
}
