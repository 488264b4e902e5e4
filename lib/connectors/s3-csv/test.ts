import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { ConnectionTestResult } from "@/lib/connectors/definition";
import { explainS3Failure } from "./explain";
import { s3ClientForConnector, type S3CsvContext } from "./source";

/** Assumes the role with the external ID (or uses the keys) and lists the prefix. */
export async function testS3CsvConnection(context: S3CsvContext): Promise<ConnectionTestResult> {
  const { bucket, prefix, region, roleArn, authMode } = context.config;
  try {
    const client = await s3ClientForConnector(context);
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, MaxKeys: 100 }),
      {
        abortSignal: context.signal,
      },
    );
    const keys = (page.Contents ?? []).map((o) => o.Key ?? "").filter((k) => k && !k.endsWith("/"));
    const csv = keys.filter((k) => k.toLowerCase().endsWith(".csv"));
    return {
      ok: true,
      summary: `Listed s3://${bucket}/${prefix}: ${keys.length}${page.IsTruncated ? "+" : ""} object${keys.length === 1 ? "" : "s"}, ${csv.length} CSV.`,
      details: [
        authMode === "role"
          ? `Assumed ${roleArn} with the external ID.`
          : "Signed in with the access key.",
        ...csv.slice(0, 5).map((k) => `Found ${k}`),
      ],
    };
  } catch (error) {
    return explainS3Failure(error, { bucket, prefix, region, roleArn });
  }
}
