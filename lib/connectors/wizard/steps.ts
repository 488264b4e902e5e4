// Order and gating of the connector wizard. Pure, so the server (which
// redirects a URL that skips ahead) and the browser (which greys out the
// steps not yet reachable) decide the same way.

export const wizardSteps = [
  "basic",
  "source",
  "data-model",
  "transform-map",
  "profile",
  "identification",
  "review",
] as const;

export type WizardStep = (typeof wizardSteps)[number];

export const wizardStepLabels: Record<WizardStep, string> = {
  basic: "Basic details",
  source: "Source settings",
  "data-model": "Data model",
  "transform-map": "Transform map",
  profile: "Profile",
  identification: "Identification rules",
  review: "Review",
};

export function isWizardStep(value: string): value is WizardStep {
  return (wizardSteps as readonly string[]).includes(value);
}

export function stepIndex(step: WizardStep): number {
  return wizardSteps.indexOf(step);
}

export function nextStep(step: WizardStep): WizardStep | null {
  return wizardSteps[stepIndex(step) + 1] ?? null;
}

export function previousStep(step: WizardStep): WizardStep | null {
  const index = stepIndex(step);
  return index > 0 ? wizardSteps[index - 1] : null;
}

/** A step can be opened when every step before it is valid. */
export function isStepReachable(step: WizardStep, validSteps: ReadonlySet<WizardStep>): boolean {
  return wizardSteps.slice(0, stepIndex(step)).every((earlier) => validSteps.has(earlier));
}

/** The first step that is not valid yet: where a resumed draft continues. */
export function firstIncompleteStep(validSteps: ReadonlySet<WizardStep>): WizardStep {
  return wizardSteps.find((step) => step !== "review" && !validSteps.has(step)) ?? "review";
}

/**
 * Where a request for `requested` should land: the step itself when it is
 * reachable, otherwise the first step before it that still needs work.
 */
export function resolveStep(
  requested: WizardStep,
  validSteps: ReadonlySet<WizardStep>,
): WizardStep {
  return isStepReachable(requested, validSteps) ? requested : firstIncompleteStep(validSteps);
}
