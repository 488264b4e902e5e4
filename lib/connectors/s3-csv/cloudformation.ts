import YAML from "yaml";
import { z } from "zod";
import { FORWARDER_HANDLER, FORWARDER_SOURCE } from "./cloudformation-forwarder";
import { bucketNameSchema, keyPrefixSchema } from "./policies";

// The downloadable template for event-driven runs of an s3-csv connector.
//
// The recommended variant puts an SQS queue between S3 and the forwarder
// Lambda: a burst of thousands of uploads then waits in the queue instead of
// throttling Lambda, reserved concurrency caps how hard Sluice is hit, and
// messages Sluice keeps refusing end up in a dead-letter queue the customer
// can inspect and redrive. The direct variant (S3 invokes Lambda) is kept for
// small buckets and is labelled as not burst-safe.
//
// CloudFormation can only attach a notification to a bucket the stack owns,
// so the bucket side is a list of console steps (bucketNotificationSteps).

export const FORWARDER_RUNTIME = "nodejs22.x";
const FORWARDER_TIMEOUT_SECONDS = 30;
// AWS advises a queue visibility timeout of at least six times the function
// timeout, so a retried batch is not delivered twice while still in flight.
const QUEUE_VISIBILITY_TIMEOUT_SECONDS = FORWARDER_TIMEOUT_SECONDS * 6;
const QUEUE_RETENTION_SECONDS = 4 * 24 * 3600;
// Longer than the source queue, so a message's age never expires it on arrival.
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
const LOG_RETENTION_DAYS = 30;

export const templateVariants = ["sqs", "direct"] as const;
export type TemplateVariant = (typeof templateVariants)[number];

// Lambda polls an SQS queue with about five concurrent batches from the
// start; a smaller reserved concurrency throttles those pollers, and every
// throttled receive counts towards MaxReceiveCount, pushing healthy messages
// into the dead-letter queue during a burst.
const MIN_SQS_CONCURRENCY = 5;

export const cloudFormationInputSchema = z
  .object({
    sluiceUrl: z
      .url({
        protocol: /^https$/,
        error: "Sluice's URL must be an https:// URL reachable from AWS.",
      })
      .transform((url) => url.replace(/\/+$/, "")),
    connectorId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, "A connector ID is 1–64 letters, digits, _ or -."),
    bucket: bucketNameSchema,
    prefix: keyPrefixSchema.default(""),
    // More than 10 messages per batch needs a batching window on standard
    // queues; 10 keeps each invocation short and each retry small.
    batchSize: z.number().int().min(1).max(10).default(10),
    reservedConcurrency: z.number().int().min(1).max(1000).default(5),
    maxReceiveCount: z.number().int().min(1).max(1000).default(5),
    variant: z.enum(templateVariants).default("sqs"),
  })
  .superRefine((value, ctx) => {
    if (value.variant === "sqs" && value.reservedConcurrency < MIN_SQS_CONCURRENCY) {
      ctx.addIssue({
        code: "custom",
        path: ["reservedConcurrency"],
        message: `With a queue, reserved concurrency must be at least ${MIN_SQS_CONCURRENCY}: fewer throttles Lambda's pollers and sends messages to the dead-letter queue.`,
      });
    }
  });
export type CloudFormationInput = z.input<typeof cloudFormationInputSchema>;
type Settings = z.output<typeof cloudFormationInputSchema>;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Template = { [key: string]: Json };

const ref = (name: string) => ({ Ref: name });
const getAtt = (resource: string, attribute: string) => ({ "Fn::GetAtt": [resource, attribute] });
const sub = (text: string) => ({ "Fn::Sub": text });

