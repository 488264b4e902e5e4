import { randomBytes } from "node:crypto";
import { z } from "zod";

// The customer creates one IAM role in their account that Sluice assumes to
// read CSVs. These helpers produce the two policy documents they paste into
// the AWS console and check the role ARN they paste back, so that mistakes
// surface in the wizard instead of as an AccessDenied at the first run.

export const AWS_PARTITIONS = ["aws", "aws-cn", "aws-us-gov"] as const;
export type AwsPartition = (typeof AWS_PARTITIONS)[number];

export type RoleArn = {
  arn: string;
  partition: AwsPartition;
  accountId: string;
  /** "/" for roles without a path, otherwise "/team/…/". */
  path: string;
  name: string;
};

export type RoleArnCheck = { ok: true; role: RoleArn } | { ok: false; error: string };

const ROLE_ARN_EXAMPLE = "arn:aws:iam::123456789012:role/SluiceCsvReader";
// IAM's own limits: role names are 1–64 of these characters, paths are
// printable ASCII between slashes, at most 512 characters.
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_PATH = /^\/(?:[\x21-\x7E]+\/)?$/;

function isPartition(value: string): value is AwsPartition {
  return (AWS_PARTITIONS as readonly string[]).includes(value);
}

/**
 * Checks a role ARN pasted by a person and, when it is wrong, says what was
 * pasted instead (a user ARN, a session ARN, a bare name…) and what to copy.
 */
export function checkRoleArn(input: string): RoleArnCheck {
  const value = input.trim();
  const fail = (error: string): RoleArnCheck => ({ ok: false, error });

  if (value === "") {
    return fail(`Enter the role ARN, for example ${ROLE_ARN_EXAMPLE}.`);
  }
  if (/\s/.test(value)) {
    return fail("A role ARN contains no spaces; copy it again from the role's summary page.");
  }
  if (!value.startsWith("arn:")) {
    return fail(
      ROLE_NAME.test(value)
        ? `"${value}" looks like a role name. Paste the full role ARN, for example ${ROLE_ARN_EXAMPLE}.`
        : `This is not an ARN. A role ARN looks like ${ROLE_ARN_EXAMPLE}.`,
    );
  }

  const parts = value.split(":");
  if (parts.length < 6) {
    return fail(`This ARN is incomplete. A role ARN looks like ${ROLE_ARN_EXAMPLE}.`);
  }
  const [, partition, service, region, accountId] = parts;
  const resource = parts.slice(5).join(":");

  if (!isPartition(partition)) {
    return fail(`Unknown AWS partition "${partition}"; expected ${AWS_PARTITIONS.join(", ")}.`);
  }
  if (service === "sts" && resource.startsWith("assumed-role/")) {
    return fail(
      "This is the ARN of a session (assumed-role), not of the role itself. " +
        `Use the role's ARN, which looks like ${ROLE_ARN_EXAMPLE}.`,
    );
  }
  if (service !== "iam") {
    return fail(`This ARN belongs to the ${service || "(empty)"} service, not to an IAM role.`);
  }
  if (region !== "") {
    return fail(`IAM ARNs have no region, but this one has "${region}".`);
  }
  if (!/^\d{12}$/.test(accountId)) {
    return fail(`The account ID must be 12 digits; got "${accountId}".`);
  }

  const slash = resource.indexOf("/");
  const type = slash === -1 ? resource : resource.slice(0, slash);
  if (type !== "role") {
    const what: Record<string, string> = {
      user: "an IAM user",
      group: "an IAM group",
      policy: "an IAM policy",
      "instance-profile": "an instance profile",
      root: "the account root",
    };
    return fail(
      `This is the ARN of ${what[type] ?? `"${type}"`}, not of a role. ` +
        `A role ARN looks like ${ROLE_ARN_EXAMPLE}.`,
    );
  }

  const pathAndName = resource.slice("role".length);
  const lastSlash = pathAndName.lastIndexOf("/");
  const path = pathAndName.slice(0, lastSlash + 1);
  const name = pathAndName.slice(lastSlash + 1);
  if (name === "") {
    return fail("The role name is missing after role/.");
  }
  if (!ROLE_NAME.test(name)) {
    return fail(`The role name "${name}" is not valid: use 1–64 letters, digits or + = , . @ _ -.`);
  }
  if (path.length > 512 || !ROLE_PATH.test(path)) {
    return fail(`The role path "${path}" is not valid: printable ASCII between slashes.`);
  }

  return { ok: true, role: { arn: value, partition, accountId, path, name } };
}

