// Turns AWS failures during a connection test or run into what happened and
// what to check, in the order a person should look.
import type { ConnectionTestResult } from "@/lib/connectors/definition";
import { AssumeRoleError } from "@/lib/aws/clients";

type Failure = Extract<ConnectionTestResult, { ok: false }>;

function awsCode(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string };
  return e?.Code ?? e?.name ?? e?.code ?? "";
}

export function explainS3Failure(
  error: unknown,
  where: { bucket: string; prefix: string; region: string; roleArn?: string },
): Failure {
  const location = `s3://${where.bucket}/${where.prefix}`;
  if (error instanceof AssumeRoleError) {
    const code = awsCode(error.cause);
    const message = (error.cause as Error)?.message ?? "";
    if (
      code === "InvalidClientTokenId" ||
      code === "CredentialsProviderError" ||
      /Could not load credentials/i.test(message)
    ) {
      return {
        ok: false,
        title: "Sluice has no valid AWS credentials of its own to assume your role with.",
        checks: [
          "Give the Sluice server AWS credentials (environment variables, instance profile or ~/.aws) for the account named in your trust policy.",
          "If Sluice runs outside AWS, make sure those keys are active.",
        ],
        details: `${code}: ${message}`,
      };
    }
    return {
      ok: false,
      title: `Sluice could not assume the role ${where.roleArn ?? ""}.`.replace(" .", "."),
      checks: [
        "The role ARN is copied exactly from the role's summary page.",
        "The role's trust policy names Sluice's AWS principal (copy it from this page).",
        "The trust policy's sts:ExternalId condition holds exactly the external ID shown here; if you regenerated it, update the policy.",
      ],
      details: `${code}: ${message}`,
    };
  }
  const code = awsCode(error);
  const message = (error as Error)?.message ?? String(error);
  const e = error as { code?: string; cause?: { code?: string } };
  const network = e.code ?? e.cause?.code;
  if (code === "NoSuchBucket") {
    return {
      ok: false,
      title: `The bucket ${where.bucket} does not exist.`,
      checks: [
        "Check the bucket name (no s3:// prefix, no path).",
        "Check that the bucket is in the account you expect.",
      ],
      details: message,
    };
  }
  if (
    code === "PermanentRedirect" ||
    code === "AuthorizationHeaderMalformed" ||
    (/region/i.test(message) && code !== "AccessDenied")
  ) {
    return {
      ok: false,
      title: `The bucket ${where.bucket} is not in ${where.region}.`,
      checks: ["Set the region to the one shown on the bucket's properties page."],
      details: `${code}: ${message}`,
    };
  }
  if (code === "AccessDenied" || code === "Forbidden") {
    return {
      ok: false,
      title: `Access to ${location} was denied.`,
      checks: [
        `The role's permission policy allows s3:ListBucket on arn:aws:s3:::${where.bucket} (with the prefix condition) and s3:GetObject on the prefix.`,
        "A bucket policy or SCP is not denying the role.",
        "If the bucket uses SSE-KMS, the role may use the key (kms:Decrypt).",
      ],
      details: `${code}: ${message}`,
    };
  }
  if (code === "InvalidAccessKeyId" || code === "SignatureDoesNotMatch") {
    return {
      ok: false,
      title: "The access key was refused.",
      checks: ["Check the access key ID and secret access key.", "Check that the key is active."],
      details: `${code}: ${message}`,
    };
  }
  if (network === "ENOTFOUND" || network === "EAI_AGAIN") {
    return {
      ok: false,
      title: "The storage endpoint's host name could not be resolved.",
      checks: ["Check the endpoint URL for typos.", "Check this server's DNS settings."],
      details: message,
    };
  }
  if (network === "ECONNREFUSED" || network === "ETIMEDOUT" || code === "TimeoutError") {
    return {
      ok: false,
      title: "The storage endpoint did not answer.",
      checks: [
        "Check the endpoint URL and port.",
        "Check firewalls between Sluice and the endpoint.",
      ],
      details: message,
    };
  }
  return {
    ok: false,
    title: `Listing ${location} failed.`,
    checks: [
      "Check the bucket, region and credentials.",
      "See the details below for the error AWS returned.",
    ],
    details: `${code}: ${message}`,
  };
}
