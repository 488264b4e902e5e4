import type { FieldPath, UseFormSetError } from "react-hook-form";
import { stepKeys, type WizardValues } from "@/lib/connectors/wizard/schema";

const formRoots = new Set<string>(Object.values(stepKeys));

/**
 * Puts server field errors ("basic.name") on the form's fields and returns
 * the messages that belong to no field, for the alert above the step.
 */
export function applyFieldErrors(
  setError: UseFormSetError<WizardValues>,
  fieldErrors: Record<string, string[]>,
): string[] {
  const loose: string[] = [];
  let focused = false;
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const [root, ...rest] = path.split(".");
    if (formRoots.has(root) && rest.length > 0) {
      setError(
        path as FieldPath<WizardValues>,
        { type: "server", message: messages[0] },
        { shouldFocus: !focused },
      );
      focused = true;
    } else {
      loose.push(...messages);
    }
  }
  return loose;
}
