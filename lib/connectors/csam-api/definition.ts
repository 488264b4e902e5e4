import { defineConnector } from "@/lib/connectors/definition";

import { csamApiConfigSchema, csamApiSecretsSchema } from "./schema";
import { readCsamAssets } from "./source";
import { testCsamConnection } from "./test";

export const csamApiConnector = defineConnector({
  type: "csam-api",
  label: "Qualys CSAM API",
  description:
    "Host assets from Qualys CyberSecurity Asset Management through the gateway's asset search API, optionally limited to tagged assets.",
  sourceName: "CSAM",
  findingTypes: ["ASSET"],
  configSchema: csamApiConfigSchema,
  secretsSchema: csamApiSecretsSchema,
  defaultIdentificationRules: [
    "ASSET_UUID",
    "HOST_ID",
    "BIOS_SERIAL",
    "CLOUD_INSTANCE_ID",
    "MAC",
    "FQDN",
    "NETBIOS",
    "IP",
  ],
  test: (context) => testCsamConnection(context),
  source: {
    kind: "records",
    // Stored settings are parsed again so defaults and URL normalisation apply
    // to connectors saved before a field existed.
    read: (context) =>
      readCsamAssets({
        ...context,
        config: csamApiConfigSchema.parse(context.config),
        secrets: csamApiSecretsSchema.parse(context.secrets),
      }),
  },
});
