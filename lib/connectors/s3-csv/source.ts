import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { s3ClientFor } from "@/lib/aws/clients";
import {
  ConnectorError,
  failureMessage,
  type ConnectorContext,
  type SourceFile,
} from "@/lib/connectors/definition";
import { explainS3Failure } from "./explain";
import type { S3CsvConfig, S3CsvSecrets } from "./schema";

export type S3CsvContext = ConnectorContext<S3CsvConfig, S3CsvSecrets>;

export function s3ClientForConnector(context: S3CsvContext): Promise<S3Client> {
  return s3ClientFor({
    ...context.config,
    ...context.secrets,
    sessionName: `sluice-${context.connectorId}`,
  });
}

export function sourceKeyOf(bucket: string, key: string) {
  return `s3://${bucket}/${key}`;
}

/**
 * The ETag as the ledger records it. Listings quote it ("9b2c…") and event
 * notifications do not (9b2c…); one spelling lets a scan and an event agree
 * that they saw the same version of an object.
 */
export function normalizeEtag(etag: string | undefined | null): string {
  return (etag ?? "")
    .trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");
}

/** One object of the bucket as a file the pipeline can stream. */
export function s3File(
  client: S3Client,
  bucket: string,
  object: { key: string; etag: string; size: number | null; versionId?: string },
): SourceFile {
  const etag = normalizeEtag(object.etag);
  return {
    sourceKey: sourceKeyOf(bucket, object.key),
    version: etag,
    name: object.key.split("/").pop() || object.key,
    sizeBytes: object.size,
    async open() {
      // The ETag pins the version the ledger claimed: a rewrite in between fails rather than mixing versions.
      const result = await client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: object.key,
          VersionId: object.versionId,
          IfMatch: etag ? `"${etag}"` : undefined,
        }),
      );
      return result.Body as Readable;
    },
  };
}

export type S3ObjectSummary = { key: string; etag: string; size: number | null };

function explainer(context: S3CsvContext) {
  const { bucket, prefix, region, roleArn } = context.config;
  return (error: unknown) =>
    new ConnectorError(
      failureMessage(explainS3Failure(error, { bucket, prefix, region, roleArn })),
    );
}

/** The connector's S3 client; a failure (role, keys) already says what to check. */
export async function connectS3(context: S3CsvContext): Promise<S3Client> {
  try {
    return await s3ClientForConnector(context);
  } catch (error) {
    throw explainer(context)(error);
  }
}

/** The prefix's objects a page at a time (ListObjectsV2 with continuation); folders left out. */
export async function* listObjectPages(
  context: S3CsvContext,
  s3: S3Client,
  options: { pageSize?: number } = {},
): AsyncIterable<S3ObjectSummary[]> {
  const { bucket, prefix } = context.config;
  const explain = explainer(context);
  let token: string | undefined;
  do {
    const page = await s3
      .send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix || undefined,
          ContinuationToken: token,
          MaxKeys: options.pageSize,
        }),
        { abortSignal: context.signal },
      )
      .catch((error) => Promise.reject(explain(error)));
    yield (page.Contents ?? [])
      .filter((object) => object.Key && !object.Key.endsWith("/"))
      .map((object) => ({ key: object.Key!, etag: object.ETag ?? "", size: object.Size ?? null }));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** Every object under the prefix, page by page (ListObjectsV2 with continuation). */
export async function* listObjects(
  context: S3CsvContext,
  client?: S3Client,
): AsyncIterable<SourceFile> {
  const s3 = client ?? (await connectS3(context));
  for await (const page of listObjectPages(context, s3)) {
    for (const object of page) yield s3File(s3, context.config.bucket, object);
  }
}
