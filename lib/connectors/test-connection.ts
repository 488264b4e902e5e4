import "server-only";

import type { z } from "zod";

import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { decryptSecrets } from "@/lib/secrets/crypto";

import type { ConnectionTestResult, ConnectorDefinition } from "./definition";
import { getConnectorDefinition } from "./registry";

/** How long a connection test may take before it is reported as a timeout. */
export const CONNECTION_TEST_TIMEOUT_MS = 30_000;

/** The connector with its encrypted credentials, for the server alone; tenant-scoped. */
export function findConnectorForTest(tenantId: string, connectorId: string) {
  return db.connector.findFirst({
    where: { id: connectorId, tenantId },
    select: { id: true, tenantId: true, type: true, config: true, secrets: true },
  });
}

function invalidSettings(what: string, error: z.ZodError): ConnectionTestResult {
  const fields = [...new Set(error.issues.map((issue) => issue.path.join(".") || what))];
  return {
    ok: false,
    title: `The connector's saved ${what} are incomplete or no longer valid.`,
    checks: [
      `Edit the connector and check: ${fields.join(", ")}.`,
      ...error.issues.slice(0, 3).map((issue) => issue.message),
    ],
  };
}

/**
 * Runs the connector type's own connection test against the stored settings
 * and credentials. The result never contains a secret: definitions build it
 * from status lines and vendor error text only.
 */
export async function testConnectorConnection(options: {
  tenantId: string;
  connectorId: string;
  signal?: AbortSignal;
}): Promise<ConnectionTestResult> {
  const connector = await findConnectorForTest(options.tenantId, options.connectorId);
  if (!connector) throw new NotFoundError("No such connector.");
  const definition: ConnectorDefinition | undefined = getConnectorDefinition(connector.type);
  if (!definition) {
    return {
      ok: false,
      title: `This Sluice does not know the connector type "${connector.type}".`,
      checks: ["Was the connector created by a newer version of Sluice?"],
    };
  }
  const config = definition.configSchema.safeParse(connector.config);
  if (!config.success) return invalidSettings("settings", config.error);
  const stored = connector.secrets
    ? decryptSecrets(connector.secrets, env().SLUICE_SECRET_KEY)
    : {};
  const secrets = definition.secretsSchema.safeParse(stored);
  if (!secrets.success) return invalidSettings("credentials", secrets.error);

  const timeout = AbortSignal.timeout(CONNECTION_TEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return definition.test({
    tenantId: connector.tenantId,
    connectorId: connector.id,
    config: config.data,
    secrets: secrets.data,
    allowPrivateNetworks: env().SLUICE_ALLOW_PRIVATE_NETWORKS,
    signal,
    log: (message, fields) =>
      logger.info(message, { ...fields, connectorId: connector.id, during: "connection test" }),
  });
}
