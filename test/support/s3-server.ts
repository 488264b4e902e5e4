// A real S3-compatible HTTP endpoint for tests, backed by s3rver (npm 3.7.x)
// in a temporary directory.
//
// s3rver runs in a child Node process started with --openssl-legacy-provider:
// it encrypts ListObjectsV2 continuation tokens with single DES, which the
// OpenSSL 3 inside Node 17+ refuses by default, so every truncated listing
// (more keys than MaxKeys) would otherwise fail with InternalError. The
// child also keeps s3rver's process-wide key registry out of the test worker.
//
// What s3rver checks, read in its source (lib/middleware/authentication.js)
// and confirmed in s3-server.test.ts:
// - the access key ID must be registered, otherwise InvalidAccessKeyId; only
//   S3RVER/S3RVER is registered out of the box;
// - SigV4 signatures are NOT verified, so any secret works for a registered
//   key, and x-amz-security-token is ignored;
// - there is no IAM: a registered key may do anything to any bucket.
// Temporary credentials from test/support/sts-server.ts therefore work once
// their key ID is registered: pass registerAccessKey as the STS server's
// onIssue hook, which it awaits before answering AssumeRole.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export type S3ServerOptions = {
  buckets: string[];
  /** Extra key pairs to accept besides S3RVER/S3RVER. */
  accessKeys?: { accessKeyId: string; secretAccessKey: string }[];
};

export type S3Server = {
  /** Use with forcePathStyle: true. */
  endpoint: string;
  directory: string;
  registerAccessKey(credentials: { accessKeyId: string; secretAccessKey: string }): Promise<void>;
  stop(): Promise<void>;
};

type Reply = { id: number; ok: boolean; port?: number; error?: string };

// Runs in the child. Plain CommonJS: it is handed to `node -e`.
const CHILD_SOURCE = `
let server;
let account;
process.on("disconnect", () => process.exit(0));
process.on("message", async (message) => {
  const reply = (fields) => process.send({ id: message.id, ok: true, ...fields });
  try {
    if (message.type === "start") {
      const S3rver = require(message.s3rverPath);
      account = require(message.accountPath).DUMMY_ACCOUNT;
      server = new S3rver({
        address: "127.0.0.1",
        port: 0,
        silent: true,
        directory: message.directory,
        vhostBuckets: false,
        configureBuckets: message.buckets.map((name) => ({ name })),
      });
      const { port } = await server.run();
      reply({ port });
    } else if (message.type === "register") {
      account.createKeyPair(message.accessKeyId, message.secretAccessKey);
      reply({});
    } else if (message.type === "stop") {
      if (server && server.httpServer) {
        const closing = new Promise((done) => server.httpServer.close(done));
        server.httpServer.closeAllConnections();
        await closing;
      }
      // Exit only once the reply has been written to the channel.
      process.send({ id: message.id, ok: true }, () => process.exit(0));
    }
  } catch (error) {
    process.send({ id: message.id, ok: false, error: String((error && error.stack) || error) });
  }
});
`;

const requireFromHere = createRequire(__filename);

export async function startS3Server(options: S3ServerOptions): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), "sluice-s3rver-"));
  const child = spawn(process.execPath, ["--openssl-legacy-provider", "-e", CHILD_SOURCE], {
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr += text));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  child.on("message", (reply: Reply) => {
    const waiter = pending.get(reply.id);
    pending.delete(reply.id);
    if (!waiter) return;
    if (reply.ok) waiter.resolve(reply);
    else waiter.reject(new Error(`s3rver: ${reply.error}`));
  });
  void exited.then(() => {
    for (const waiter of pending.values()) {
      waiter.reject(new Error(`s3rver process exited early${stderr ? `: ${stderr}` : ""}`));
    }
    pending.clear();
  });

  const call = (message: Record<string, unknown>) =>
    new Promise<Reply>((resolve, reject) => {
      if (!child.connected) return reject(new Error("s3rver process is not running"));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ ...message, id });
    });

  const registerAccessKey: S3Server["registerAccessKey"] = async (credentials) => {
    await call({ type: "register", ...credentials });
  };

  let port: number;
  try {
    ({ port } = (await call({
      type: "start",
      s3rverPath: requireFromHere.resolve("s3rver"),
      accountPath: requireFromHere.resolve("s3rver/lib/models/account"),
      directory,
      buckets: options.buckets,
    })) as { port: number });
    for (const key of options.accessKeys ?? []) await registerAccessKey(key);
  } catch (error) {
    child.kill();
    await exited;
    await rm(directory, { recursive: true, force: true });
    throw error;
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    directory,
    registerAccessKey,
    async stop() {
      if (child.connected) await call({ type: "stop" }).catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) {
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