function parameters(settings: Settings): Template {
  const common: Template = {
    SluiceUrl: {
      Type: "String",
      Description: "Base URL of the Sluice console; the function posts events to it.",
      Default: settings.sluiceUrl,
      AllowedPattern: "^https://.+",
    },
    ConnectorId: {
      Type: "String",
      Description: "The Sluice connector that receives the events.",
      Default: settings.connectorId,
      AllowedPattern: "^[A-Za-z0-9_-]{1,64}$",
    },
    IntakeToken: {
      Type: "String",
      Description: "The intake token Sluice showed when this template was downloaded.",
      NoEcho: true,
      MinLength: 16,
    },
    BucketName: {
      Type: "String",
      Description: "The existing bucket whose uploads start connector runs.",
      Default: settings.bucket,
    },
    Prefix: {
      Type: "String",
      Description: "Only keys starting with this prefix are forwarded (empty: whole bucket).",
      Default: settings.prefix,
    },
    ReservedConcurrency: {
      Type: "Number",
      Description: "Upper bound on simultaneous forwarder invocations.",
      Default: settings.reservedConcurrency,
      MinValue: settings.variant === "sqs" ? MIN_SQS_CONCURRENCY : 1,
      MaxValue: 1000,
    },
  };
  if (settings.variant === "direct") return common;
  return {
    ...common,
    BatchSize: {
      Type: "Number",
      Description: "Queue messages handed to one invocation.",
      Default: settings.batchSize,
      MinValue: 1,
      MaxValue: 10,
    },
    MaxReceiveCount: {
      Type: "Number",
      Description: "Deliveries of a message before it moves to the dead-letter queue.",
      Default: settings.maxReceiveCount,
      MinValue: 1,
      MaxValue: 1000,
    },
  };
}

function forwarderFunction(extra: Template): Template {
  return {
    Type: "AWS::Lambda::Function",
    Properties: {
      Description: "Forwards S3 upload events to Sluice",
      Runtime: FORWARDER_RUNTIME,
      Handler: FORWARDER_HANDLER,
      Role: getAtt("ForwarderRole", "Arn"),
      Timeout: FORWARDER_TIMEOUT_SECONDS,
      MemorySize: 128,
      ReservedConcurrentExecutions: ref("ReservedConcurrency"),
      // The token is readable by whoever may read this function's
      // configuration in the customer's account; it only grants posting
      // events for this one connector.
      Environment: {
        Variables: {
          SLUICE_URL: ref("SluiceUrl"),
          CONNECTOR_ID: ref("ConnectorId"),
          INTAKE_TOKEN: ref("IntakeToken"),
          KEY_PREFIX: ref("Prefix"),
        },
      },
      Code: { ZipFile: FORWARDER_SOURCE },
      ...extra,
    },
  };
}

// Declared as the function's default log group so that it has a retention
// and the role can be limited to it. A separate policy resource avoids the
// cycle role → log group → function → role.
const logResources: Template = {
  ForwarderLogGroup: {
    Type: "AWS::Logs::LogGroup",
    Properties: {
      LogGroupName: sub("/aws/lambda/${ForwarderFunction}"),
      RetentionInDays: LOG_RETENTION_DAYS,
    },
  },
  ForwarderLogPolicy: {
    Type: "AWS::IAM::Policy",
    Properties: {
      PolicyName: "write-own-logs",
      Roles: [ref("ForwarderRole")],
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: sub(
              "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${ForwarderLogGroup}:*",
            ),
          },
        ],
      },
    },
  },
};

function forwarderRole(statements: Json[]): Template {
  return {
    Type: "AWS::IAM::Role",
    Properties: {
      AssumeRolePolicyDocument: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      },
      Policies: [
        {
          PolicyName: "forwarder-queues",
          PolicyDocument: { Version: "2012-10-17", Statement: statements },
        },
      ],
    },
  };
}

// Fn::Join rather than Fn::Sub: the JavaScript cfn-lint used in the tests
// resolves Sub placeholders incorrectly and would then reject the ARN.
const bucketArn = {
  "Fn::Join": ["", ["arn:", ref("AWS::Partition"), ":s3:::", ref("BucketName")]],
};