/** A role ARN as typed in the wizard: trimmed, then checked by checkRoleArn. */
export const roleArnSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const check = checkRoleArn(value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.error });
  });

// S3's naming rules for new buckets (general purpose buckets).
export const bucketNameSchema = z
  .string()
  .trim()
  .min(3, "A bucket name has at least 3 characters.")
  .max(63, "A bucket name has at most 63 characters.")
  .regex(
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    "A bucket name uses lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit.",
  )
  .refine((name) => !name.includes(".."), "A bucket name has no two adjacent dots.")
  .refine(
    (name) => !/^\d{1,3}(\.\d{1,3}){3}$/.test(name),
    "A bucket name is not formatted like an IP address.",
  );

/**
 * An object key prefix, used as typed: S3 does not treat '/' specially, so
 * "reports" and "reports/" are different prefixes and neither is corrected.
 */
export const keyPrefixSchema = z
  .string()
  .refine(
    (prefix) => Buffer.byteLength(prefix, "utf8") <= 1024,
    "A prefix is at most 1,024 bytes (the longest possible object key).",
  );

// AWS accepts 2–1224 characters from this set for sts:ExternalId.
export const externalIdSchema = z
  .string()
  .min(2, "An external ID has at least 2 characters.")
  .max(1224, "An external ID has at most 1,224 characters.")
  .regex(/^[\w+=,.@:/-]+$/, "An external ID uses letters, digits and + = , . @ : / _ - only.");

/**
 * A fresh external ID for one connector: "sluice-" and 32 URL-safe
 * characters (192 random bits), so it can be guessed by nobody and pasted
 * anywhere without quoting.
 */
export function generateExternalId(): string {
  return `sluice-${randomBytes(24).toString("base64url")}`;
}

/**
 * The AWS identity Sluice itself runs as, configured per installation: either
 * a bare account ID (trust the whole account) or an IAM user or role ARN
 * (trust only that identity, which is tighter).
 */
export const sluicePrincipalSchema = z
  .string()
  .trim()
  .regex(
    /^(\d{12}|arn:(aws|aws-cn|aws-us-gov):iam::\d{12}:(root|(user|role)(\/|\/[\x21-\x7E]+\/)[\w+=,.@-]{1,64}))$/,
    "Sluice's AWS principal is a 12-digit account ID or an IAM user or role ARN.",
  );

export function sluicePrincipalArn(principal: string, partition: AwsPartition = "aws"): string {
  const value = sluicePrincipalSchema.parse(principal);
  return /^\d{12}$/.test(value) ? `arn:${partition}:iam::${value}:root` : value;
}

/**
 * Makes text literal inside an IAM Resource or StringLike value, where '*' and
 * '?' are wildcards and '${' opens a policy variable. IAM's escapes for these
 * are the policy variables ${*}, ${?} and ${$}.
 */
export function escapeIamPattern(text: string): string {
  return text.replace(/[*?$]/g, (char) => "${" + char + "}");
}

