import { defineConnector } from "@/lib/connectors/definition";
import { s3CsvConfigSchema, s3CsvSecretsSchema } from "./schema";
import { listObjects } from "./source";
import { testS3CsvConnection } from "./test";

export const s3CsvConnector = defineConnector({
  type: "s3-csv",
  label: "AWS S3 CSV",
  description:
    "CSV exports dropped in an S3 bucket, read through a cross-account role with an external ID.",
  sourceName: "S3 CSV",
  findingTypes: ["ASSET", "VULNERABILITY"],
  configSchema: s3CsvConfigSchema,
  secretsSchema: s3CsvSecretsSchema,
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
  defaultTransformMap: "qualys-vm-scan-csv",
  test: testS3CsvConnection,
  source: { kind: "files", list: listObjects },
});
