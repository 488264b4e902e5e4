"use server";

import { AuthError } from "next-auth";
import { signIn, signOut, loginSchema, RateLimitedSignin } from "./config";

export type LoginState = {
  error?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
};

/** Only same-site paths, so the login form cannot be turned into an open redirect. */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

export async function loginAction(_prev: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = loginSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
  });
  if (!parsed.success) {
    return { fieldErrors: parsed.error.flatten().fieldErrors };
  }
  try {
    await signIn("credentials", {
      ...parsed.data,
      redirectTo: safeCallback(formData.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError && (error as RateLimitedSignin).code === "rate_limited") {
      return { error: "Too many failed sign-in attempts. Wait a few minutes and try again." };
    }
    if (error instanceof AuthError) return { error: "Wrong e-mail or password." };
    // signIn signals success by throwing Next.js's redirect.
    throw error;
  }
}

export async function logoutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