function sqsResources(): Template {
  return {
    DeadLetterQueue: {
      Type: "AWS::SQS::Queue",
      Properties: { MessageRetentionPeriod: DEAD_LETTER_RETENTION_SECONDS },
    },
    EventQueue: {
      Type: "AWS::SQS::Queue",
      Properties: {
        VisibilityTimeout: QUEUE_VISIBILITY_TIMEOUT_SECONDS,
        MessageRetentionPeriod: QUEUE_RETENTION_SECONDS,
        RedrivePolicy: {
          deadLetterTargetArn: getAtt("DeadLetterQueue", "Arn"),
          maxReceiveCount: ref("MaxReceiveCount"),
        },
      },
    },
    // Only S3, only for this bucket, only when the bucket is in this account:
    // without the account condition a bucket of the same name elsewhere
    // (after deletion and re-creation) could write to the queue.
    EventQueuePolicy: {
      Type: "AWS::SQS::QueuePolicy",
      Properties: {
        Queues: [ref("EventQueue")],
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowBucketNotifications",
              Effect: "Allow",
              Principal: { Service: "s3.amazonaws.com" },
              Action: "sqs:SendMessage",
              Resource: getAtt("EventQueue", "Arn"),
              Condition: {
                ArnLike: { "aws:SourceArn": bucketArn },
                StringEquals: { "aws:SourceAccount": ref("AWS::AccountId") },
              },
            },
          ],
        },
      },
    },
    ForwarderRole: forwarderRole([
      {
        Effect: "Allow",
        Action: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
        Resource: getAtt("EventQueue", "Arn"),
      },
    ]),
    ...logResources,
    ForwarderFunction: forwarderFunction({}),
    ForwarderEventSourceMapping: {
      Type: "AWS::Lambda::EventSourceMapping",
      // Polling starts only once the function may write its logs.
      DependsOn: ["ForwarderLogPolicy"],
      Properties: {
        EventSourceArn: getAtt("EventQueue", "Arn"),
        FunctionName: ref("ForwarderFunction"),
        BatchSize: ref("BatchSize"),
        Enabled: true,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
      },
    },
  };
}

function directResources(): Template {
  return {
    // Receives invocations that failed after Lambda's own retries.
    DeadLetterQueue: {
      Type: "AWS::SQS::Queue",
      Properties: { MessageRetentionPeriod: DEAD_LETTER_RETENTION_SECONDS },
    },
    ForwarderRole: forwarderRole([
      {
        Effect: "Allow",
        Action: "sqs:SendMessage",
        Resource: getAtt("DeadLetterQueue", "Arn"),
      },
    ]),
    ...logResources,
    ForwarderFunction: forwarderFunction({
      DeadLetterConfig: { TargetArn: getAtt("DeadLetterQueue", "Arn") },
    }),
    ForwarderInvokePermission: {
      Type: "AWS::Lambda::Permission",
      Properties: {
        Action: "lambda:InvokeFunction",
        FunctionName: ref("ForwarderFunction"),
        Principal: "s3.amazonaws.com",
        SourceArn: bucketArn,
        SourceAccount: ref("AWS::AccountId"),
      },
    },
  };
}

const DIRECT_WARNING =
  "NOT burst-safe: S3 invokes the function directly, so a burst of uploads beyond its " +
  "reserved concurrency is throttled and events can be lost after Lambda's limited " +
  "retries. Prefer the SQS variant for bulk uploads.";

/** The template as a plain object (what the YAML encodes). */
export function buildCloudFormationTemplate(input: CloudFormationInput): Template {
  const settings = cloudFormationInputSchema.parse(input);
  const direct = settings.variant === "direct";

  const outputs: Template = direct
    ? {
        FunctionName: { Description: "The forwarder function", Value: ref("ForwarderFunction") },
        FunctionArn: {
          Description: "Destination for the bucket's event notification",
          Value: getAtt("ForwarderFunction", "Arn"),
        },
        DeadLetterQueueArn: {
          Description: "Events that could not be delivered to Sluice",
          Value: getAtt("DeadLetterQueue", "Arn"),
        },
      }
    : {
        QueueArn: {
          Description: "Destination for the bucket's event notification",
          Value: getAtt("EventQueue", "Arn"),
        },
        QueueUrl: { Description: "The event queue", Value: ref("EventQueue") },
        DeadLetterQueueArn: {
          Description: "Messages Sluice refused MaxReceiveCount times",
          Value: getAtt("DeadLetterQueue", "Arn"),
        },
        FunctionName: { Description: "The forwarder function", Value: ref("ForwarderFunction") },
      };

  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: direct
      ? `Sluice connector ${settings.connectorId}: S3 invokes a Lambda that forwards CSV upload events to Sluice. ${DIRECT_WARNING}`
      : `Sluice connector ${settings.connectorId}: S3 upload events are queued in SQS and forwarded to Sluice by a Lambda with partial batch failure reporting.`,
    Parameters: parameters(settings),
    Resources: direct ? directResources() : sqsResources(),
    Outputs: outputs,
  };
}

