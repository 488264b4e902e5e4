import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bucketNameSchema,
  buildPermissionPolicy,
  buildRolePolicies,
  buildTrustPolicy,
  checkRoleArn,
  escapeIamPattern,
  externalIdSchema,
  generateExternalId,
  roleArnSchema,
  rolePoliciesInputSchema,
  sluicePrincipalArn,
} from "./policies";

describe("checkRoleArn", () => {
  it.each([
    ["arn:aws:iam::123456789012:role/SluiceReader", "aws", "123456789012", "/", "SluiceReader"],
    ["  arn:aws:iam::123456789012:role/SluiceReader\n", "aws", "123456789012", "/", "SluiceReader"],
    [
      "arn:aws:iam::000000000001:role/team/etl/csv-reader",
      "aws",
      "000000000001",
      "/team/etl/",
      "csv-reader",
    ],
    ["arn:aws-cn:iam::123456789012:role/R+=,.@_-", "aws-cn", "123456789012", "/", "R+=,.@_-"],
    ["arn:aws-us-gov:iam::123456789012:role/x", "aws-us-gov", "123456789012", "/", "x"],
    [
      `arn:aws:iam::123456789012:role/${"n".repeat(64)}`,
      "aws",
      "123456789012",
      "/",
      "n".repeat(64),
    ],
  ])("accepts %j", (arn, partition, accountId, path, name) => {
    const check = checkRoleArn(arn);
    expect(check).toEqual({
      ok: true,
      role: { arn: arn.trim(), partition, accountId, path, name },
    });
  });

  it.each([
    ["", /Enter the role ARN/],
    ["SluiceReader", /looks like a role name/],
    ["https://console.aws.amazon.com/iam", /not an ARN/],
    ["arn:aws:iam::123456789012 :role/x", /no spaces/],
    ["arn:aws:iam::123456789012", /incomplete/],
    ["arn:aws-xx:iam::123456789012:role/x", /Unknown AWS partition "aws-xx"/],
    ["arn:aws:sts::123456789012:assumed-role/SluiceReader/session", /session \(assumed-role\)/],
    ["arn:aws:s3:::my-bucket", /s3 service, not to an IAM role/],
    ["arn:aws:iam:us-east-1:123456789012:role/x", /no region/],
    ["arn:aws:iam::12345678901:role/x", /12 digits; got "12345678901"/],
    ["arn:aws:iam::abcdefghijkl:role/x", /12 digits/],
    ["arn:aws:iam::123456789012:user/alice", /an IAM user, not of a role/],
    ["arn:aws:iam::123456789012:instance-profile/web", /an instance profile/],
    ["arn:aws:iam::123456789012:policy/ReadOnly", /an IAM policy/],
    ["arn:aws:iam::123456789012:root", /the account root/],
    ["arn:aws:iam::123456789012:role/", /role name is missing/],
    ["arn:aws:iam::123456789012:role/bad*name", /role name "bad\*name" is not valid/],
    [`arn:aws:iam::123456789012:role/${"n".repeat(65)}`, /1–64/],
    ["arn:aws:iam::123456789012:role//x", /role path "\/\/" is not valid/],
    ["arn:aws:iam::123456789012:role/pâth/x", /role path/],
  ])("refuses %j with a readable reason", (arn, reason) => {
    const check = checkRoleArn(arn);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toMatch(reason);
  });

  it("backs roleArnSchema with the same messages", () => {
    expect(roleArnSchema.parse(" arn:aws:iam::123456789012:role/x ")).toBe(
      "arn:aws:iam::123456789012:role/x",
    );
    const result = roleArnSchema.safeParse("arn:aws:iam::123456789012:user/alice");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/an IAM user, not of a role/),
    ]);
  });

  it("accepts every well-formed role ARN it can be given", () => {
    const name = fc.stringMatching(/^[\w+=,.@-]{1,64}$/);
    const segment = fc.stringMatching(/^[\x21-\x2E\x30-\x7E]{1,10}$/);
    fc.assert(
      fc.property(
        fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
        fc.stringMatching(/^\d{12}$/),
        fc.array(segment, { maxLength: 3 }),
        name,
        (partition, account, segments, roleName) => {
          const path = segments.length ? `/${segments.join("/")}/` : "/";
          const check = checkRoleArn(`arn:${partition}:iam::${account}:role${path}${roleName}`);
          expect(check).toMatchObject({ ok: true, role: { path, name: roleName } });
        },
      ),
    );
  });
});

