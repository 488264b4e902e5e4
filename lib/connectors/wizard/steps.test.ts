import { describe, expect, it } from "vitest";
import {
  firstIncompleteStep,
  isStepReachable,
  isWizardStep,
  nextStep,
  previousStep,
  resolveStep,
  wizardSteps,
  type WizardStep,
} from "./steps";

const valid = (...steps: WizardStep[]) => new Set<WizardStep>(steps);
const upTo = (step: WizardStep) => valid(...wizardSteps.slice(0, wizardSteps.indexOf(step)));

describe("wizard step order", () => {
  it.each([
    ["basic", null, "source"],
    ["source", "basic", "data-model"],
    ["data-model", "source", "transform-map"],
    ["transform-map", "data-model", "profile"],
    ["profile", "transform-map", "identification"],
    ["identification", "profile", "review"],
    ["review", "identification", null],
  ] as const)("%s: back to %s, next to %s", (step, back, next) => {
    expect(previousStep(step)).toBe(back);
    expect(nextStep(step)).toBe(next);
  });

  it.each([
    ["basic", true],
    ["transform-map", true],
    ["Review", false],
    ["", false],
    ["settings", false],
  ])("isWizardStep(%j) is %s", (value, expected) => {
    expect(isWizardStep(value)).toBe(expected);
  });
});

describe("wizard gating", () => {
  it.each<[string, WizardStep, Set<WizardStep>, boolean]>([
    ["the first step with nothing done", "basic", valid(), true],
    ["the second step before the first is valid", "source", valid(), false],
    ["the second step once the first is valid", "source", valid("basic"), true],
    ["review with every step valid", "review", upTo("review"), true],
    [
      "review with one step in the middle invalid",
      "review",
      valid("basic", "source", "data-model", "profile", "identification"),
      false,
    ],
    ["a step whose own data is invalid", "profile", upTo("profile"), true],
    ["a later step valid but an earlier one not", "data-model", valid("source"), false],
  ])("%s", (_, step, steps, reachable) => {
    expect(isStepReachable(step, steps)).toBe(reachable);
  });

  it.each<[string, WizardStep, Set<WizardStep>, WizardStep]>([
    ["a reachable step stays", "source", valid("basic"), "source"],
    ["skipping ahead lands on the first incomplete step", "profile", valid("basic"), "source"],
    ["a fresh wizard asked for review starts at basic", "review", valid(), "basic"],
    [
      "a hole in the middle is where it lands",
      "review",
      valid("basic", "source", "transform-map"),
      "data-model",
    ],
    ["everything valid reaches review", "review", upTo("review"), "review"],
  ])("%s", (_, requested, steps, expected) => {
    expect(resolveStep(requested, steps)).toBe(expected);
  });

  it("resumes at review only when every editable step is valid", () => {
    expect(firstIncompleteStep(upTo("review"))).toBe("review");
    expect(firstIncompleteStep(upTo("identification"))).toBe("identification");
  });
});
