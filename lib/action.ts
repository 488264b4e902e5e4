import "server-only";
import type { z } from "zod";
import { getSessionUser, hasRole, type Role, type SessionUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type ActionResult<T> =
  { data: T } | { fieldErrors: Record<string, string[]> } | { error: string };

/**
 * The one wrapper for server actions: checks the session and role, parses the
 * input with the mutation's zod schema (the same one the form uses), and turns
 * errors into a result the form can show. Only errors marked safe reach the
 * user; anything else is logged and answered with a generic message.
 */
export function action<S extends z.ZodType, T>(
  options: { schema: S; role?: Exclude<Role, "viewer"> },
  run: (input: z.infer<S>, user: SessionUser) => Promise<T>,
) {
  return async (input: z.input<S>): Promise<ActionResult<T>> => {
    const user = await getSessionUser();
    if (!user) return { error: "Your session has ended. Sign in again." };
    if (options.role && !hasRole(user, options.role)) {
      return { error: "Your role does not allow this." };
    }
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".") || "form";
        (fieldErrors[key] ??= []).push(issue.message);
      }
      return { fieldErrors };
    }
    try {
      return { data: await run(parsed.data, user) };
    } catch (error) {
      if (isAppError(error)) {
        return error.fields ? { fieldErrors: error.fields } : { error: error.message };
      }
      logger.error("action failed", { error });
      return { error: "Something went wrong on the server. It has been logged; try again." };
    }
  };
}
