import type { ActionResult } from "@/lib/action";

/** One readable sentence from a failed action result, for a toast. */
export function resultMessage<T>(result: ActionResult<T>): string | null {
  if ("error" in result) return result.error;
  if ("fieldErrors" in result) {
    const first = Object.values(result.fieldErrors)[0]?.[0];
    return first ?? "The change was not accepted.";
  }
  return null;
}
