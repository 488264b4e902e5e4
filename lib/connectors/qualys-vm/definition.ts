import { defineConnector } from "@/lib/connectors/definition";

import { qualysVmConfigSchema, qualysVmSecretsSchema } from "./schema";
import { readQualysVm } from "./source";
import { testQualysVmConnection } from "./test";

export const qualysVmConnector = defineConnector({
  type: "qualys-vm",
  label: "Qualys VM API",
  description:
    "Hosts and vulnerability detections from the Qualys VM API on an interval, with titles, CVEs and solutions from the KnowledgeBase.",
  sourceName: "Qualys VM",
  findingTypes: ["ASSET", "VULNERABILITY"],
  configSchema: qualysVmConfigSchema,
  secretsSchema: qualysVmSecretsSchema,
  defaultIdentificationRules: [
    "HOST_ID",
    "ASSET_UUID",
    "CLOUD_INSTANCE_ID",
    "BIOS_SERIAL",
    "MAC",
    "FQDN",
    "NETBIOS",
    "IP",
  ],
  test: (context) => testQualysVmConnection(context),
  source: {
    kind: "records",
    // Stored settings are parsed again so defaults and URL normalisation apply
    // to connectors saved before a field existed.
    read: (context) =>
      readQualysVm({
        ...context,
        config: qualysVmConfigSchema.parse(context.config),
        secrets: qualysVmSecretsSchema.parse(context.secrets),
      }),
  },
});
