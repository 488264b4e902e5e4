"use client";

import { useEffect, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { LoaderCircle, PlugZap } from "lucide-react";
import type { ConnectionTestResult } from "@/lib/connectors/definition";
import { saveDraftAction, testDraftConnectionAction } from "@/lib/connectors/actions";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConnectionTestDialog } from "@/components/connectors/connection-test-dialog";
import { getSourceForm } from "@/components/connectors/source-forms/source-form-registry";
import { applyFieldErrors } from "../field-errors";
import { useWizard } from "../wizard-context";

export function SourceStep() {
  const { catalog, draftId, savedSecrets, update } = useWizard();
  const form = useFormContext<WizardValues>();
  const type = useWatch({ control: form.control, name: "basic.type" });
  const config = useWatch({ control: form.control, name: "source.config" });
  const entry = getSourceForm(type);
  const label = catalog.types.find((t) => t.type === type)?.label ?? type;
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (entry && Object.keys(config ?? {}).length === 0)
      form.setValue("source.config", entry.initialConfig());
  }, [entry, config, form]);

  if (!entry) {
    return (
      <Alert tone="warning" title="No settings form for this type">
        Sluice has no source settings form for {label}. Go back and choose another connector type.
      </Alert>
    );
  }
  const Form = entry.Form;

  // The test runs on the server against the saved draft, so the settings are
  // saved (and checked) first; credentials never travel back to the page.
  async function testConnection() {
    setProblem(null);
    const valid = await form.trigger("source");
    if (!valid || !draftId) return;
    setTesting(true);
    try {
      const values = form.getValues();
      const saved = await saveDraftAction({ draftId, step: "source", intent: "stay", values });
      if ("fieldErrors" in saved) {
        const loose = applyFieldErrors(form.setError, saved.fieldErrors);
        if (loose.length > 0) setProblem(loose.join(" "));
        return;
      }
      if ("error" in saved) {
        setProblem(saved.error);
        return;
      }
      const typed = Object.entries(values.source.secrets)
        .filter(([, v]) => v.trim() !== "")
        .map(([k]) => k);
      if (typed.length > 0) {
        form.setValue(
          "source.secrets",
          Object.fromEntries(Object.keys(values.source.secrets).map((k) => [k, ""])),
        );
        update({ savedSecrets: [...new Set([...savedSecrets, ...typed])] });
      }
      const tested = await testDraftConnectionAction({ draftId });
      if ("data" in tested) setResult(tested.data);
      else if ("fieldErrors" in tested) applyFieldErrors(form.setError, tested.fieldErrors);
      else setProblem(tested.error);
    } catch {
      setProblem("The test could not be started. Check your connection and try again.");
    } finally {
      setTesting(false);
    }
  }

  return (
    <div className="grid gap-5">
      <p className="text-sm text-muted-foreground">
        Where the {label} connector reads from and how it signs in. Credentials are stored encrypted
        and are never shown again.
      </p>
      <Form savedSecrets={savedSecrets} />
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-border bg-muted/30 px-4 py-3">
        <div className="min-w-0 flex-1">
          <p className="text-sm font-medium">Test the connection</p>
          <p className="text-[13px] text-muted-foreground">
            Saves these settings, then lists the source with them. You can continue without a
            passing test.
          </p>
        </div>
        <Button variant="secondary" onClick={testConnection} disabled={testing}>
          {testing ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <PlugZap aria-hidden />
          )}
          {testing ? "Testing…" : "Test connection"}
        </Button>
      </div>
      {problem ? (
        <Alert tone="destructive" role="alert">
          {problem}
        </Alert>
      ) : null}
      <ConnectionTestDialog
        result={result}
        onOpenChange={(open) => (open ? null : setResult(null))}
      />
    </div>
  );
}
