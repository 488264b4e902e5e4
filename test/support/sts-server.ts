// A small AWS STS endpoint for tests: it speaks the Query protocol over real
// HTTP so that @aws-sdk/client-sts (and anything built on it, such as the
// s3-csv connection test) runs unmodified against it. It implements
// AssumeRole only, with the checks that matter to a cross-account connector:
// the caller's access key, the role's trust and the external ID. Failures use
// STS's own error XML, so the SDK raises the same typed errors as in AWS.
//
// Not emulated: SigV4 signature verification (only the access key ID in the
// Authorization header is checked), session policies, tags and MFA.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type StsRole = {
  roleArn: string;
  /** When set, AssumeRole must present exactly this ExternalId. */
  externalId?: string;
  /**
   * Caller ARNs the role trusts; "arn:aws:iam::<account>:root" trusts every
   * identity of that account. Omitted: any known caller is trusted.
   */
  trustedPrincipals?: string[];
  /** IAM's MaxSessionDuration; AWS defaults it to one hour. */
  maxSessionDurationSeconds?: number;
};

export type StsCaller = { accessKeyId: string; arn: string };

export type IssuedCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  roleSessionName: string;
  assumedRoleArn: string;
  externalId?: string;
  callerArn: string;
};

export type StsRequestLog = {
  action: string;
  accessKeyId?: string;
  roleArn?: string;
  externalId?: string;
  /** "ok" or the error code returned. */
  outcome: string;
};

export type StsServerOptions = {
  roles: StsRole[];
  /**
   * Known callers. When given, any other access key gets InvalidClientTokenId;
   * when omitted, every key is accepted as arn:aws:iam::000000000000:user/<key>.
   */
  callers?: StsCaller[];
  /**
   * Called for every credential issued, e.g. to register it with s3rver; the
   * response waits for it, so the credentials are usable once returned.
   */
  onIssue?: (credentials: IssuedCredentials) => void | Promise<void>;
  now?: () => Date;
};

export type StsServer = {
  endpoint: string;
  issued: IssuedCredentials[];
  requests: StsRequestLog[];
  stop(): Promise<void>;
};

const NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";
const API_VERSION = "2011-06-15";

class StsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly type: "Sender" | "Receiver" = "Sender",
  ) {
    super(message);
  }
}

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// AWS-looking identifiers: ASIA… for temporary keys, AROA… for role IDs.
function awsId(prefix: string, length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

function roleId(roleArn: string): string {
  const digest = createHash("sha256").update(roleArn).digest("base64");
  return `AROA${digest
    .replace(/[^A-Z0-9]/g, "")
    .padEnd(17, "X")
    .slice(0, 17)}`;
}

function accessKeyIdFrom(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization ?? "";
  const match = /Credential=([^/,\s]+)\//.exec(header);
  return match?.[1];
}

function validationError(field: string, value: string | undefined, constraint: string): StsError {
  const shown = value === undefined ? "null" : `'${value}'`;
  return new StsError(
    400,
    "ValidationError",
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

function accountOf(arn: string): string | undefined {
  return arn.split(":")[4];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startStsServer(options: StsServerOptions): Promise<StsServer> {
  const issued: IssuedCredentials[] = [];
  const requests: StsRequestLog[] = [];
  const now = options.now ?? (() => new Date());
  const callers = options.callers ? new Map(options.callers.map((c) => [c.accessKeyId, c])) : null;
  const roles = new Map(options.roles.map((r) => [r.roleArn, r]));

  async function assumeRole(params: URLSearchParams, accessKeyId: string | undefined) {
    if (!accessKeyId) {
      throw new StsError(
        403,
        "MissingAuthenticationToken",
        "Request is missing Authentication Token",
      );
    }
    const caller = callers
      ? callers.get(accessKeyId)
      : { accessKeyId, arn: `arn:aws:iam::000000000000:user/${accessKeyId}` };
    if (!caller) {
      throw new StsError(
        403,
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
      );
    }

    const roleArn = params.get("RoleArn") ?? undefined;
    const sessionName = params.get("RoleSessionName") ?? undefined;
    const externalId = params.get("ExternalId") ?? undefined;
    const durationText = params.get("DurationSeconds") ?? undefined;

    if (roleArn === undefined) throw validationError("roleArn", roleArn, "Member must not be null");
    if (roleArn.length < 20 || roleArn.length > 2048) {
      throw validationError("roleArn", roleArn, "Member must have length between 20 and 2048");
    }
    if (sessionName === undefined) {
      throw validationError("roleSessionName", sessionName, "Member must not be null");
    }
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw validationError(
        "roleSessionName",
        sessionName,
        "Member must satisfy regular expression pattern: [\\w+=,.@-]* and have length between 2 and 64",
      );
    }
    if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
      throw validationError(
        "externalId",
        externalId,
        "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]* and have length between 2 and 1224",
      );
    }
    const duration = durationText === undefined ? 3600 : Number(durationText);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw validationError(
        "durationSeconds",
        durationText,
        "Member must have value between 900 and 43200",
      );
    }

    const role = roles.get(roleArn);
    // STS answers the same AccessDenied for a missing role, a role that does
    // not trust the caller and a wrong external ID, so as not to reveal which.
    const denied = new StsError(
      403,
      "AccessDenied",
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
    if (!role) throw denied;
    const trusted =
      !role.trustedPrincipals ||
      role.trustedPrincipals.includes(caller.arn) ||
      role.trustedPrincipals.includes(`arn:aws:iam::${accountOf(caller.arn)}:root`);
    if (!trusted) throw denied;
    if (role.externalId !== undefined && externalId !== role.externalId) throw denied;
    if (duration > (role.maxSessionDurationSeconds ?? 3600)) {
      throw new StsError(
        400,
        "ValidationError",
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
      );
    }

    const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
    const credentials: IssuedCredentials = {
      accessKeyId: awsId("ASIA", 16),
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(96).toString("base64"),
      expiration: new Date(Math.floor(now().getTime() / 1000) * 1000 + duration * 1000),
      roleArn,
      roleSessionName: sessionName,
      assumedRoleArn: `arn:aws:sts::${accountOf(roleArn)}:assumed-role/${roleName}/${sessionName}`,
      externalId,
      callerArn: caller.arn,
    };
    issued.push(credentials);
    await options.onIssue?.(credentials);

    return `<AssumeRoleResponse xmlns="${NAMESPACE}">
  <AssumeRoleResult>
    <AssumedRoleUser>
      <AssumedRoleId>${xmlEscape(`${roleId(roleArn)}:${sessionName}`)}</AssumedRoleId>
      <Arn>${xmlEscape(credentials.assumedRoleArn)}</Arn>
    </AssumedRoleUser>
    <Credentials>
      <AccessKeyId>${credentials.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${xmlEscape(credentials.secretAccessKey)}</SecretAccessKey>
      <SessionToken>${xmlEscape(credentials.sessionToken)}</SessionToken>
      <Expiration>${credentials.expiration.toISOString().replace(".000Z", "Z")}</Expiration>
    </Credentials>
  </AssumeRoleResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</AssumeRoleResponse>
`;
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const requestId = randomUUID();
    const url = new URL(request.url ?? "/", "http://sts.local");
    const params = new URLSearchParams(url.search);
    if (request.method === "POST") {
      for (const [key, value] of new URLSearchParams(await readBody(request))) {
        params.set(key, value);
      }
    }
    const action = params.get("Action") ?? "";
    const log: StsRequestLog = {
      action,
      accessKeyId: accessKeyIdFrom(request),
      roleArn: params.get("RoleArn") ?? undefined,
      externalId: params.get("ExternalId") ?? undefined,
      outcome: "ok",
    };
    requests.push(log);

    try {
      if (action !== "AssumeRole" || params.get("Version") !== API_VERSION) {
        throw new StsError(
          400,
          "InvalidAction",
          `Could not find operation ${action || "(none)"} for version ${params.get("Version") ?? "(none)"}`,
        );
      }
      const body = await assumeRole(params, log.accessKeyId);
      response.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId });
      response.end(body);
    } catch (error) {
      const failure =
        error instanceof StsError
          ? error
          : new StsError(500, "InternalFailure", "The request processing has failed.", "Receiver");
      log.outcome = failure.code;
      response.writeHead(failure.status, {
        "content-type": "text/xml",
        "x-amzn-requestid": requestId,
      });
      response.end(`<ErrorResponse xmlns="${NAMESPACE}">
  <Error>
    <Type>${failure.type}</Type>
    <Code>${failure.code}</Code>
    <Message>${xmlEscape(failure.message)}</Message>
  </Error>
  <RequestId>${requestId}</RequestId>
</ErrorResponse>
`);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    issued,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // The SDK keeps connections alive; close them or close() waits on them.
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
