"use client";

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { FormProvider, useForm, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { WizardCatalog } from "@/lib/connectors/service";
import {
  emptyWizardValues,
  stepFormSchema,
  type WizardValues,
} from "@/lib/connectors/wizard/schema";
import type { WizardStep } from "@/lib/connectors/wizard/steps";
import { PageHeader } from "@/components/ui/page-header";
import { WizardContext, type WizardState } from "./wizard-context";
import { WizardStepNav } from "./wizard-step-nav";

/**
 * The wizard's one form, kept in the layout so moving between step URLs keeps
 * what was typed. The resolver validates only the step on screen.
 */
export function ConnectorWizard({
  catalog,
  children,
}: {
  catalog: WizardCatalog;
  children: ReactNode;
}) {
  const activeStep = useRef<WizardStep>("basic");
  const resolver = useCallback<Resolver<WizardValues>>(
    (values, context, options) =>
      zodResolver(stepFormSchema(activeStep.current) as never)(
        values as never,
        context,
        options as never,
      ) as never,
    [],
  );
  const form = useForm<WizardValues>({
    defaultValues: emptyWizardValues(),
    resolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
  });

  const [state, setState] = useState<WizardState>({
    catalog,
    draftId: null,
    savedSecrets: [],
    validSteps: new Set(),
    loadedKey: null,
  });
  const update = useCallback(
    (patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch })),
    [],
  );
  const setActiveStep = useCallback((step: WizardStep) => {
    activeStep.current = step;
  }, []);
  const context = useMemo(
    () => ({ ...state, update, setActiveStep }),
    [state, update, setActiveStep],
  );

  return (
    <WizardContext.Provider value={context}>
      <FormProvider {...form}>
        <PageHeader
          title="New connector"
          description="Each step is saved as a draft when you move on, so you can leave and continue later from the connectors list."
        />
        <div className="grid gap-6 lg:grid-cols-[15rem_minmax(0,1fr)] lg:items-start">
          <WizardStepNav />
          <div className="min-w-0">{children}</div>
        </div>
      </FormProvider>
    </WizardContext.Provider>
  );
}
