import { z } from "zod";

import { qualysUrlSchema } from "@/lib/qualys/url";

export const qualysVmContentTypes = ["HOSTS", "VULNERABILITIES"] as const;
export type QualysVmContentType = (typeof qualysVmContentTypes)[number];

export const qualysVmContentLabels: Record<QualysVmContentType, string> = {
  HOSTS: "Hosts",
  VULNERABILITIES: "Vulnerabilities",
};

/** Settings of a Qualys VM connector (the password lives in the secrets). */
export const qualysVmConfigSchema = z.object({
  apiUrl: qualysUrlSchema("https://qualysapi.qg2.apps.qualys.com"),
  /** How often the schedule runs the connector. */
  intervalMinutes: z.coerce
    .number({ error: "Enter the interval in minutes." })
    .int("Enter whole minutes.")
    .min(5, "Run at most every 5 minutes: Qualys limits API calls per hour.")
    .max(7 * 24 * 60, "Run at least once a week.")
    .default(60),
  contentTypes: z
    .array(z.enum(qualysVmContentTypes))
    .min(1, "Choose Hosts, Vulnerabilities or both.")
    .transform((types) => [...new Set(types)])
    .default(["VULNERABILITIES"]),
  /** Hosts per page; Qualys's own default is 1,000. */
  truncationLimit: z.number().int().min(1).max(10_000).default(1000),
  /** Keep KnowledgeBase entries between runs of this worker (they change rarely). */
  cacheKnowledgeBase: z.boolean().default(true),
});

export const qualysVmSecretsSchema = z.object({
  username: z.string().trim().min(1, "Enter the Qualys username."),
  password: z.string().min(1, "Enter the Qualys password."),
});

export type QualysVmConfig = z.infer<typeof qualysVmConfigSchema>;
export type QualysVmSecrets = z.infer<typeof qualysVmSecretsSchema>;
