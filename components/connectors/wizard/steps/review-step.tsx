"use client";

import { useState, type ReactNode } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormContext } from "react-hook-form";
import { ArrowLeft, LoaderCircle, Pencil, Play, Save } from "lucide-react";
import { toast } from "sonner";
import { createConnectorAction } from "@/lib/connectors/actions";
import { formatInZone, upcomingRuns } from "@/lib/connectors/wizard/profile-schedule";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { wizardStepLabels, type WizardStep } from "@/lib/connectors/wizard/steps";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { pluralize } from "@/components/ui/format";
import { describeTransform } from "../transforms-editor";
import { useWizard, wizardHref } from "../wizard-context";

const stepOfField: Record<string, WizardStep> = {
  basic: "basic",
  source: "source",
  dataModel: "data-model",
  transformMap: "transform-map",
  profile: "profile",
  identification: "identification",
};

function Section({ step, children }: { step: WizardStep; children: ReactNode }) {
  const { draftId } = useWizard();
  return (
    <section className="rounded-lg border border-border" aria-labelledby={`review-${step}`}>
      <div className="flex items-center justify-between gap-3 border-b border-border px-4 py-2.5">
        <h3 id={`review-${step}`} className="text-sm font-semibold">
          {wizardStepLabels[step]}
        </h3>
        <Link
          href={wizardHref(step, draftId)}
          className="focus-ring inline-flex items-center gap-1 rounded-sm text-[13px] font-medium text-primary hover:underline"
        >
          <Pencil aria-hidden className="size-3.5" />
          Edit<span className="sr-only"> {wizardStepLabels[step].toLowerCase()}</span>
        </Link>
      </div>
      <dl className="grid gap-x-6 gap-y-2 px-4 py-3 text-sm sm:grid-cols-[11rem_1fr]">
        {children}
      </dl>
    </section>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">
        {children || <span className="text-muted-foreground">—</span>}
      </dd>
    </>
  );
}

function scheduleText(values: WizardValues["profile"]["schedule"]) {
  if (values.kind === "none") return "No schedule";
  if (values.kind === "once")
    return `Once, at ${values.runAt.replace("T", " ")} (${values.timeZone})`;
  const every =
    values.repeat === "cron"
      ? `cron ${values.cron}`
      : `every ${pluralize(Number(values.intervalMinutes), "minute")}`;
  return `Recurring, ${every}${values.startsAt ? ` from ${values.startsAt.replace("T", " ")}` : ""}${
    values.endsAt ? ` until ${values.endsAt.replace("T", " ")}` : ""
  } (${values.timeZone})`;
}

