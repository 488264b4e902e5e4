// S3 clients for connectors: either through the customer's role (STS
// AssumeRole with the connector's external ID, Sluice's own credentials from
// the usual AWS chain) or with static keys for S3-compatible stores.
import { S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { env } from "@/lib/env";

export type S3Access = {
  region: string;
  endpoint?: string;
  authMode: "role" | "keys";
  roleArn?: string;
  externalId?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionName?: string;
};

export class AssumeRoleError extends Error {
  constructor(readonly cause: unknown) {
    super((cause as Error)?.message ?? String(cause));
  }
}

export async function assumeRole(access: S3Access) {
  const sts = new STSClient({
    region: access.region,
    endpoint: env().SLUICE_AWS_STS_ENDPOINT,
    maxAttempts: 2,
  });
  try {
    const result = await sts.send(
      new AssumeRoleCommand({
        RoleArn: access.roleArn,
        ExternalId: access.externalId,
        RoleSessionName: (access.sessionName ?? "sluice").slice(0, 64),
        DurationSeconds: 3600,
      }),
    );
    const c = result.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("STS returned no credentials");
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    };
  } catch (error) {
    throw new AssumeRoleError(error);
  } finally {
    sts.destroy();
  }
}

export async function s3ClientFor(access: S3Access): Promise<S3Client> {
  const credentials =
    access.authMode === "role"
      ? await assumeRole(access)
      : { accessKeyId: access.accessKeyId ?? "", secretAccessKey: access.secretAccessKey ?? "" };
  return new S3Client({
    region: access.region,
    endpoint: access.endpoint,
    // S3-compatible stores (MinIO, s3rver, Ceph) want path-style addressing.
    forcePathStyle: Boolean(access.endpoint),
    credentials,
    maxAttempts: 3,
  });
}
