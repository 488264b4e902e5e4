"use client";

import { useFormContext } from "react-hook-form";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { QualysCredentialFields, sourceFieldError } from "./qualys-credentials";
import type { SourceFormProps } from "./source-form-registry";

export function csamApiInitialConfig(): Record<string, unknown> {
  return { baseUrl: "", tagFilter: "", content: "HOST_ASSET" };
}

/** Source settings of a CSAM API connector: gateway URL, credentials, tag filter. */
export function CsamApiSourceForm({ savedSecrets }: SourceFormProps) {
  const {
    register,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const baseUrlError = sourceFieldError(errors, "config", "baseUrl");
  const tagFilterError = sourceFieldError(errors, "config", "tagFilter");
  const baseUrlHint =
    "The API gateway of your Qualys platform, e.g. https://gateway.qg2.apps.qualys.com (see Qualys Platform Identification).";
  const tagFilterHint =
    'Optional. Import only assets carrying any of these tags, separated by commas, e.g. "Production, PCI".';

  return (
    <div className="grid gap-5">
      <Field id="csam-base-url" label="Base URL" error={baseUrlError} hint={baseUrlHint}>
        <Input
          id="csam-base-url"
          autoFocus
          spellCheck={false}
          inputMode="url"
          placeholder="https://gateway.qg2.apps.qualys.com"
          aria-invalid={baseUrlError ? true : undefined}
          aria-describedby={fieldDescribedBy("csam-base-url", {
            error: baseUrlError,
            hint: baseUrlHint,
          })}
          {...register("source.config.baseUrl")}
        />
      </Field>
      <QualysCredentialFields idPrefix="csam" savedSecrets={savedSecrets} />
      <Field id="csam-tag-filter" label="Tag filter" error={tagFilterError} hint={tagFilterHint}>
        <Input
          id="csam-tag-filter"
          spellCheck={false}
          placeholder="eval-214027-test, exec-220563"
          aria-invalid={tagFilterError ? true : undefined}
          aria-describedby={fieldDescribedBy("csam-tag-filter", {
            error: tagFilterError,
            hint: tagFilterHint,
          })}
          {...register("source.config.tagFilter")}
        />
      </Field>
      <p className="text-[13px] text-muted-foreground">
        Content: <span className="font-medium text-foreground">Host assets</span>, with their
        software, open ports, network interfaces and business information. Sign-in tokens are
        renewed by Sluice every few hours.
      </p>
    </div>
  );
}
