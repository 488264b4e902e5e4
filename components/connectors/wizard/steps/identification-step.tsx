"use client";

import { useEffect } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { ArrowDown, ArrowUp } from "lucide-react";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { useWizard } from "../wizard-context";

export function IdentificationStep() {
  const { catalog } = useWizard();
  const {
    control,
    setValue,
    getValues,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const { fields, move } = useFieldArray({ control, name: "identification.rules" });
  const rules = useWatch({ control, name: "identification.rules" });
  const type = useWatch({ control, name: "basic.type" });
  const labels = new Map(catalog.identifiers.map((i) => [i.kind, i.label]));

  useEffect(() => {
    if (getValues("identification.rules").length > 0) return;
    // The type's default precedence first, turned on; any other kind after it, off.
    const defaults = catalog.types.find((t) => t.type === type)?.defaultIdentificationRules ?? [];
    const rest = catalog.identifiers.map((i) => i.kind).filter((kind) => !defaults.includes(kind));
    setValue("identification.rules", [
      ...defaults.map((identifier) => ({ identifier, enabled: true })),
      ...rest.map((identifier) => ({ identifier, enabled: false })),
    ]);
  }, [catalog, type, getValues, setValue]);

  const error =
    (errors.identification?.rules as { root?: { message?: string }; message?: string } | undefined)
      ?.root?.message ?? errors.identification?.rules?.message;

  return (
    <div className="grid gap-4">
      <p className="text-sm text-muted-foreground">
        Each record is matched to an existing asset by the first enabled identifier it carries, in
        this order. Turn off identifiers you do not trust in this source; at least one must stay on.
      </p>
      {error ? (
        <p id="rules-error" role="alert" className="text-[13px] text-destructive">
          {error}
        </p>
      ) : null}
      <ol
        className="grid gap-2"
        aria-label="Identification rules in order"
        aria-describedby={error ? "rules-error" : undefined}
      >
        {fields.map((field, index) => {
          const rule = rules[index] ?? field;
          const label = labels.get(rule.identifier as never) ?? rule.identifier;
          const position = rules.slice(0, index + 1).filter((r) => r.enabled).length;
          return (
            <li
              key={field.id}
              className={cn(
                "flex items-center gap-3 rounded-lg border border-border bg-card px-3 py-2.5",
                !rule.enabled && "bg-muted/40",
              )}
            >
              <span
                className={cn(
                  "flex size-6 items-center justify-center rounded-full text-xs font-semibold tabular-nums",
                  rule.enabled ? "bg-primary-soft text-primary" : "bg-muted text-muted-foreground",
                )}
                aria-hidden
              >
                {rule.enabled ? position : "–"}
              </span>
              <div className="min-w-0 flex-1">
                <p className={cn("text-sm font-medium", !rule.enabled && "text-muted-foreground")}>
                  {label}
                </p>
                <p className="font-mono text-xs text-muted-foreground">{rule.identifier}</p>
              </div>
              <button
                type="button"
                role="switch"
                aria-checked={rule.enabled}
                aria-label={`Use ${label}`}
                onClick={() =>
                  setValue(`identification.rules.${index}.enabled`, !rule.enabled, {
                    shouldValidate: Boolean(error),
                  })
                }
                className={cn(
                  "focus-ring relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors",
                  rule.enabled ? "bg-primary" : "bg-muted-foreground/30",
                )}
              >
                <span
                  aria-hidden
                  className={cn(
                    "inline-block size-4 rounded-full bg-white shadow transition-transform",
                    rule.enabled ? "translate-x-4.5" : "translate-x-0.5",
                  )}
                />
              </button>
              <div className="flex gap-1">
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={`Move ${label} up`}
                  disabled={index === 0}
                  onClick={() => move(index, index - 1)}
                >
                  <ArrowUp aria-hidden />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={`Move ${label} down`}
                  disabled={index === fields.length - 1}
                  onClick={() => move(index, index + 1)}
                >
                  <ArrowDown aria-hidden />
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
