import { z } from "zod";
import { bucketNameSchema, externalIdSchema, keyPrefixSchema, roleArnSchema } from "./policies";

export const awsRegionSchema = z
  .string()
  .trim()
  .regex(
    /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/,
    "Enter an AWS region such as us-east-1 or eu-west-1.",
  );

/** Settings of an S3 CSV connector (stored as plain JSON; no secrets here). */
export const s3CsvConfigSchema = z
  .object({
    bucket: bucketNameSchema,
    region: awsRegionSchema,
    prefix: keyPrefixSchema.default(""),
    /** "role": Sluice assumes the customer's role with the external ID; "keys": static keys (S3-compatible stores). */
    authMode: z.enum(["role", "keys"]).default("role"),
    roleArn: z.string().trim().optional(),
    externalId: externalIdSchema.optional(),
    endpoint: z
      .string()
      .trim()
      .url("Enter the store's URL, e.g. https://minio.example.com:9000.")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /** How many objects one run ingests at once. */
    concurrency: z.number().int().min(1).max(16).default(2),
  })
  .superRefine((config, ctx) => {
    if (config.authMode === "role") {
      const arn = roleArnSchema.safeParse(config.roleArn ?? "");
      if (!arn.success)
        ctx.addIssue({ code: "custom", path: ["roleArn"], message: arn.error.issues[0].message });
      if (!config.externalId)
        ctx.addIssue({ code: "custom", path: ["externalId"], message: "Generate an external ID." });
    }
  });

export const s3CsvSecretsSchema = z
  .object({
    accessKeyId: z.string().trim().min(1, "Enter the access key ID.").optional(),
    secretAccessKey: z.string().min(1, "Enter the secret access key.").optional(),
  })
  .default({});

export type S3CsvConfig = z.infer<typeof s3CsvConfigSchema>;
export type S3CsvSecrets = z.infer<typeof s3CsvSecretsSchema>;
