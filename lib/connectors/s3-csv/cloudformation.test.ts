import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import YAML from "yaml";
import {
  bucketNotificationSteps,
  buildCloudFormationTemplate,
  cloudFormationFileName,
  cloudFormationInputSchema,
  FORWARDER_RUNTIME,
  renderCloudFormationTemplate,
  type CloudFormationInput,
} from "./cloudformation";
import { FORWARDER_SOURCE } from "./cloudformation-forwarder";

const run = promisify(execFile);
const repoRoot = resolve(__dirname, "../../..");
const cfnLintCli = join(repoRoot, "node_modules/cfn-lint/lib/index.js");
const cfnLintSpec = join(repoRoot, "node_modules/cfn-lint/data/aws_resources_specification.json");

const base: CloudFormationInput = {
  sluiceUrl: "https://sluice.example.com/",
  connectorId: "cn_01HZX3",
  bucket: "acme-security-exports",
  prefix: "qualys/daily/",
};

const settings: { name: string; input: CloudFormationInput }[] = [
  { name: "sqs, plain prefix", input: base },
  {
    name: "sqs, prefix with spaces and unicode",
    input: { ...base, prefix: "exports Q3/Zürich 日本/" },
  },
  { name: "sqs, no prefix", input: { ...base, prefix: "" } },
  { name: "sqs, YAML 1.1 look-alike prefix", input: { ...base, prefix: "on" } },
  {
    name: "sqs, non-default sizes",
    input: { ...base, batchSize: 3, reservedConcurrency: 20, maxReceiveCount: 9 },
  },
  { name: "direct, prefix with spaces", input: { ...base, variant: "direct", prefix: "a b/" } },
  { name: "direct, no prefix", input: { ...base, variant: "direct", prefix: "" } },
];

type Doc = {
  AWSTemplateFormatVersion: string;
  Description: string;
  Parameters: Record<string, Record<string, unknown>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Resources: Record<string, { Type: string; DependsOn?: string[]; Properties: any }>;
  Outputs: Record<string, { Value: unknown }>;
};

function parse(input: CloudFormationInput): Doc {
  return YAML.parse(renderCloudFormationTemplate(input)) as Doc;
}

function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

