"use client";

import { useFormContext } from "react-hook-form";
import { qualysVmContentLabels, qualysVmContentTypes } from "@/lib/connectors/qualys-vm/schema";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { QualysCredentialFields, sourceFieldError } from "./qualys-credentials";
import type { SourceFormProps } from "./source-form-registry";

export function qualysVmInitialConfig(): Record<string, unknown> {
  return {
    apiUrl: "",
    intervalMinutes: 60,
    contentTypes: ["VULNERABILITIES"],
    truncationLimit: 1000,
    cacheKnowledgeBase: true,
  };
}

const CONTENT_DESCRIPTIONS: Record<(typeof qualysVmContentTypes)[number], string> = {
  HOSTS: "Every scanned host, as a host asset.",
  VULNERABILITIES:
    "Detections per host and port, with title, CVEs, CVSS and solution from the KnowledgeBase.",
};

/** Source settings of a Qualys VM connector: API URL, credentials, interval, content. */
export function QualysVmSourceForm({ savedSecrets }: SourceFormProps) {
  const {
    register,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const apiUrlError = sourceFieldError(errors, "config", "apiUrl");
  const intervalError = sourceFieldError(errors, "config", "intervalMinutes");
  const contentError = sourceFieldError(errors, "config", "contentTypes");
  const apiUrlHint =
    "The API server from Help > About in Qualys (the address with “api” in it). A trailing slash is fine.";
  const intervalHint = "How often the connector collects, in minutes (at least 5).";

  return (
    <div className="grid gap-5">
      <Field id="qualys-vm-api-url" label="Qualys API URL" error={apiUrlError} hint={apiUrlHint}>
        <Input
          id="qualys-vm-api-url"
          autoFocus
          spellCheck={false}
          inputMode="url"
          placeholder="https://qualysapi.qg2.apps.qualys.com"
          aria-invalid={apiUrlError ? true : undefined}
          aria-describedby={fieldDescribedBy("qualys-vm-api-url", {
            error: apiUrlError,
            hint: apiUrlHint,
          })}
          {...register("source.config.apiUrl")}
        />
      </Field>
      <QualysCredentialFields idPrefix="qualys-vm" savedSecrets={savedSecrets} />
      <Field
        id="qualys-vm-interval"
        label="Interval (minutes)"
        error={intervalError}
        hint={intervalHint}
      >
        <Input
          id="qualys-vm-interval"
          type="number"
          min={5}
          step={5}
          inputMode="numeric"
          className="max-w-40"
          aria-invalid={intervalError ? true : undefined}
          aria-describedby={fieldDescribedBy("qualys-vm-interval", {
            error: intervalError,
            hint: intervalHint,
          })}
          {...register("source.config.intervalMinutes", { valueAsNumber: true })}
        />
      </Field>
      <fieldset
        className="grid gap-2"
        aria-invalid={contentError ? true : undefined}
        aria-describedby={contentError ? "qualys-vm-content-error" : undefined}
      >
        <legend className="mb-2 text-[13px] font-medium">Content type</legend>
        {qualysVmContentTypes.map((type) => (
          <label
            key={type}
            className="flex cursor-pointer items-start gap-3 rounded-lg border border-border bg-card p-3 has-[:checked]:border-primary"
          >
            <input
              type="checkbox"
              value={type}
              className="mt-0.5 size-4 accent-[var(--color-primary)]"
              {...register("source.config.contentTypes")}
            />
            <span className="grid gap-0.5">
              <span className="text-sm font-medium">{qualysVmContentLabels[type]}</span>
              <span className="text-[13px] text-muted-foreground">
                {CONTENT_DESCRIPTIONS[type]}
              </span>
            </span>
          </label>
        ))}
        {contentError ? (
          <p id="qualys-vm-content-error" className="text-[13px] text-destructive">
            {contentError}
          </p>
        ) : null}
      </fieldset>
    </div>
  );
}