describe("bucketNameSchema", () => {
  it.each(["abc", "acme-security-exports", "logs.example.com", "a".repeat(63), "0bucket9"])(
    "accepts %s",
    (name) => expect(bucketNameSchema.parse(name)).toBe(name),
  );
  it.each([
    ["ab", /at least 3/],
    ["a".repeat(64), /at most 63/],
    ["Acme", /lowercase/],
    ["acme_exports", /lowercase/],
    ["-acme", /starts and ends/],
    ["acme..exports", /adjacent dots/],
    ["192.168.1.10", /IP address/],
  ])("refuses %s", (name, message) => {
    const result = bucketNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(message);
  });
});

describe("external IDs", () => {
  it("are sluice- plus 32 URL-safe characters, and different every time", () => {
    const ids = Array.from({ length: 200 }, generateExternalId);
    for (const id of ids) {
      expect(id).toMatch(/^sluice-[A-Za-z0-9_-]{32}$/);
      expect(externalIdSchema.parse(id)).toBe(id);
      expect(encodeURIComponent(id)).toBe(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ["x", /at least 2/],
    ["has space", /only/],
    ["x".repeat(1225), /at most 1,224/],
  ])("refuses %j", (id, message) => {
    expect(externalIdSchema.safeParse(id).error?.issues[0].message).toMatch(message);
  });
});

describe("escapeIamPattern", () => {
  it.each([
    ["plain/", "plain/"],
    ["a*b?c$d", "a${*}b${?}c${$}d"],
    ["${aws:username}/", "${$}{aws:username}/"],
    ["Zürich 日本 /", "Zürich 日本 /"],
  ])("%j → %j", (text, escaped) => {
    expect(escapeIamPattern(text)).toBe(escaped);
  });
});

describe("buildPermissionPolicy", () => {
  it.each([
    ["reports/", "arn:aws:s3:::acme-exports/reports/*", ["reports/*"]],
    ["", "arn:aws:s3:::acme-exports/*", undefined],
    ["Q3 exports/", "arn:aws:s3:::acme-exports/Q3 exports/*", ["Q3 exports/*"]],
    ["日本/Zürich ", "arn:aws:s3:::acme-exports/日本/Zürich *", ["日本/Zürich *"]],
    ["odd*name?", "arn:aws:s3:::acme-exports/odd${*}name${?}*", ["odd${*}name${?}*"]],
    ["no-slash", "arn:aws:s3:::acme-exports/no-slash*", ["no-slash*"]],
  ])("prefix %j", (prefix, objectArn, listPatterns) => {
    const policy = buildPermissionPolicy({ bucket: "acme-exports", prefix });
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement).toEqual([
      { Sid: "ReadCsvObjects", Effect: "Allow", Action: "s3:GetObject", Resource: objectArn },
      {
        Sid: "ListCsvPrefix",
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: "arn:aws:s3:::acme-exports",
        ...(listPatterns ? { Condition: { StringLike: { "s3:prefix": listPatterns } } } : {}),
      },
    ]);
    // Whatever the prefix, the ARN keeps the S3 shape and is not URL-encoded.
    expect(objectArn).toMatch(/^arn:aws:s3:::acme-exports\/.*\*$/);
  });

  it("uses the partition it is given", () => {
    const policy = buildPermissionPolicy({ bucket: "b-cn", prefix: "", partition: "aws-cn" });
    expect(policy.Statement.map((s) => s.Resource)).toEqual([
      "arn:aws-cn:s3:::b-cn/*",
      "arn:aws-cn:s3:::b-cn",
    ]);
  });

  it("never grants more than read and list", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (prefix) => {
        const policy = buildPermissionPolicy({ bucket: "acme-exports", prefix });
        expect(policy.Statement.map((s) => s.Action)).toEqual(["s3:GetObject", "s3:ListBucket"]);
        const resource = policy.Statement[0].Resource as string;
        expect(resource.startsWith("arn:aws:s3:::acme-exports/")).toBe(true);
        // The only unescaped wildcard is the final one.
        expect(resource.slice(0, -1).replace(/\$\{[*?$]\}/g, "")).not.toMatch(/[*?]/);
      }),
    );
  });
});

