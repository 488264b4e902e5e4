"use client";

import { useFormContext } from "react-hook-form";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Errors = ReturnType<typeof useFormContext<WizardValues>>["formState"]["errors"];

export function sourceFieldError(
  errors: Errors,
  part: "config" | "secrets",
  key: string,
): string | undefined {
  const fields = errors.source?.[part] as
    Record<string, { message?: string } | undefined> | undefined;
  return fields?.[key]?.message;
}

/** Username and password of a Qualys API user; a saved password is never shown. */
export function QualysCredentialFields({
  idPrefix,
  savedSecrets,
}: {
  idPrefix: string;
  savedSecrets: string[];
}) {
  const {
    register,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const usernameError = sourceFieldError(errors, "secrets", "username");
  const passwordError = sourceFieldError(errors, "secrets", "password");
  const usernameSaved = savedSecrets.includes("username");
  const passwordSaved = savedSecrets.includes("password");
  const usernameHint = usernameSaved
    ? "Saved. Leave blank to keep it."
    : "A Qualys user whose role allows API access.";
  const passwordHint = passwordSaved
    ? "Saved. Leave blank to keep it."
    : "Stored encrypted; never shown again.";

  return (
    <div className="grid gap-5 md:grid-cols-2">
      <Field
        id={`${idPrefix}-username`}
        label="Qualys username"
        error={usernameError}
        hint={usernameHint}
      >
        <Input
          id={`${idPrefix}-username`}
          autoComplete="off"
          spellCheck={false}
          placeholder={usernameSaved ? "••• saved" : ""}
          aria-invalid={usernameError ? true : undefined}
          aria-describedby={fieldDescribedBy(`${idPrefix}-username`, {
            error: usernameError,
            hint: usernameHint,
          })}
          {...register("source.secrets.username")}
        />
      </Field>
      <Field
        id={`${idPrefix}-password`}
        label="Qualys password"
        error={passwordError}
        hint={passwordHint}
      >
        <Input
          id={`${idPrefix}-password`}
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={passwordSaved ? "••• saved" : ""}
          aria-invalid={passwordError ? true : undefined}
          aria-describedby={fieldDescribedBy(`${idPrefix}-password`, {
            error: passwordError,
            hint: passwordHint,
          })}
          {...register("source.secrets.password")}
        />
      </Field>
    </div>
  );
}
