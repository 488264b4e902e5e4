"use client";

import { useEffect, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { KeyRound, RefreshCw, ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import {
  generateExternalIdAction,
  s3RolePoliciesAction,
} from "@/lib/connectors/wizard/s3-csv-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { CodeBlock, CopyButton } from "@/components/connectors/copy-button";
import { ChoiceCard } from "@/components/connectors/wizard/steps/choice-card";
import type { SourceFormProps } from "./source-form-registry";

export function s3CsvInitialConfig(): Record<string, unknown> {
  return {
    bucket: "",
    region: "us-east-1",
    prefix: "",
    authMode: "role",
    roleArn: "",
    externalId: "",
    endpoint: "",
    concurrency: 2,
  };
}

type Policies = Awaited<ReturnType<typeof s3RolePoliciesAction>>;

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function configError(
  errors: ReturnType<typeof useFormContext<WizardValues>>["formState"]["errors"],
  key: string,
) {
  const config = errors.source?.config as
    Record<string, { message?: string } | undefined> | undefined;
  return config?.[key]?.message;
}

function secretError(
  errors: ReturnType<typeof useFormContext<WizardValues>>["formState"]["errors"],
  key: string,
) {
  const secrets = errors.source?.secrets as
    Record<string, { message?: string } | undefined> | undefined;
  return secrets?.[key]?.message;
}

export function S3CsvSourceForm({ savedSecrets }: SourceFormProps) {
  const {
    register,
    setValue,
    control,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const config = useWatch({ control, name: "source.config" });
  const authMode = text(config.authMode) || "role";
  const externalId = text(config.externalId);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const [policies, setPolicies] = useState<Policies | null>(null);

  async function newExternalId() {
    const result = await generateExternalIdAction({});
    if ("data" in result)
      setValue("source.config.externalId", result.data.externalId, { shouldDirty: true });
    else toast.error("A new external ID could not be generated; try again.");
  }

  useEffect(() => {
    if (!externalId) void newExternalId();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the ID is missing
  }, [externalId]);

  // The policies follow the bucket, prefix and role as they are typed.
  const bucket = text(config.bucket);
  const prefix = text(config.prefix);
  const roleArn = text(config.roleArn);
  useEffect(() => {
    if (authMode !== "role") return;
    let current = true;
    const timer = setTimeout(async () => {
      const result = await s3RolePoliciesAction({ bucket, prefix, externalId, roleArn });
      if (current && "data" in result) setPolicies(result);
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [authMode, bucket, prefix, externalId, roleArn]);

  const policyData = policies && "data" in policies ? policies.data : null;
  const roleArnError =
    configError(errors, "roleArn") ??
    (roleArn ? (policyData?.roleArnError ?? undefined) : undefined);
  const bucketError = configError(errors, "bucket");
  const regionError = configError(errors, "region");
  const prefixError = configError(errors, "prefix");
  const endpointError = configError(errors, "endpoint");
  const concurrencyError = configError(errors, "concurrency");
  const accessKeyError = secretError(errors, "accessKeyId");
  const secretKeyError = secretError(errors, "secretAccessKey");

  return (
    <div className="grid gap-5">
      <div className="grid items-start gap-5 md:grid-cols-2">
        <Field id="s3-bucket" label="Bucket" error={bucketError}>
          <Input
            id="s3-bucket"
            autoFocus
            spellCheck={false}
            placeholder="my-scan-exports"
            aria-invalid={bucketError ? true : undefined}
            aria-describedby={fieldDescribedBy("s3-bucket", { error: bucketError })}
            {...register("source.config.bucket")}
          />
        </Field>
        <Field id="s3-region" label="Region" error={regionError}>
          <Input
            id="s3-region"
            spellCheck={false}
            placeholder="us-east-1"
            aria-invalid={regionError ? true : undefined}
            aria-describedby={fieldDescribedBy("s3-region", { error: regionError })}
            {...register("source.config.region")}
          />
        </Field>
        <Field
          id="s3-prefix"
          label="Key prefix (optional)"
          error={prefixError}
          hint='Only objects whose key starts with this are read, e.g. "qualys/".'
        >
          <Input
            id="s3-prefix"
            spellCheck={false}
            aria-invalid={prefixError ? true : undefined}
            aria-describedby={fieldDescribedBy("s3-prefix", { error: prefixError, hint: true })}
            {...register("source.config.prefix")}
          />
        </Field>
        <Field
          id="s3-concurrency"
          label="Concurrency"
          error={concurrencyError}
          hint="Objects one run reads at the same time (1–16)."
        >
          <Input
            id="s3-concurrency"
            type="number"
            min={1}
            max={16}
            inputMode="numeric"
            aria-invalid={concurrencyError ? true : undefined}
            aria-describedby={fieldDescribedBy("s3-concurrency", {
              error: concurrencyError,
              hint: true,
            })}
            {...register("source.config.concurrency", { valueAsNumber: true })}
          />
        </Field>
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-[13px] font-medium">Authentication</legend>
        <div className="grid gap-3 md:grid-cols-2">
          <ChoiceCard
            name="s3-auth-mode"
            value="role"
            icon={ShieldCheck}
            checked={authMode === "role"}
            onChange={() => setValue("source.config.authMode", "role", { shouldDirty: true })}
            title="Cross-account IAM role"
            description="Sluice assumes a role in your AWS account with an external ID. Recommended for Amazon S3."
          />
          <ChoiceCard
            name="s3-auth-mode"
            value="keys"
            icon={KeyRound}
            checked={authMode === "keys"}
            onChange={() => setValue("source.config.authMode", "keys", { shouldDirty: true })}
            title="Access keys"
            description="A static access key pair, for S3-compatible stores such as MinIO or Ceph."
          />
        </div>
      </fieldset>

      {authMode === "role" ? (
        <div className="grid gap-5">
          <Field
            id="s3-role-arn"
            label="Role ARN"
            error={roleArnError}
            hint="Copy it from the role's summary page in IAM."
          >
            <Input
              id="s3-role-arn"
              spellCheck={false}
              placeholder="arn:aws:iam::123456789012:role/SluiceCsvReader"
              className="font-mono"
              aria-invalid={roleArnError ? true : undefined}
              aria-describedby={fieldDescribedBy("s3-role-arn", {
                error: roleArnError,
                hint: true,
              })}
              {...register("source.config.roleArn")}
            />
          </Field>
          <Field
            id="s3-external-id"
            label="External ID"
            error={configError(errors, "externalId")}
            hint="Generated by Sluice. Enter it in the role's trust policy; it stops other AWS customers from using your role through Sluice."
          >
            <div className="flex flex-wrap gap-2">
              <Input
                id="s3-external-id"
                readOnly
                value={externalId}
                className="min-w-64 flex-1 font-mono"
                aria-describedby="s3-external-id-hint"
              />
              <CopyButton value={externalId} label="Copy external ID" />
              <Button
                variant="secondary"
                size="sm"
                className="h-9"
                onClick={() => setConfirmRegenerate(true)}
              >
                <RefreshCw aria-hidden />
                Regenerate
              </Button>
            </div>
          </Field>
          <ConfirmDialog
            open={confirmRegenerate}
            onOpenChange={setConfirmRegenerate}
            title="Regenerate the external ID?"
            description="A role that trusts the current ID will refuse Sluice until you paste the new ID into its trust policy."
            confirmLabel="Regenerate"
            onConfirm={async () => {
              await newExternalId();
              setConfirmRegenerate(false);
            }}
          />

          <div className="grid gap-3">
            <div>
              <h3 className="text-sm font-semibold">Policies for the role</h3>
              <p className="text-[13px] text-muted-foreground">
                Create a role in IAM with these two documents. They follow the bucket, prefix and
                external ID above.
              </p>
            </div>
            {policyData?.policies ? (
              <div className="grid items-start gap-3 xl:grid-cols-2">
                <CodeBlock
                  title="Permission policy"
                  description="Read-only access to the objects under the prefix."
                  code={policyData.policies.permissionPolicyJson}
                />
                {policyData.policies.trustPolicyJson ? (
                  <CodeBlock
                    title="Trust policy"
                    description="Lets Sluice assume the role with the external ID."
                    code={policyData.policies.trustPolicyJson}
                  />
                ) : (
                  <Alert tone="info" title="Trust policy">
                    Trust your Sluice AWS account as the principal and require the external ID above
                    (condition sts:ExternalId). Ask your administrator to set SLUICE_AWS_PRINCIPAL
                    to have the exact document shown here.
                  </Alert>
                )}
              </div>
            ) : (
              <p className="rounded-md border border-dashed border-border px-3 py-4 text-[13px] text-muted-foreground">
                {policyData?.problem ?? "Enter the bucket to see the policies."}
              </p>
            )}
          </div>
        </div>
      ) : (
        <div className="grid items-start gap-5 md:grid-cols-2">
          <Field
            id="s3-access-key-id"
            label="Access key ID"
            error={accessKeyError}
            hint={
              savedSecrets.includes("accessKeyId") ? "Saved. Leave blank to keep it." : undefined
            }
          >
            <Input
              id="s3-access-key-id"
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder={savedSecrets.includes("accessKeyId") ? "••• saved" : ""}
              aria-invalid={accessKeyError ? true : undefined}
              aria-describedby={fieldDescribedBy("s3-access-key-id", {
                error: accessKeyError,
                hint: savedSecrets.includes("accessKeyId"),
              })}
              {...register("source.secrets.accessKeyId")}
            />
          </Field>
          <Field
            id="s3-secret-access-key"
            label="Secret access key"
            error={secretKeyError}
            hint={
              savedSecrets.includes("secretAccessKey")
                ? "Saved. Leave blank to keep it."
                : "Stored encrypted; never shown again."
            }
          >
            <Input
              id="s3-secret-access-key"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              className="font-mono"
              placeholder={savedSecrets.includes("secretAccessKey") ? "••• saved" : ""}
              aria-invalid={secretKeyError ? true : undefined}
              aria-describedby={fieldDescribedBy("s3-secret-access-key", {
                error: secretKeyError,
                hint: true,
              })}
              {...register("source.secrets.secretAccessKey")}
            />
          </Field>
        </div>
      )}

      <Field
        id="s3-endpoint"
        label="S3-compatible endpoint (optional)"
        error={endpointError}
        hint="Leave empty for Amazon S3. For MinIO or Ceph, the store's URL, e.g. https://minio.example.com:9000."
      >
        <Input
          id="s3-endpoint"
          spellCheck={false}
          inputMode="url"
          aria-invalid={endpointError ? true : undefined}
          aria-describedby={fieldDescribedBy("s3-endpoint", { error: endpointError, hint: true })}
          {...register("source.config.endpoint")}
        />
      </Field>
    </div>
  );
}