let work: string;
let preload: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "sluice-cfn-"));
  // The npm cfn-lint bundles a 2019 resource specification, older than
  // FunctionResponseTypes (added to Lambda in late 2020). Rather than accept
  // a failing lint, the CLI runs with that one property added to its
  // in-memory copy of the specification; everything else is checked as
  // shipped. The test "stale specification" below pins this gap down.
  preload = join(work, "cfn-lint-spec-patch.cjs");
  await writeFile(
    preload,
    `const spec = require(${JSON.stringify(cfnLintSpec)});
const props = spec.ResourceTypes["AWS::Lambda::EventSourceMapping"].Properties;
if (!props.FunctionResponseTypes) {
  props.FunctionResponseTypes = { PrimitiveItemType: "String", Type: "List", Required: false, UpdateType: "Mutable",
    Documentation: "http://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html" };
}
`,
  );
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function cfnLint(yaml: string, options: { patched: boolean }) {
  const file = join(work, `t-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, yaml);
  const args = options.patched
    ? ["--require", preload, cfnLintCli, "validate", file]
    : [cfnLintCli, "validate", file];
  try {
    const { stdout, stderr } = await run(process.execPath, args);
    return { ok: true, output: stripAnsi(stdout + stderr) };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: stripAnsi(`${failed.stdout ?? ""}${failed.stderr ?? ""}`) };
  }
}

describe("cfn-lint validate", () => {
  it.each(settings)("accepts the template: $name", async ({ input }) => {
    const result = await cfnLint(renderCloudFormationTemplate(input), { patched: true });
    expect(result.output).toContain("0 crit");
    expect(result.output).toContain("Template valid!");
    expect(result.ok).toBe(true);
  });

  it("rejects a broken template (the lint is not a no-op)", async () => {
    const template = buildCloudFormationTemplate(base) as Doc;
    delete template.Resources.ForwarderFunction.Properties.Role;
    template.Resources.EventQueue.Properties.VisibilityTimeout = "soon";
    const result = await cfnLint(YAML.stringify(template), { patched: true });
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Required property Role missing/);
    expect(result.output).toMatch(/VisibilityTimeout/);
  });

  it("stale specification: unpatched, FunctionResponseTypes is the only complaint", async () => {
    const result = await cfnLint(renderCloudFormationTemplate(base), { patched: false });
    expect(result.ok).toBe(false);
    expect(result.output).toContain("1 crit");
    expect(result.output).toContain(
      "FunctionResponseTypes is not a valid property of AWS::Lambda::EventSourceMapping",
    );
  });
});

describe("template structure (SQS variant)", () => {
  const doc = parse(base);
  const r = doc.Resources;

  it("declares every parameter with the connector's values as defaults", () => {
    expect(Object.keys(doc.Parameters).sort()).toEqual(
      [
        "BatchSize",
        "BucketName",
        "ConnectorId",
        "IntakeToken",
        "MaxReceiveCount",
        "Prefix",
        "ReservedConcurrency",
        "SluiceUrl",
      ].sort(),
    );
    expect(doc.Parameters.SluiceUrl.Default).toBe("https://sluice.example.com");
    expect(doc.Parameters.ConnectorId.Default).toBe("cn_01HZX3");
    expect(doc.Parameters.BucketName.Default).toBe("acme-security-exports");
    expect(doc.Parameters.Prefix.Default).toBe("qualys/daily/");
    expect(doc.Parameters.BatchSize.Default).toBe(10);
    expect(doc.Parameters.ReservedConcurrency.Default).toBe(5);
    expect(doc.Parameters.MaxReceiveCount.Default).toBe(5);
  });

  it("hides the intake token and ships no default for it", () => {
    expect(doc.Parameters.IntakeToken.NoEcho).toBe(true);
    expect(doc.Parameters.IntakeToken).not.toHaveProperty("Default");
  });

  it("redrives to the dead-letter queue after MaxReceiveCount deliveries", () => {
    expect(r.EventQueue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] },
      maxReceiveCount: { Ref: "MaxReceiveCount" },
    });
    expect(r.EventQueue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * r.ForwarderFunction.Properties.Timeout,
    );
    expect(r.DeadLetterQueue.Properties.MessageRetentionPeriod).toBeGreaterThan(
      r.EventQueue.Properties.MessageRetentionPeriod,
    );
  });

  it("lets only S3, for this bucket in this account, send to the queue", () => {
    const [statement, ...others] = r.EventQueuePolicy.Properties.PolicyDocument.Statement;
    expect(others).toEqual([]);
    expect(statement).toMatchObject({
      Effect: "Allow",
      Principal: { Service: "s3.amazonaws.com" },
      Action: "sqs:SendMessage",
      Resource: { "Fn::GetAtt": ["EventQueue", "Arn"] },
    });
    expect(statement.Condition).toEqual({
      ArnLike: {
        "aws:SourceArn": {
          "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":s3:::", { Ref: "BucketName" }]],
        },
      },
      StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } },
    });
  });

  it("maps the queue to the function with partial batch failure reporting", () => {
    expect(r.ForwarderEventSourceMapping.Properties).toEqual({
      EventSourceArn: { "Fn::GetAtt": ["EventQueue", "Arn"] },
      FunctionName: { Ref: "ForwarderFunction" },
      BatchSize: { Ref: "BatchSize" },
      Enabled: true,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
    });
    expect(r.ForwarderEventSourceMapping.DependsOn).toEqual(["ForwarderLogPolicy"]);
  });

  it("runs inline Node.js code with capped concurrency and its configuration", () => {
    const fn = r.ForwarderFunction.Properties;
    expect(fn.Runtime).toBe(FORWARDER_RUNTIME);
    expect(["nodejs20.x", "nodejs22.x"]).toContain(fn.Runtime);
    expect(fn.Handler).toBe("index.handler");
    expect(fn.ReservedConcurrentExecutions).toEqual({ Ref: "ReservedConcurrency" });
    expect(fn.Code.ZipFile).toBe(FORWARDER_SOURCE);
    expect(fn.Environment.Variables).toEqual({
      SLUICE_URL: { Ref: "SluiceUrl" },
      CONNECTOR_ID: { Ref: "ConnectorId" },
      INTAKE_TOKEN: { Ref: "IntakeToken" },
      KEY_PREFIX: { Ref: "Prefix" },
    });
    // The historical inline-code limit; staying under it avoids surprises.
    expect(Buffer.byteLength(FORWARDER_SOURCE)).toBeLessThan(4096);
  });

  it("gives the function role only queue consumption and its own logs", () => {
    const role = r.ForwarderRole.Properties;
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "lambda.amazonaws.com" },
        Action: "sts:AssumeRole",
      },
    ]);
    const statements = role.Policies.flatMap(
      (p: { PolicyDocument: { Statement: unknown[] } }) => p.PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      {
        Effect: "Allow",
        Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        Resource: { "Fn::GetAtt": ["EventQueue", "Arn"] },
      },
    ]);
    const logs = r.ForwarderLogPolicy.Properties;
    expect(logs.Roles).toEqual([{ Ref: "ForwarderRole" }]);
    expect(logs.PolicyDocument.Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: {
          "Fn::Sub":
            "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${ForwarderLogGroup}:*",
        },
      },
    ]);
    expect(r.ForwarderLogGroup.Properties.LogGroupName).toEqual({
      "Fn::Sub": "/aws/lambda/${ForwarderFunction}",
    });
    const everyAction = JSON.stringify(doc.Resources);
    expect(everyAction).not.toMatch(/"(sqs|logs|s3|lambda):\*"|"\*"/);
  });

  it("outputs what the bucket notification needs", () => {
    expect(doc.Outputs).toMatchObject({
      QueueArn: { Value: { "Fn::GetAtt": ["EventQueue", "Arn"] } },
      QueueUrl: { Value: { Ref: "EventQueue" } },
      DeadLetterQueueArn: { Value: { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] } },
      FunctionName: { Value: { Ref: "ForwarderFunction" } },
    });
  });

  it("keeps YAML 1.1 look-alikes as strings", () => {
    const yaml = renderCloudFormationTemplate({ ...base, prefix: "on", connectorId: "yes" });
    expect(yaml).toContain('AWSTemplateFormatVersion: "2010-09-09"');
    expect(yaml).toMatch(/Default: "on"/);
    expect(yaml).toMatch(/Default: "yes"/);
    const unicode = parse({ ...base, prefix: "exports Q3/Zürich 日本/" });
    expect(unicode.Parameters.Prefix.Default).toBe("exports Q3/Zürich 日本/");
  });
});

describe("template structure (direct variant)", () => {
  const input: CloudFormationInput = { ...base, variant: "direct" };
  const yaml = renderCloudFormationTemplate(input);
  const doc = YAML.parse(yaml) as Doc;

  it("is marked as not burst-safe in the Description and in a comment", () => {
    expect(doc.Description).toContain("NOT burst-safe");
    expect(yaml.split("\n")[0].startsWith("#")).toBe(true);
    expect(yaml.slice(0, yaml.indexOf("AWSTemplateFormatVersion"))).toContain("NOT burst-safe");
  });

  it("has no queue to batch from, but a dead-letter queue and an S3 invoke permission", () => {
    expect(doc.Resources).not.toHaveProperty("EventQueue");
    expect(doc.Resources).not.toHaveProperty("ForwarderEventSourceMapping");
    expect(doc.Parameters).not.toHaveProperty("BatchSize");
    expect(doc.Parameters.IntakeToken.NoEcho).toBe(true);
    expect(doc.Resources.ForwarderFunction.Properties.DeadLetterConfig).toEqual({
      TargetArn: { "Fn::GetAtt": ["DeadLetterQueue", "Arn"] },
    });
    expect(doc.Resources.ForwarderInvokePermission.Properties).toMatchObject({
      Action: "lambda:InvokeFunction",
      Principal: "s3.amazonaws.com",
      SourceAccount: { Ref: "AWS::AccountId" },
    });
    expect(Object.keys(doc.Outputs).sort()).toEqual(
      ["DeadLetterQueueArn", "FunctionArn", "FunctionName"].sort(),
    );
  });
});

describe("input", () => {
  it.each([
    [{ sluiceUrl: "http://sluice.example.com" }, /https/],
    [{ sluiceUrl: "not a url" }, /https/],
    [{ connectorId: "a/b" }, /connector ID/],
    [{ bucket: "Bad_Bucket" }, /bucket name/i],
    [{ batchSize: 11 }, /10/],
    [{ reservedConcurrency: 0 }, /1/],
    [{ reservedConcurrency: 4 }, /at least 5/],
  ])("refuses %j", (change, message) => {
    const result = cloudFormationInputSchema.safeParse({ ...base, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(message);
  });

  it("allows a reserved concurrency below 5 only without a queue", () => {
    const direct = parse({ ...base, variant: "direct", reservedConcurrency: 2 });
    expect(direct.Parameters.ReservedConcurrency).toMatchObject({ Default: 2, MinValue: 1 });
    expect(parse(base).Parameters.ReservedConcurrency.MinValue).toBe(5);
  });

  it("names the file after the connector and variant", () => {
    expect(cloudFormationFileName(base)).toBe("sluice-cn_01HZX3-sqs.yaml");
    expect(cloudFormationFileName({ ...base, variant: "direct" })).toBe(
      "sluice-cn_01HZX3-direct.yaml",
    );
  });
});

describe("bucket notification steps", () => {
  const values = (steps: ReturnType<typeof bucketNotificationSteps>) =>
    Object.fromEntries(steps.flatMap((s) => s.values.map((v) => [v.label, v.value])));

  it("walks through the notification for the SQS variant in order", () => {
    const steps = bucketNotificationSteps(base);
    const titles = steps.map((s) => s.title);
    expect(titles.indexOf("Copy the destination from the stack outputs")).toBeLessThan(
      titles.indexOf("Send the events to the queue"),
    );
    expect(values(steps)).toMatchObject({
      Bucket: "acme-security-exports",
      Prefix: "qualys/daily/",
      Suffix: ".csv",
      "Event types": "s3:ObjectCreated:*",
      Destination: "SQS queue",
      Output: "QueueArn",
    });
    for (const step of steps) expect(step.detail.length).toBeGreaterThan(20);
  });

  it("points the direct variant at the function and explains an empty prefix", () => {
    const steps = bucketNotificationSteps({ ...base, variant: "direct", prefix: "" });
    expect(values(steps)).toMatchObject({
      Prefix: "",
      Destination: "Lambda function",
      Output: "FunctionArn",
    });
    expect(steps.map((s) => s.detail).join(" ")).toContain("Leave Prefix empty");
  });
});

// --- The inline forwarder, run for real against a local receiver ----------

type Received = { path: string; headers: IncomingMessage["headers"]; body: unknown };

describe("inline forwarder code", () => {
  const requireFromHere = createRequire(__filename);
  let server: Server;
  let received: Received[] = [];
  let sluiceUrl: string;
  type Handler = (event: unknown) => Promise<{ batchItemFailures?: { itemIdentifier: string }[] }>;
  const handlers: Record<string, Handler> = {};

  beforeAll(async () => {
    // 202 for most batches, 500 when any key mentions "reject": the
    // forwarder must report exactly those messages as failed.
    server = createServer((req, res) => {
      let text = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => {
        const body = JSON.parse(text);
        received.push({ path: req.url ?? "", headers: req.headers, body });
        const reject = JSON.stringify(body).includes("reject");
        res.writeHead(reject ? 500 : 202, { "content-type": "application/json" });
        res.end(reject ? '{"error":"boom"}' : '{"accepted":true}');
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    sluiceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

    // Extract the code from the generated YAML, as a customer's stack would.
    for (const variant of ["sqs", "direct"] as const) {
      const doc = parse({ ...base, variant });
      await mkdir(join(work, `forwarder-${variant}`));
      const file = join(work, `forwarder-${variant}`, "index.js");
      await writeFile(file, doc.Resources.ForwarderFunction.Properties.Code.ZipFile);
      handlers[variant] = requireFromHere(file).handler;
    }
  });

  afterEach(() => {
    received = [];
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  function useEnv(prefix = "qualys/daily/", url = sluiceUrl) {
    vi.stubEnv("SLUICE_URL", url);
    vi.stubEnv("CONNECTOR_ID", "cn_01HZX3");
    vi.stubEnv("INTAKE_TOKEN", "tok_abcdefghijklmnop");
    vi.stubEnv("KEY_PREFIX", prefix);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  }

  function s3Record(encodedKey: string, eventName = "ObjectCreated:Put") {
    return {
      eventVersion: "2.1",
      eventSource: "aws:s3",
      awsRegion: "eu-west-1",
      eventTime: "2026-11-23T10:00:00.000Z",
      eventName,
      s3: {
        s3SchemaVersion: "1.0",
        bucket: { name: "acme-security-exports", arn: "arn:aws:s3:::acme-security-exports" },
        object: { key: encodedKey, size: 12, eTag: "0123abcd", sequencer: "0065A1B2C3" },
      },
    };
  }

  function sqsMessage(messageId: string, body: unknown) {
    return {
      messageId,
      receiptHandle: `rh-${messageId}`,
      body: typeof body === "string" ? body : JSON.stringify(body),
      attributes: { ApproximateReceiveCount: "1" },
      messageAttributes: {},
      eventSource: "aws:sqs",
      eventSourceARN: "arn:aws:sqs:eu-west-1:111122223333:sluice-events",
      awsRegion: "eu-west-1",
    };
  }

  it("posts each message's records and reports exactly the refused messages", async () => {
    useEnv();
    const spaced = "qualys/daily/Q3+r%C3%A9sum%C3%A9+100%25+a%2Bb.csv";
    const event = {
      Records: [
        sqsMessage("m-ok-1", { Records: [s3Record("qualys/daily/hosts.csv")] }),
        sqsMessage("m-reject-1", { Records: [s3Record("qualys/daily/reject-me.csv")] }),
        sqsMessage("m-ok-2", { Records: [s3Record(spaced)] }),
        sqsMessage("m-sns", {
          Type: "Notification",
          TopicArn: "arn:aws:sns:eu-west-1:111122223333:uploads",
          Message: JSON.stringify({ Records: [s3Record("qualys/daily/via-sns.CSV")] }),
        }),
        sqsMessage("m-test", {
          Service: "Amazon S3",
          Event: "s3:TestEvent",
          Bucket: "acme-security-exports",
        }),
        sqsMessage("m-garbage", "this is not json"),
        sqsMessage("m-reject-2", {
          Records: [s3Record("qualys/daily/a.csv"), s3Record("qualys/daily/reject+2.csv")],
        }),
      ],
    };

    const result = await handlers.sqs(event);

    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: "m-reject-1" },
      { itemIdentifier: "m-garbage" },
      { itemIdentifier: "m-reject-2" },
    ]);
    // One POST per message with records; nothing for the test event or garbage.
    expect(received).toHaveLength(5);
    for (const request of received) {
      expect(request.path).toBe("/api/v1/connectors/cn_01HZX3/events");
      expect(request.headers.authorization).toBe("Bearer tok_abcdefghijklmnop");
      expect(request.headers["content-type"]).toBe("application/json");
    }
    const keys = received.flatMap((r) =>
      (r.body as { Records: { s3: { object: { key: string } } }[] }).Records.map(
        (record) => record.s3.object.key,
      ),
    );
    expect(keys).toContain(spaced);
    expect(keys).toContain("qualys/daily/via-sns.CSV");
    const forwarded = received.find((r) => JSON.stringify(r.body).includes("r%C3%A9sum"));
    expect(forwarded?.body).toEqual({ Records: [s3Record(spaced)] });
  });

  it("skips records outside the prefix, non-CSV keys and non-create events", async () => {
    useEnv("qualys/daily/");
    const result = await handlers.sqs({
      Records: [
        sqsMessage("m-1", {
          Records: [
            s3Record("other/hosts.csv"),
            s3Record("qualys/daily/readme.txt"),
            s3Record("qualys/daily/old.csv", "ObjectRemoved:Delete"),
            s3Record("qualys/daily/kept.csv", "ObjectCreated:CompleteMultipartUpload"),
          ],
        }),
        sqsMessage("m-2", { Records: [s3Record("qualys/daily/gone.csv", "ObjectRemoved:Delete")] }),
      ],
    });
    expect(result.batchItemFailures).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0].body).toEqual({
      Records: [s3Record("qualys/daily/kept.csv", "ObjectCreated:CompleteMultipartUpload")],
    });
  });

  it("reports every message when Sluice cannot be reached", async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, "127.0.0.1", done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    useEnv("", `http://127.0.0.1:${port}`);
    const result = await handlers.sqs({
      Records: [
        sqsMessage("a", { Records: [s3Record("x.csv")] }),
        sqsMessage("b", { Records: [s3Record("y.csv")] }),
      ],
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "a" }, { itemIdentifier: "b" }]);
  });

  it("direct variant: posts the S3 records and throws when Sluice refuses", async () => {
    useEnv("");
    await expect(handlers.direct({ Records: [s3Record("in+root.csv")] })).resolves.toEqual({});
    expect(received.map((r) => r.body)).toEqual([{ Records: [s3Record("in+root.csv")] }]);
    await expect(handlers.direct({ Records: [s3Record("reject.csv")] })).rejects.toThrow(
      "HTTP 500",
    );
    await expect(handlers.direct({ nothing: true })).rejects.toThrow("no Records");
  });
});
