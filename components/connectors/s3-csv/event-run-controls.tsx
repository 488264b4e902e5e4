"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Download, FolderSync, KeyRound, LoaderCircle } from "lucide-react";
import { toast } from "sonner";
import type { NotificationStep } from "@/lib/connectors/s3-csv/cloudformation";
import { rotateIntakeTokenAction, startBackfillAction } from "@/lib/events/actions";
import { cloudTemplateQuerySchema, type CloudTemplateForm } from "@/lib/events/schema";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  ConfirmDialog,
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { resultMessage } from "@/components/settings/action-result";
import { ChoiceCard } from "@/components/connectors/wizard/steps/choice-card";
import { CopyButton } from "@/components/connectors/copy-button";

/** Generates or rotates the intake token and shows it this one time. */
export function IntakeTokenControl({
  connectorId,
  hasToken,
}: {
  connectorId: string;
  hasToken: boolean;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [token, setToken] = useState<string | null>(null);

  async function rotate() {
    setPending(true);
    const result = await rotateIntakeTokenAction({ connectorId });
    setPending(false);
    setConfirming(false);
    if ("data" in result) {
      setToken(result.data.token);
      router.refresh();
    } else {
      toast.error("The intake token was not changed", {
        description: resultMessage(result) ?? undefined,
      });
    }
  }

  return (
    <div className="grid gap-3">
      {token ? (
        <Alert tone="warning" title="Copy the intake token now" role="status">
          <p>
            Sluice keeps only its hash and will not show it again. Paste it into the stack&apos;s
            IntakeToken parameter.
          </p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              aria-label="New intake token"
              className="rounded border border-border bg-card px-2 py-1 font-mono text-xs break-all"
            >
              {token}
            </code>
            <CopyButton value={token} label="Copy the intake token" />
          </div>
        </Alert>
      ) : null}
      <div>
        <Button
          variant="secondary"
          onClick={() => (hasToken ? setConfirming(true) : rotate())}
          disabled={pending}
        >
          {pending ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <KeyRound aria-hidden />
          )}
          {hasToken ? "Rotate intake token" : "Generate intake token"}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Rotate the intake token?"
        description="The current token stops working at once: events the stack sends are refused until its IntakeToken parameter has the new one."
        confirmLabel="Rotate token"
        pending={pending}
        onConfirm={rotate}
      />
    </div>
  );
}

