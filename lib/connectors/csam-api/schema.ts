import { z } from "zod";

import { parseTagFilter } from "@/lib/qualys/csam";
import { qualysUrlSchema } from "@/lib/qualys/url";

/**
 * Settings of a CSAM API connector. The CSAM connector guide asks for the
 * base (gateway) URL, a Qualys username and password, and lets a profile
 * narrow the import to assets carrying some tags; it names no client
 * ID/secret sign-in, so none is offered.
 */
export const csamApiConfigSchema = z.object({
  baseUrl: qualysUrlSchema("https://gateway.qg2.apps.qualys.com"),
  /** Comma-separated tag names, e.g. "eval-214027-test, exec-220563"; empty imports every asset. */
  tagFilter: z.string().trim().max(2000, "Keep the tag filter under 2,000 characters.").default(""),
  /** The only asset type CSAM offers through this connector. */
  content: z.literal("HOST_ASSET").default("HOST_ASSET"),
});

export const csamApiSecretsSchema = z.object({
  username: z.string().trim().min(1, "Enter the Qualys username."),
  password: z.string().min(1, "Enter the Qualys password."),
});

export type CsamApiConfig = z.infer<typeof csamApiConfigSchema>;
export type CsamApiSecrets = z.infer<typeof csamApiSecretsSchema>;

export function csamTagNames(config: Pick<CsamApiConfig, "tagFilter">): string[] {
  return parseTagFilter(config.tagFilter);
}