export function ReviewStep({ onBack, backPending }: { onBack: () => void; backPending: boolean }) {
  const router = useRouter();
  const { catalog, draftId, savedSecrets } = useWizard();
  const values = useFormContext<WizardValues>().getValues();
  const [pending, setPending] = useState<"save" | "run" | null>(null);
  const [problems, setProblems] = useState<{ step: WizardStep | null; message: string }[]>([]);
  const type = catalog.types.find((t) => t.type === values.basic.type);
  const model = catalog.dataModels.find((m) => m.key === values.dataModel.key);
  const template = catalog.templates.find((t) => t.key === values.transformMap.templateKey);
  const labels = new Map(catalog.identifiers.map((i) => [i.kind as string, i.label]));
  const next = upcomingRuns(values.profile.schedule, new Date(), 1)[0];
  const config = Object.entries(values.source.config).filter(
    ([, v]) => v !== "" && v !== undefined && v !== null,
  );

  async function save(run: boolean) {
    if (!draftId) return;
    setProblems([]);
    setPending(run ? "run" : "save");
    const result = await createConnectorAction({ draftId });
    if ("data" in result) {
      toast.success(`${values.basic.name} saved`, {
        description:
          result.data.state === "SCHEDULED"
            ? "It is scheduled to run."
            : "It is registered and ready to run.",
      });
      router.push(`/connectors/${result.data.connectorId}${run ? "?run=1" : ""}`);
      return;
    }
    setPending(null);
    if ("fieldErrors" in result) {
      setProblems(
        Object.entries(result.fieldErrors).flatMap(([path, messages]) =>
          messages.map((message) => ({ step: stepOfField[path.split(".")[0]] ?? null, message })),
        ),
      );
    } else {
      setProblems([{ step: null, message: result.error }]);
    }
  }

  return (
    <div className="grid gap-4">
      {problems.length > 0 ? (
        <Alert tone="destructive" role="alert" title="The connector was not saved">
          <ul className="grid gap-1">
            {problems.map((problem, i) => (
              <li key={i}>
                {problem.step ? (
                  <Link
                    className="font-medium text-primary hover:underline"
                    href={wizardHref(problem.step, draftId)}
                  >
                    {wizardStepLabels[problem.step]}:
                  </Link>
                ) : null}{" "}
                {problem.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <Section step="basic">
        <Row label="Name">{values.basic.name}</Row>
        <Row label="Description">{values.basic.description}</Row>
        <Row label="Connector type">{type?.label ?? values.basic.type}</Row>
        <Row label="Finding type">
          {values.basic.findingType === "ASSET" ? "Assets" : "Vulnerabilities"}
        </Row>
        <Row label="Asset type">Host</Row>
      </Section>

      <Section step="source">
        {config.map(([key, value]) => (
          <Row key={key} label={key}>
            <span className="font-mono text-[13px]">{String(value)}</span>
          </Row>
        ))}
        {savedSecrets.length > 0 ? (
          <Row label="Credentials">
            {savedSecrets.map((name) => (
              <span key={name} className="mr-3 inline-flex items-center gap-1.5">
                <span className="font-mono text-[13px]">{name}</span>
                <Badge tone="success">••• saved</Badge>
              </span>
            ))}
          </Row>
        ) : null}
      </Section>

      <Section step="data-model">
        <Row label="Model">
          {model?.name}{" "}
          <span className="text-muted-foreground">
            · {pluralize(model?.attributes.length ?? 0, "attribute")}
          </span>
        </Row>
      </Section>

      <Section step="transform-map">
        <Row label="Name">{values.transformMap.name}</Row>
        <Row label="Based on">{template?.name ?? "Empty map"}</Row>
        <Row label="Layout">
          {pluralize(values.transformMap.preambleLines, "preamble line")}, delimiter “
          {values.transformMap.delimiter === "\t" ? "tab" : values.transformMap.delimiter}”
        </Row>
        <Row label="Mappings">
          <details>
            <summary className="focus-ring cursor-pointer rounded-sm">
              {pluralize(values.transformMap.mappings.length, "mapping")}
            </summary>
            <ul className="mt-2 grid gap-1 font-mono text-xs">
              {values.transformMap.mappings.map((m, i) => (
                <li key={i}>
                  {m.sourceField} → {m.targetField}{" "}
                  <span className="text-muted-foreground">
                    ({m.dataType}
                    {(m.transforms ?? []).length > 0
                      ? `; ${(m.transforms ?? []).map(describeTransform).join(", ")}`
                      : ""}
                    )
                  </span>
                </li>
              ))}
            </ul>
          </details>
        </Row>
      </Section>

      <Section step="profile">
        <Row label="Profile">{values.profile.name}</Row>
        <Row label="Status">
          <Badge tone={values.profile.status === "ACTIVE" ? "success" : "neutral"} dot>
            {values.profile.status === "ACTIVE" ? "Active" : "Inactive"}
          </Badge>
        </Row>
        <Row label="Schedule">{scheduleText(values.profile.schedule)}</Row>
        {next && values.profile.status === "ACTIVE" ? (
          <Row label="Next run">
            {formatInZone(next, values.profile.schedule.timeZone || "UTC")}
          </Row>
        ) : null}
        <Row label="Tag filter">{values.profile.tagFilter}</Row>
        <Row label="Findings no longer reported">
          {values.profile.keepFindingStatus ? "Keep their status" : "Marked Fixed"}
        </Row>
      </Section>

      <Section step="identification">
        <Row label="Order">
          <ol className="flex flex-wrap gap-1.5">
            {values.identification.rules
              .filter((rule) => rule.enabled)
              .map((rule, i) => (
                <li key={rule.identifier}>
                  <Badge tone="primary">
                    {i + 1}. {labels.get(rule.identifier) ?? rule.identifier}
                  </Badge>
                </li>
              ))}
          </ol>
        </Row>
      </Section>

      <div className="flex flex-wrap items-center justify-between gap-3 border-t border-border pt-4">
        <Button variant="secondary" onClick={onBack} disabled={pending !== null || backPending}>
          {backPending ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <ArrowLeft aria-hidden />
          )}
          Back
        </Button>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" onClick={() => save(false)} disabled={pending !== null}>
            {pending === "save" ? (
              <LoaderCircle aria-hidden className="animate-spin" />
            ) : (
              <Save aria-hidden />
            )}
            Save
          </Button>
          <Button onClick={() => save(true)} disabled={pending !== null}>
            {pending === "run" ? (
              <LoaderCircle aria-hidden className="animate-spin" />
            ) : (
              <Play aria-hidden />
            )}
            Save and run
          </Button>
        </div>
      </div>
    </div>
  );
}
