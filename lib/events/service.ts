import "server-only";
import {
  bucketNotificationSteps,
  cloudFormationFileName,
  cloudFormationInputSchema,
  renderCloudFormationTemplate,
  type NotificationStep,
} from "@/lib/connectors/s3-csv/cloudformation";
import { s3CsvConfigSchema, type S3CsvConfig } from "@/lib/connectors/s3-csv/schema";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { connectorObjectJob } from "@/lib/jobs/definitions/connector-object";
import { writeAudit } from "@/lib/users/repository";
import { EVENT_CONNECTOR_TYPE, forgetIntakeConnector } from "./intake";
import { generateIntakeToken, hashIntakeToken } from "./intake-token";
import {
  eventIntakeStats,
  findConnectorInTenant,
  hasIntakeToken,
  lastIntakeTokenChange,
  setIntakeTokenHash,
} from "./repository";
import type { CloudTemplateQuery } from "./schema";

async function eventConnector(tenantId: string, connectorId: string) {
  const connector = await findConnectorInTenant(tenantId, connectorId);
  if (!connector) throw new NotFoundError("That connector does not exist in your tenant.");
  if (connector.type !== EVENT_CONNECTOR_TYPE) {
    throw new ConflictError("Only AWS S3 CSV connectors run on S3 events.");
  }
  const config = s3CsvConfigSchema.safeParse(connector.config);
  if (!config.success) {
    throw new ConflictError("The connector's settings are not valid; edit the connector first.");
  }
  return { ...connector, config: config.data };
}

/**
 * A new intake token for the connector; the previous one stops working at
 * once. The token is returned this one time and only its hash is kept.
 */
export async function rotateIntakeToken(options: {
  tenantId: string;
  connectorId: string;
  userId: string;
}): Promise<{ token: string }> {
  const connector = await eventConnector(options.tenantId, options.connectorId);
  const token = generateIntakeToken();
  await setIntakeTokenHash(options.tenantId, connector.id, hashIntakeToken(token));
  forgetIntakeConnector(connector.id);
  await writeAudit({
    tenantId: options.tenantId,
    userId: options.userId,
    action: "connector.intake_token.rotate",
    targetType: "connector",
    targetId: connector.id,
  });
  return { token };
}

/** The URL AWS should post to, when this installation knows one it can use. */
export function publicSluiceUrl(): string | null {
  const url = env().SLUICE_PUBLIC_URL;
  return url?.startsWith("https://") ? url.replace(/\/+$/, "") : null;
}

function templateInput(config: S3CsvConfig, connectorId: string, query: CloudTemplateQuery) {
  const input = cloudFormationInputSchema.safeParse({
    sluiceUrl: query.sluiceUrl,
    connectorId,
    bucket: config.bucket,
    prefix: config.prefix,
    variant: query.variant,
    batchSize: query.batchSize,
    reservedConcurrency: query.reservedConcurrency,
    maxReceiveCount: query.maxReceiveCount,
  });
  if (!input.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of input.error.issues)
      (fields[issue.path.join(".") || "template"] ??= []).push(issue.message);
    throw new ValidationError(
      `The template cannot be made: ${Object.values(fields).flat().join(" ")}`,
      fields,
    );
  }
  return input.data;
}

export async function cloudTemplate(options: {
  tenantId: string;
  connectorId: string;
  query: CloudTemplateQuery;
}): Promise<{ fileName: string; yaml: string }> {
  const connector = await eventConnector(options.tenantId, options.connectorId);
  const input = templateInput(connector.config, connector.id, options.query);
  return { fileName: cloudFormationFileName(input), yaml: renderCloudFormationTemplate(input) };
}

export type EventSetup = {
  connectorId: string;
  bucket: string;
  prefix: string;
  concurrency: number;
  hasToken: boolean;
  tokenChangedAt: Date | null;
  tokenChangedBy: string | null;
  sluiceUrl: string | null;
  intakePath: string;
  steps: Record<"sqs" | "direct", NotificationStep[]>;
  stats: Awaited<ReturnType<typeof eventIntakeStats>>;
};

/** What the connector page shows about event-driven runs. Null for other connector types. */
export async function getEventSetup(options: {
  tenantId: string;
  connectorId: string;
}): Promise<EventSetup | null> {
  const connector = await findConnectorInTenant(options.tenantId, options.connectorId);
  if (!connector || connector.type !== EVENT_CONNECTOR_TYPE) return null;
  const config = s3CsvConfigSchema.safeParse(connector.config);
  if (!config.success) return null;
  const [hasToken, change, stats] = await Promise.all([
    hasIntakeToken(options.tenantId, connector.id),
    lastIntakeTokenChange(options.tenantId, connector.id),
    eventIntakeStats(connector.id, connectorObjectJob.name),
  ]);
  // The steps only name the bucket, prefix and stack outputs; any https URL does.
  const base = {
    sluiceUrl: "https://sluice.invalid",
    connectorId: connector.id,
    bucket: config.data.bucket,
    prefix: config.data.prefix,
  };
  return {
    connectorId: connector.id,
    bucket: config.data.bucket,
    prefix: config.data.prefix,
    concurrency: config.data.concurrency,
    hasToken,
    tokenChangedAt: change?.createdAt ?? null,
    tokenChangedBy: change?.user?.name ?? null,
    sluiceUrl: publicSluiceUrl(),
    intakePath: `/api/v1/connectors/${connector.id}/events`,
    steps: {
      sqs: bucketNotificationSteps({ ...base, variant: "sqs" }),
      direct: bucketNotificationSteps({ ...base, variant: "direct" }),
    },
    stats,
  };
}
