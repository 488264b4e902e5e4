import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { Readable } from "node:stream";
import {
  GetObjectCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { S3RVER_CREDENTIALS, startS3Server, type S3Server } from "./s3-server";
import { startStsServer, type StsServer } from "./sts-server";

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let s3: S3Server;

beforeAll(async () => {
  s3 = await startS3Server({ buckets: ["csv-drop", "many-keys"] });
});

afterAll(async () => {
  await s3?.stop();
});

function client(credentials: Credentials = S3RVER_CREDENTIALS) {
  return new S3Client({
    endpoint: s3.endpoint,
    region: "us-east-1",
    forcePathStyle: true,
    credentials,
    maxAttempts: 1,
  });
}

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(S3ServiceException);
    return error as S3ServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("s3rver test server with @aws-sdk/client-s3", () => {
  it("starts on 127.0.0.1 with the buckets asked for", async () => {
    expect(s3.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(s3.directory)).toBe(true);
    const error = await failure(
      client().send(new PutObjectCommand({ Bucket: "no-such-bucket", Key: "a", Body: "x" })),
    );
    expect(error.name).toBe("NoSuchBucket");
  });

  it.each([
    "plain.csv",
    "with space/Q3 report.csv",
    "plus+sign/a+b.csv",
    "percent%25 and %/x.csv",
    "unicode/Zürich 日本 🚀.csv",
    "symbols/!'()*&$@=;:,?.csv",
  ])("puts and lists key %j unchanged", async (key) => {
    const body = `id,host\n1,${key}\n`;
    await client().send(
      new PutObjectCommand({ Bucket: "csv-drop", Key: key, Body: body, ContentType: "text/csv" }),
    );
    const listed = await client().send(
      new ListObjectsV2Command({ Bucket: "csv-drop", Prefix: key.slice(0, key.indexOf("/") + 1) }),
    );
    expect(listed.Contents?.map((o) => o.Key)).toContain(key);
    const got = await client().send(new GetObjectCommand({ Bucket: "csv-drop", Key: key }));
    expect(await got.Body!.transformToString()).toBe(body);
    expect(got.ContentType).toBe("text/csv");
  });

  it("streams a large object back byte for byte", async () => {
    const data = randomBytes(6 * 1024 * 1024 + 17);
    await client().send(new PutObjectCommand({ Bucket: "csv-drop", Key: "big.bin", Body: data }));
    const got = await client().send(new GetObjectCommand({ Bucket: "csv-drop", Key: "big.bin" }));
    expect(got.Body).toBeInstanceOf(Readable);
    const hash = createHash("sha256");
    let chunks = 0;
    for await (const chunk of got.Body as Readable) {
      hash.update(chunk as Buffer);
      chunks += 1;
    }
    expect(chunks).toBeGreaterThan(1);
    expect(hash.digest("hex")).toBe(createHash("sha256").update(data).digest("hex"));
    expect(got.ContentLength).toBe(data.length);
  });

  it("pages ListObjectsV2 with continuation tokens (1,200 keys, MaxKeys 1000)", async () => {
    const keys = Array.from({ length: 1200 }, (_, i) => `batch/${String(i).padStart(4, "0")}.csv`);
    const uploader = client();
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys
          .slice(i, i + 50)
          .map((Key) =>
            uploader.send(new PutObjectCommand({ Bucket: "many-keys", Key, Body: Key })),
          ),
      );
    }

    const first = await client().send(
      new ListObjectsV2Command({ Bucket: "many-keys", Prefix: "batch/", MaxKeys: 1000 }),
    );
    expect(first.KeyCount).toBe(1000);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextContinuationToken).toBeTruthy();
    const second = await client().send(
      new ListObjectsV2Command({
        Bucket: "many-keys",
        Prefix: "batch/",
        MaxKeys: 1000,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.KeyCount).toBe(200);
    expect(second.IsTruncated).toBe(false);
    const pagedByHand = [...first.Contents!, ...second.Contents!].map((o) => o.Key);
    expect(pagedByHand).toEqual(keys);

    const pages: number[] = [];
    for await (const page of paginateListObjectsV2(
      { client: client() },
      { Bucket: "many-keys", Prefix: "batch/", MaxKeys: 1000 },
    )) {
      pages.push(page.KeyCount ?? 0);
    }
    expect(pages).toEqual([1000, 200]);
  }, 120_000);
});