/** Process existing objects: a backfill run, then its page with the progress bar. */
export function ProcessExistingButton({ connectorId }: { connectorId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function start() {
    setPending(true);
    const result = await startBackfillAction({ connectorId });
    setPending(false);
    if ("data" in result) router.push(`/runs/${result.data.runId}`);
    else
      toast.error("Existing objects could not be processed", {
        description: resultMessage(result) ?? undefined,
      });
  }
  return (
    <Button variant="secondary" onClick={start} disabled={pending}>
      {pending ? <LoaderCircle aria-hidden className="animate-spin" /> : <FolderSync aria-hidden />}
      Process existing objects
    </Button>
  );
}

function StepList({ steps }: { steps: NotificationStep[] }) {
  return (
    <ol className="grid list-decimal gap-3 pl-5 text-sm" aria-label="Bucket notification steps">
      {steps.map((step) => (
        <li key={step.title}>
          <p className="font-medium">{step.title}</p>
          <p className="text-[13px] text-muted-foreground">{step.detail}</p>
          {step.values.length > 0 ? (
            <dl className="mt-1 grid grid-cols-[9rem_1fr] gap-x-3 text-[13px]">
              {step.values.map((v) => (
                <div key={v.label} className="contents">
                  <dt className="text-muted-foreground">{v.label}</dt>
                  <dd className="font-mono break-all">{v.value === "" ? "(empty)" : v.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export { StepList as NotificationStepList };

const fields = [
  "variant",
  "sluiceUrl",
  "batchSize",
  "reservedConcurrency",
  "maxReceiveCount",
] as const;

/**
 * Download Cloud Template: the stack's settings, then the YAML as a file.
 * Fetched rather than linked so that a refusal is shown next to the field
 * it concerns instead of as a JSON page.
 */
export function CloudTemplateDialog({
  connectorId,
  sluiceUrl,
  steps,
  defaultOpen = false,
}: {
  connectorId: string;
  sluiceUrl: string | null;
  steps: Record<"sqs" | "direct", NotificationStep[]>;
  defaultOpen?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(defaultOpen);
  const [problem, setProblem] = useState<string | null>(null);
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const defaults: CloudTemplateForm = {
    variant: "sqs",
    sluiceUrl: sluiceUrl ?? "",
    batchSize: "10",
    reservedConcurrency: "5",
    maxReceiveCount: "5",
  };
  const form = useForm<CloudTemplateForm>({
    resolver: zodResolver(cloudTemplateQuerySchema) as never,
    defaultValues: defaults,
  });
  const {
    register,
    handleSubmit,
    setError,
    setValue,
    control,
    formState: { errors, isSubmitting },
  } = form;
  const variant = useWatch({ control, name: "variant" }) ?? "sqs";

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setProblem(null);
      setDownloaded(null);
      // Drop ?template=1 so a reload does not reopen the dialog.
      if (defaultOpen) router.replace(`/connectors/${connectorId}`, { scroll: false });
    }
  }

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const query = new URLSearchParams();
    for (const key of fields) {
      const value = values[key];
      if (value !== undefined && value !== null && value !== "") query.set(key, String(value));
    }
    const response = await fetch(`/api/v1/connectors/${connectorId}/events/template?${query}`);
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as {
        error?: { message?: string; fields?: Record<string, string[]> };
      } | null;
      let placed = false;
      for (const [key, messages] of Object.entries(body?.error?.fields ?? {})) {
        const field = fields.find((f) => f === key);
        if (field) {
          setError(field, { type: "server", message: messages[0] });
          placed = true;
        }
      }
      if (!placed) setProblem(body?.error?.message ?? `Sluice answered HTTP ${response.status}.`);
      return;
    }
    const name =
      /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ??
      `sluice-${connectorId}.yaml`;
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setDownloaded(name);
  });

  const numberField = (
    name: "batchSize" | "reservedConcurrency" | "maxReceiveCount",
    label: string,
    hint: string,
  ) => {
    const id = `template-${name}`;
    const error = errors[name]?.message;
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        <Input
          id={id}
          type="number"
          inputMode="numeric"
          aria-invalid={error ? true : undefined}
          aria-describedby={fieldDescribedBy(id, { error, hint })}
          {...register(name)}
        />
      </Field>
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Download aria-hidden />
          Download Cloud Template
        </Button>
      </DialogTrigger>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>Download Cloud Template</DialogTitle>
          <DialogDescription>
            A CloudFormation stack for the bucket&apos;s AWS account: it forwards upload events to
            this connector. The intake token is a stack parameter, never part of the file.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {problem ? (
            <Alert tone="destructive" role="alert">
              {problem}
            </Alert>
          ) : null}
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Variant</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              <ChoiceCard
                name="template-variant"
                value="sqs"
                checked={variant === "sqs"}
                onChange={() => setValue("variant", "sqs")}
                title="S3 → SQS → Lambda (recommended)"
                description="Bursts of uploads wait in a queue; refused messages go to a dead-letter queue."
              />
              <ChoiceCard
                name="template-variant"
                value="direct"
                checked={variant === "direct"}
                onChange={() => setValue("variant", "direct")}
                title="S3 → Lambda (not burst-safe)"
                description="Simpler, for small buckets: events beyond the function's concurrency can be lost."
              />
            </div>
          </fieldset>
          <Field
            id="template-sluiceUrl"
            label="Sluice URL reachable from AWS"
            hint="https:// only: the intake token travels in every request."
            error={errors.sluiceUrl?.message}
          >
            <Input
              id="template-sluiceUrl"
              type="url"
              placeholder="https://sluice.example.com"
              spellCheck={false}
              aria-invalid={errors.sluiceUrl ? true : undefined}
              aria-describedby={fieldDescribedBy("template-sluiceUrl", {
                error: errors.sluiceUrl?.message,
                hint: "https",
              })}
              {...register("sluiceUrl")}
            />
          </Field>
          <div className="grid gap-4 sm:grid-cols-3">
            {variant === "sqs"
              ? numberField("batchSize", "Batch size", "Messages per invocation, 1–10.")
              : null}
            {numberField("reservedConcurrency", "Reserved concurrency", "Invocations at once.")}
            {variant === "sqs"
              ? numberField("maxReceiveCount", "Max receive count", "Tries before the DLQ.")
              : null}
          </div>
          {downloaded ? (
            <Alert tone="success" role="status">
              Downloaded {downloaded}. Create the stack, then follow the steps below.
            </Alert>
          ) : null}
          <details className="rounded-md border border-border px-3 py-2" open={Boolean(downloaded)}>
            <summary className="cursor-pointer text-sm font-medium">
              After the stack: connect the bucket
            </summary>
            <div className="mt-3">
              <StepList steps={steps[variant]} />
            </div>
          </details>
          <DialogFooter>
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? (
                <LoaderCircle aria-hidden className="animate-spin" />
              ) : (
                <Download aria-hidden />
              )}
              Download template
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
