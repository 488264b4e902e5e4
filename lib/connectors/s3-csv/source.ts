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

/** One object of the bucket as a file the pipeline can stream. */
export function s3File(
  client: S3Client,
  bucket: string,
  object: { key: string; etag: string; size: number | null },
): SourceFile {
  return {
    sourceKey: sourceKeyOf(bucket, object.key),
    version: object.etag,
    name: object.key.split("/").pop() || object.key,
    sizeBytes: object.size,
    async open() {
      // The ETag pins the version the ledger claimed: a rewrite in between fails rather than mixing versions.
      const result = await client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: object.key,
          IfMatch: object.etag || undefined,
        }),
      );
      return result.Body as Readable;
    },
  };
}

/** Every object under the prefix, page by page (ListObjectsV2 with continuation). */
export async function* listObjects(
  context: S3CsvContext,
  client?: S3Client,
): AsyncIterable<SourceFile> {
  const { bucket, prefix, region, roleArn } = context.config;
  const explain = (error: unknown) =>
    new ConnectorError(
      failureMessage(explainS3Failure(error, { bucket, prefix, region, roleArn })),
    );
  let s3: S3Client;
  try {
    s3 = client ?? (await s3ClientForConnector(context));
  } catch (error) {
    throw explain(error);
  }
  let token: string | undefined;
  do {
    const page = await s3
      .send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix || undefined,
          ContinuationToken: token,
        }),
        {
          abortSignal: context.signal,
        },
      )
      .catch((error) => Promise.reject(explain(error)));
    for (const object of page.Contents ?? []) {
      if (!object.Key || object.Key.endsWith("/")) continue;
      yield s3File(s3, bucket, {
        key: object.Key,
        etag: object.ETag ?? "",
        size: object.Size ?? null,
      });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}