describe("buildTrustPolicy", () => {
  it.each([
    ["999988887777", "arn:aws:iam::999988887777:root"],
    ["arn:aws:iam::999988887777:role/sluice-prod", "arn:aws:iam::999988887777:role/sluice-prod"],
    ["arn:aws:iam::999988887777:user/sluice", "arn:aws:iam::999988887777:user/sluice"],
  ])("trusts %s only with the external ID", (principal, arn) => {
    expect(buildTrustPolicy({ sluicePrincipal: principal, externalId: "sluice-abc" })).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "SluiceAssumeRole",
          Effect: "Allow",
          Principal: { AWS: arn },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": "sluice-abc" } },
        },
      ],
    });
  });

  it.each(["12345", "arn:aws:iam::999988887777:group/admins", "*"])(
    "refuses principal %j",
    (principal) => {
      expect(() => buildTrustPolicy({ sluicePrincipal: principal, externalId: "x1" })).toThrow(
        /12-digit account ID or an IAM user or role ARN/,
      );
    },
  );

  it("writes account principals in the requested partition", () => {
    expect(sluicePrincipalArn("999988887777", "aws-us-gov")).toBe(
      "arn:aws-us-gov:iam::999988887777:root",
    );
  });
});

describe("buildRolePolicies", () => {
  const input = {
    bucket: "acme-exports",
    prefix: "reports/",
    externalId: "sluice-0123456789abcdefghijABCDEFGHIJ_-",
    sluicePrincipal: "999988887777",
    roleArn: "arn:aws:iam::123456789012:role/SluiceReader",
  };

  it("returns both documents and their pretty JSON", () => {
    const policies = buildRolePolicies(input);
    expect(JSON.parse(policies.permissionPolicyJson)).toEqual(policies.permissionPolicy);
    expect(JSON.parse(policies.trustPolicyJson)).toEqual(policies.trustPolicy);
    expect(policies.trustPolicyJson).toContain('\n  "Statement": [');
    expect(policies.trustPolicy.Statement[0].Condition).toEqual({
      StringEquals: { "sts:ExternalId": input.externalId },
    });
  });

  it("follows the role's partition", () => {
    const policies = buildRolePolicies({
      ...input,
      roleArn: "arn:aws-cn:iam::123456789012:role/SluiceReader",
    });
    expect(policies.permissionPolicy.Statement[1].Resource).toBe("arn:aws-cn:s3:::acme-exports");
    expect(policies.trustPolicy.Statement[0].Principal).toEqual({
      AWS: "arn:aws-cn:iam::999988887777:root",
    });
  });

  it("refuses a principal and role in different partitions", () => {
    const result = rolePoliciesInputSchema.safeParse({
      ...input,
      sluicePrincipal: "arn:aws:iam::999988887777:role/sluice",
      roleArn: "arn:aws-cn:iam::123456789012:role/SluiceReader",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["roleArn"],
      message: expect.stringMatching(/cannot trust another partition/),
    });
  });
});