export type IamStatement = {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: { AWS: string } | { Service: string };
  Action: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

export type IamPolicyDocument = { Version: "2012-10-17"; Statement: IamStatement[] };

export const permissionPolicyInputSchema = z.object({
  bucket: bucketNameSchema,
  prefix: keyPrefixSchema.default(""),
  partition: z.enum(AWS_PARTITIONS).default("aws"),
});
export type PermissionPolicyInput = z.input<typeof permissionPolicyInputSchema>;

/**
 * Read-only access to the objects under the prefix, and listing limited to
 * that prefix. With no prefix the whole bucket is readable and listing is
 * unconditioned, because a request without a prefix parameter never matches
 * an s3:prefix condition.
 */
export function buildPermissionPolicy(input: PermissionPolicyInput): IamPolicyDocument {
  const { bucket, prefix, partition } = permissionPolicyInputSchema.parse(input);
  const bucketArn = `arn:${partition}:s3:::${bucket}`;
  const pattern = `${escapeIamPattern(prefix)}*`;

  const list: IamStatement = {
    Sid: "ListCsvPrefix",
    Effect: "Allow",
    Action: "s3:ListBucket",
    Resource: bucketArn,
  };
  if (prefix !== "") list.Condition = { StringLike: { "s3:prefix": [pattern] } };

  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadCsvObjects",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: `${bucketArn}/${pattern}`,
      },
      list,
    ],
  };
}

export const trustPolicyInputSchema = z.object({
  sluicePrincipal: sluicePrincipalSchema,
  externalId: externalIdSchema,
  partition: z.enum(AWS_PARTITIONS).default("aws"),
});
export type TrustPolicyInput = z.input<typeof trustPolicyInputSchema>;

/** Lets Sluice's principal assume the role only when it presents the external ID. */
export function buildTrustPolicy(input: TrustPolicyInput): IamPolicyDocument {
  const { sluicePrincipal, externalId, partition } = trustPolicyInputSchema.parse(input);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "SluiceAssumeRole",
        Effect: "Allow",
        Principal: { AWS: sluicePrincipalArn(sluicePrincipal, partition) },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
}

export const rolePoliciesInputSchema = z
  .object({
    bucket: bucketNameSchema,
    prefix: keyPrefixSchema.default(""),
    externalId: externalIdSchema,
    sluicePrincipal: sluicePrincipalSchema,
    /** When known, the role's partition is used for every ARN written. */
    roleArn: roleArnSchema.optional(),
  })
  .superRefine((value, ctx) => {
    // A role can only trust principals of its own partition (aws, aws-cn…).
    const rolePartition = value.roleArn?.split(":")[1];
    const principalPartition = value.sluicePrincipal.startsWith("arn:")
      ? value.sluicePrincipal.split(":")[1]
      : undefined;
    if (rolePartition && principalPartition && rolePartition !== principalPartition) {
      ctx.addIssue({
        code: "custom",
        path: ["roleArn"],
        message: `The role is in partition ${rolePartition} but Sluice runs in ${principalPartition}; a role cannot trust another partition.`,
      });
    }
  });
export type RolePoliciesInput = z.input<typeof rolePoliciesInputSchema>;

export type RolePolicies = {
  permissionPolicy: IamPolicyDocument;
  trustPolicy: IamPolicyDocument;
  /** Pretty-printed for pasting into the IAM console's JSON editor. */
  permissionPolicyJson: string;
  trustPolicyJson: string;
};

export function buildRolePolicies(input: RolePoliciesInput): RolePolicies {
  const parsed = rolePoliciesInputSchema.parse(input);
  const check = parsed.roleArn ? checkRoleArn(parsed.roleArn) : undefined;
  const partition: AwsPartition = check?.ok ? check.role.partition : "aws";

  const permissionPolicy = buildPermissionPolicy({
    bucket: parsed.bucket,
    prefix: parsed.prefix,
    partition,
  });
  const trustPolicy = buildTrustPolicy({
    sluicePrincipal: parsed.sluicePrincipal,
    externalId: parsed.externalId,
    partition,
  });
  return {
    permissionPolicy,
    trustPolicy,
    permissionPolicyJson: JSON.stringify(permissionPolicy, null, 2),
    trustPolicyJson: JSON.stringify(trustPolicy, null, 2),
  };
}
