// The only place that reads process.env (STYLE rule 20). Values are checked
// once with zod and returned typed; a bad value stops start-up with a message
// that names the variable.
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set (npm start sets it for the embedded database)" })
    .url("DATABASE_URL must be a postgresql:// URL"),
  SLUICE_SECRET_KEY: z
    .string({ error: "SLUICE_SECRET_KEY is not set (npm start generates one into ./data)" })
    .min(32, "SLUICE_SECRET_KEY must be at least 32 characters"),
  SLUICE_PUBLIC_URL: z.string().url().optional(),
  SLUICE_DATA_DIR: z.string().default("data"),
  SLUICE_WORKERS: booleanFlag,
  SLUICE_ALLOW_PRIVATE_NETWORKS: booleanFlag,
  // Where Sluice asks AWS STS for role credentials (a VPC endpoint, or a test double).
  SLUICE_AWS_STS_ENDPOINT: z.string().url().optional(),
  // The AWS principal customers trust in their role (shown in the trust policy).
  SLUICE_AWS_PRINCIPAL: z.string().optional(),
  SLUICE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  SLUICE_LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  NEXT_RUNTIME: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`${first.path.join(".")}: ${first.message}`);
  }
  return result.data;
}

/** Settings read only by the start and worker scripts, before Next.js runs. */
const startSchema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL").optional(),
  SLUICE_SECRET_KEY: z
    .string()
    .min(32, "SLUICE_SECRET_KEY must be at least 32 characters")
    .optional(),
  SLUICE_DATA_DIR: z.string().default("data"),
  SLUICE_PG_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  SLUICE_ADMIN_EMAIL: z.string().email("SLUICE_ADMIN_EMAIL must be an e-mail address").optional(),
  SLUICE_ADMIN_PASSWORD: z
    .string()
    .min(12, "SLUICE_ADMIN_PASSWORD must be at least 12 characters")
    .optional(),
  SLUICE_WORKERS: booleanFlag,
  SLUICE_SKIP_BUILD: booleanFlag,
});

export type StartEnv = z.infer<typeof startSchema>;

export function startEnv(source: Record<string, string | undefined> = process.env): StartEnv {
  const result = startSchema.safeParse(source);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`${first.path.join(".")}: ${first.message}`);
  }
  return result.data;
}

/** Publishes values computed at start-up (embedded database URL, generated key). */
export function exportToProcessEnv(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) process.env[key] = value;
  cached = undefined;
}