describe("lifecycle", () => {
  it("stop() ends the server and removes its directory", async () => {
    const other = await startS3Server({ buckets: ["tmp-bucket"] });
    const probe = new S3Client({
      endpoint: other.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
      maxAttempts: 1,
    });
    await probe.send(new PutObjectCommand({ Bucket: "tmp-bucket", Key: "k", Body: "v" }));
    await other.stop();
    expect(existsSync(other.directory)).toBe(false);
    await expect(probe.send(new ListObjectsV2Command({ Bucket: "tmp-bucket" }))).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });

  it("accepts extra key pairs given at start", async () => {
    const other = await startS3Server({
      buckets: ["keyed"],
      accessKeys: [{ accessKeyId: "AKIAEXTRAKEY00000001", secretAccessKey: "s" }],
    });
    try {
      const keyed = new S3Client({
        endpoint: other.endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "AKIAEXTRAKEY00000001", secretAccessKey: "s" },
        maxAttempts: 1,
      });
      const listed = await keyed.send(new ListObjectsV2Command({ Bucket: "keyed" }));
      expect(listed.KeyCount).toBe(0);
    } finally {
      await other.stop();
    }
  });
});

describe("credentials s3rver accepts", () => {
  it("refuses an unregistered access key", async () => {
    const error = await failure(
      client({ accessKeyId: "AKIANOTREGISTERED000", secretAccessKey: "x" }).send(
        new ListObjectsV2Command({ Bucket: "csv-drop" }),
      ),
    );
    expect(error.name).toBe("InvalidAccessKeyId");
    expect(error.$metadata.httpStatusCode).toBe(403);
  });

  it("does not verify SigV4 signatures: a wrong secret for S3RVER still works", async () => {
    const wrongSecret = client({ accessKeyId: "S3RVER", secretAccessKey: "wrong" });
    await wrongSecret.send(new PutObjectCommand({ Bucket: "csv-drop", Key: "sig.csv", Body: "a" }));
    const got = await wrongSecret.send(
      new GetObjectCommand({ Bucket: "csv-drop", Key: "sig.csv" }),
    );
    expect(await got.Body!.transformToString()).toBe("a");
  });

  describe("with temporary credentials from the STS test server", () => {
    const ROLE = "arn:aws:iam::123456789012:role/SluiceCsvReader";
    let sts: StsServer;
    let register = false;

    beforeAll(async () => {
      sts = await startStsServer({
        roles: [{ roleArn: ROLE, externalId: "sluice-ext-1234" }],
        onIssue: async (credentials) => {
          if (register) await s3.registerAccessKey(credentials);
        },
      });
    });

    afterAll(async () => {
      await sts?.stop();
    });

    async function assume(): Promise<Credentials> {
      const stsClient = new STSClient({
        endpoint: sts.endpoint,
        region: "us-east-1",
        credentials: { accessKeyId: "AKIASLUICECALLER0001", secretAccessKey: "secret" },
      });
      const { Credentials } = await stsClient.send(
        new AssumeRoleCommand({
          RoleArn: ROLE,
          RoleSessionName: "sluice-test",
          ExternalId: "sluice-ext-1234",
        }),
      );
      return {
        accessKeyId: Credentials!.AccessKeyId!,
        secretAccessKey: Credentials!.SecretAccessKey!,
        sessionToken: Credentials!.SessionToken!,
      };
    }

    it("are refused until their key ID is registered", async () => {
      register = false;
      const credentials = await assume();
      const error = await failure(
        client(credentials).send(new ListObjectsV2Command({ Bucket: "csv-drop" })),
      );
      expect(error.name).toBe("InvalidAccessKeyId");
    });

    it("work once registered through the STS server's onIssue hook", async () => {
      await client().send(
        new PutObjectCommand({ Bucket: "csv-drop", Key: "sts/hosts.csv", Body: "id\n1\n" }),
      );
      register = true;
      const credentials = await assume();
      const got = await client(credentials).send(
        new GetObjectCommand({ Bucket: "csv-drop", Key: "sts/hosts.csv" }),
      );
      expect(await got.Body!.transformToString()).toBe("id\n1\n");
    });
  });
});
