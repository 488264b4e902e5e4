import { AssumeRoleCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStsServer, type IssuedCredentials, type StsServer } from "./sts-server";

const SLUICE_USER = "arn:aws:iam::999988887777:user/sluice";
const ROLE = "arn:aws:iam::123456789012:role/SluiceCsvReader";
const PATH_ROLE = "arn:aws:iam::123456789012:role/team/etl/SluiceReader";
const UNTRUSTING_ROLE = "arn:aws:iam::123456789012:role/OnlyTrustsOthers";
const EXTERNAL_ID = "sluice-4f9c2B_xq0ZJtLr8Wm3nKd1Hs7Ye5Ua6";

let sts: StsServer;
const notified: IssuedCredentials[] = [];

beforeAll(async () => {
  sts = await startStsServer({
    callers: [{ accessKeyId: "AKIASLUICETEST000001", arn: SLUICE_USER }],
    roles: [
      { roleArn: ROLE, externalId: EXTERNAL_ID, trustedPrincipals: [SLUICE_USER] },
      // Trusting the whole account covers every identity in it.
      {
        roleArn: PATH_ROLE,
        externalId: EXTERNAL_ID,
        trustedPrincipals: ["arn:aws:iam::999988887777:root"],
        maxSessionDurationSeconds: 7200,
      },
      { roleArn: UNTRUSTING_ROLE, trustedPrincipals: ["arn:aws:iam::111111111111:root"] },
    ],
    onIssue: (credentials) => {
      notified.push(credentials);
    },
  });
});

afterAll(async () => {
  await sts?.stop();
});

function client(accessKeyId = "AKIASLUICETEST000001") {
  return new STSClient({
    endpoint: sts.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId, secretAccessKey: "caller-secret-not-checked" },
    maxAttempts: 1,
  });
}

async function failure(promise: Promise<unknown>): Promise<STSServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(STSServiceException);
    return error as STSServiceException;
  }
  throw new Error("expected the call to fail");
}

describe("STS test server with @aws-sdk/client-sts", () => {
  it("issues temporary credentials for the right role and external ID", async () => {
    const before = Date.now();
    const result = await client().send(
      new AssumeRoleCommand({
        RoleArn: ROLE,
        RoleSessionName: "sluice-connector-42",
        ExternalId: EXTERNAL_ID,
        DurationSeconds: 900,
      }),
    );

    const credentials = result.Credentials!;
    expect(credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.SecretAccessKey).toBeTruthy();
    expect(credentials.SessionToken!.length).toBeGreaterThan(100);
    expect(credentials.Expiration).toBeInstanceOf(Date);
    // STS reports whole seconds, so the bounds are taken at second precision.
    const expires = credentials.Expiration!.getTime();
    expect(expires).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 900_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 900_000);
    expect(expires % 1000).toBe(0);
    expect(result.AssumedRoleUser).toEqual({
      Arn: "arn:aws:sts::123456789012:assumed-role/SluiceCsvReader/sluice-connector-42",
      AssumedRoleId: expect.stringMatching(/^AROA[A-Z0-9]{17}:sluice-connector-42$/),
    });
    expect(result.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const issued = sts.issued.at(-1)!;
    expect(issued).toMatchObject({
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      roleArn: ROLE,
      externalId: EXTERNAL_ID,
      callerArn: SLUICE_USER,
    });
    expect(notified.at(-1)).toBe(issued);
  });

  it("trusts every identity of an account trusted as root, and roles with paths", async () => {
    const result = await client().send(
      new AssumeRoleCommand({
        RoleArn: PATH_ROLE,
        RoleSessionName: "s2",
        ExternalId: EXTERNAL_ID,
        DurationSeconds: 7200,
      }),
    );
    expect(result.AssumedRoleUser?.Arn).toBe(
      "arn:aws:sts::123456789012:assumed-role/SluiceReader/s2",
    );
  });

  it.each([
    ["a wrong external ID", ROLE, "sluice-wrong"],
    ["no external ID", ROLE, undefined],
    ["an unknown role", "arn:aws:iam::123456789012:role/DoesNotExist", EXTERNAL_ID],
    ["a role that does not trust the caller", UNTRUSTING_ROLE, undefined],
  ])("refuses %s with AccessDenied", async (_, roleArn, externalId) => {
    const before = sts.issued.length;
    const error = await failure(
      client().send(
        new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: "s1", ExternalId: externalId }),
      ),
    );
    expect(error.name).toBe("AccessDenied");
    expect(error.$fault).toBe("client");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      `User: ${SLUICE_USER} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
    expect(sts.issued.length).toBe(before);
    expect(sts.requests.at(-1)).toMatchObject({ roleArn, outcome: "AccessDenied" });
  });

  it("refuses an unknown caller key with InvalidClientTokenId", async () => {
    const error = await failure(
      client("AKIAUNKNOWN000000000").send(
        new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "s1", ExternalId: EXTERNAL_ID }),
      ),
    );
    expect(error.name).toBe("InvalidClientTokenId");
    expect(error.$metadata.httpStatusCode).toBe(403);
    expect(error.message).toBe("The security token included in the request is invalid.");
  });

  it.each([
    [{ RoleSessionName: "x" }, /roleSessionName/],
    [{ RoleSessionName: "has space" }, /roleSessionName/],
    [{ DurationSeconds: 60 }, /durationSeconds.*between 900 and 43200/],
    [{ DurationSeconds: 7200 }, /exceeds the MaxSessionDuration/],
  ])("refuses invalid input %j with ValidationError", async (change, message) => {
    const error = await failure(
      client().send(
        new AssumeRoleCommand({
          RoleArn: ROLE,
          RoleSessionName: "valid-session",
          ExternalId: EXTERNAL_ID,
          ...change,
        }),
      ),
    );
    expect(error.name).toBe("ValidationError");
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(message);
  });
});

describe("STS test server on the wire", () => {
  it("answers the Query protocol's ErrorResponse XML for an unknown action", async () => {
    const response = await fetch(sts.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetFederationToken&Version=2011-06-15",
    });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(xml).toMatch(
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/,
    );
    expect(xml).toContain("<Type>Sender</Type>");
    expect(xml).toContain("<Code>InvalidAction</Code>");
    expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  it("requires authentication", async () => {
    const response = await fetch(sts.endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        Action: "AssumeRole",
        Version: "2011-06-15",
        RoleArn: ROLE,
        RoleSessionName: "s1",
      }).toString(),
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>MissingAuthenticationToken</Code>");
  });
});
