"use client";

import { useActionState, useState } from "react";
import { LoaderCircle } from "lucide-react";
import { loginAction, type LoginState } from "@/lib/auth/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

const initialState: LoginState = {};

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(loginAction, initialState);
  // React resets uncontrolled fields after an action; keeping the e-mail in state
  // means a mistyped password does not also cost the user their e-mail address.
  const [email, setEmail] = useState("");

  const emailError = state.fieldErrors?.email?.[0];
  const passwordError = state.fieldErrors?.password?.[0];

  return (
    <form action={formAction} className="grid gap-4" noValidate>
      {state.error ? (
        <Alert tone="destructive" role="alert">
          {state.error}
        </Alert>
      ) : null}

      <input type="hidden" name="callbackUrl" value={callbackUrl} />

      <Field id="email" label="E-mail" error={emailError}>
        <Input
          id="email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={fieldDescribedBy("email", { error: emailError })}
        />
      </Field>

      <Field id="password" label="Password" error={passwordError}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={fieldDescribedBy("password", { error: passwordError })}
        />
      </Field>

      <Button type="submit" size="lg" className="mt-1 w-full" disabled={pending}>
        {pending ? (
          <>
            <LoaderCircle aria-hidden className="animate-spin" />
            Signing in…
          </>
        ) : (
          "Sign in"
        )}
      </Button>
    </form>
  );
}