/** The template as YAML, ready to download. */
export function renderCloudFormationTemplate(input: CloudFormationInput): string {
  const settings = cloudFormationInputSchema.parse(input);
  // YAML 1.1 rules for quoting, because CloudFormation reads YAML 1.1: a
  // prefix such as "on" or a date-like "2010-09-09" must stay a string.
  const document = new YAML.Document(buildCloudFormationTemplate(settings), { version: "1.1" });
  document.commentBefore = [
    ` Sluice: event-driven runs for connector ${settings.connectorId}.`,
    " Generated by Sluice; download it again after changing the connector.",
    settings.variant === "direct" ? ` ${DIRECT_WARNING}` : null,
    " After the stack is created, add the bucket's event notification as Sluice describes:",
    " CloudFormation cannot change a bucket this stack does not own.",
  ]
    .filter((line): line is string => line !== null)
    .join("\n");
  // lineWidth 0: never fold, so the inline code and URLs stay byte-for-byte.
  return document.toString({ lineWidth: 0 });
}

export function cloudFormationFileName(input: CloudFormationInput): string {
  const settings = cloudFormationInputSchema.parse(input);
  return `sluice-${settings.connectorId}-${settings.variant}.yaml`;
}

export type NotificationStep = {
  title: string;
  detail: string;
  /** Values to copy into the AWS console, in the order the form asks for them. */
  values: { label: string; value: string }[];
};

/**
 * What the customer does in the S3 console after creating the stack, in
 * order. The UI renders these; the values are exactly what to type.
 */
export function bucketNotificationSteps(input: CloudFormationInput): NotificationStep[] {
  const settings = cloudFormationInputSchema.parse(input);
  const direct = settings.variant === "direct";
  const output = direct ? "FunctionArn" : "QueueArn";

  return [
    {
      title: "Create the stack next to the bucket",
      detail:
        `Create the stack in the AWS account that owns ${settings.bucket} and in the bucket's ` +
        "Region: S3 only notifies a destination in its own Region, and the template trusts " +
        "only its own account. Paste the intake token from Sluice into IntakeToken.",
      values: [
        { label: "Bucket", value: settings.bucket },
        { label: "Stack parameter", value: "IntakeToken" },
      ],
    },
    {
      title: "Copy the destination from the stack outputs",
      detail: `When the stack shows CREATE_COMPLETE, open its Outputs tab and copy ${output}.`,
      values: [{ label: "Output", value: output }],
    },
    {
      title: "Open the bucket's event notifications",
      detail:
        `In the S3 console open ${settings.bucket}, then Properties, then Event notifications, ` +
        "and choose Create event notification. S3 refuses two notifications whose prefix and " +
        "suffix overlap for the same event type; edit an existing one rather than adding another.",
      values: [{ label: "Event name", value: `sluice-${settings.connectorId}` }],
    },
    {
      title: "Filter on the connector's prefix and .csv",
      detail:
        (settings.prefix === ""
          ? "Leave Prefix empty: the connector reads the whole bucket. "
          : "Type the prefix exactly; S3 compares it character by character. ") +
        "S3 matches the suffix case-sensitively, so files ending in .CSV need the suffix left " +
        "empty (the forwarder and Sluice skip other files themselves).",
      values: [
        { label: "Prefix", value: settings.prefix },
        { label: "Suffix", value: ".csv" },
      ],
    },
    {
      title: "Choose the object-created events",
      detail: "Under Event types select All object create events.",
      values: [{ label: "Event types", value: "s3:ObjectCreated:*" }],
    },
    {
      title: direct ? "Send the events to the Lambda function" : "Send the events to the queue",
      detail: direct
        ? `Under Destination choose Lambda function, then Enter Lambda function ARN, and paste ${output}.`
        : `Under Destination choose SQS queue, then Enter SQS queue ARN, and paste ${output}.`,
      values: [
        { label: "Destination", value: direct ? "Lambda function" : "SQS queue" },
        { label: "ARN", value: `${output} from the stack outputs` },
      ],
    },
    {
      title: "Save and upload a test file",
      detail:
        "Save changes. Only objects uploaded from now on send events: choose Process existing " +
        "objects in Sluice for the files already in the bucket. Upload one CSV under the " +
        "prefix and check that a run appears in Sluice.",
      values: [],
    },
  ];
}
