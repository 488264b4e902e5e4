"use server";

// Server help for the S3 CSV source form: the policy documents and a fresh
// external ID come from lib/connectors/s3-csv/policies.ts, which uses Node's
// crypto and so stays on the server.
import { z } from "zod";
import { action } from "@/lib/action";
import { s3PoliciesSchema } from "@/lib/connectors/schema";
import {
  buildRolePolicies,
  checkRoleArn,
  generateExternalId,
  rolePoliciesInputSchema,
} from "@/lib/connectors/s3-csv/policies";
import { sluiceAwsPrincipal } from "@/lib/connectors/service";

export const generateExternalIdAction = action(
  { schema: z.object({}), role: "operator" },
  async () => ({ externalId: generateExternalId() }),
);

/**
 * The permission and trust policies for the role as typed so far. With no
 * principal configured the trust policy is left to the page to explain.
 */
export const s3RolePoliciesAction = action(
  { schema: s3PoliciesSchema, role: "operator" },
  async (input) => {
    const principal = sluiceAwsPrincipal();
    const roleArn = input.roleArn.trim();
    const arnCheck = roleArn ? checkRoleArn(roleArn) : null;
    const parsed = rolePoliciesInputSchema.safeParse({
      bucket: input.bucket,
      prefix: input.prefix,
      externalId: input.externalId || "sluice-external-id",
      // A placeholder account keeps the permission policy visible before a principal is configured.
      sluicePrincipal: principal ?? "000000000000",
      roleArn: arnCheck?.ok ? roleArn : undefined,
    });
    if (!parsed.success) {
      return {
        principalConfigured: principal !== null,
        roleArnError: arnCheck && !arnCheck.ok ? arnCheck.error : null,
        policies: null,
        problem: parsed.error.issues[0]?.message ?? "Enter the bucket first.",
      };
    }
    const policies = buildRolePolicies(parsed.data);
    return {
      principalConfigured: principal !== null,
      roleArnError: arnCheck && !arnCheck.ok ? arnCheck.error : null,
      policies: {
        permissionPolicyJson: policies.permissionPolicyJson,
        trustPolicyJson: principal ? policies.trustPolicyJson : null,
      },
      problem: null,
    };
  },
);
