import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareSequencers,
  decodeS3EventKey,
  isCsvKeyUnderPrefix,
  isObjectCreatedEvent,
  parseS3Notification,
  parseSqsLambdaEvent,
  S3EventParseError,
  type S3Notification,
} from "./s3-events";
import { withCorpus } from "@/test/support/corpus";

function record(key: string, overrides: Record<string, unknown> = {}) {
  return {
    eventVersion: "2.1",
    eventSource: "aws:s3",
    awsRegion: "us-east-1",
    eventTime: "2026-11-23T10:00:00.000Z",
    eventName: "ObjectCreated:Put",
    s3: {
      s3SchemaVersion: "1.0",
      bucket: { name: "acme-exports", arn: "arn:aws:s3:::acme-exports" },
      object: { key, size: 42, eTag: "abc123", versionId: "v1", sequencer: "0055AED6DCD90281E5" },
    },
    ...overrides,
  };
}

function records(result: S3Notification) {
  if (result.kind !== "records") throw new Error(`expected records, got ${result.kind}`);
  return result.records;
}

describe("decodeS3EventKey", () => {
  it.each([
    ["Happy%20Face.jpg", "Happy Face.jpg"],
    ["red+flower.csv", "red flower.csv"],
    ["a%2Bb.csv", "a+b.csv"],
    ["100%25+done.csv", "100% done.csv"],
    ["reports/%E6%97%A5%E6%9C%AC/Z%C3%BCrich.csv", "reports/日本/Zürich.csv"],
    ["plain/key.csv", "plain/key.csv"],
    ["tilde~and(parens)!.csv", "tilde~and(parens)!.csv"],
  ])("%s → %s", (encoded, decoded) => {
    expect(decodeS3EventKey(encoded)).toBe(decoded);
  });

  it.each(["100%.csv", "bad%E0%A4%A.csv", "%ZZ"])("refuses malformed %s", (encoded) => {
    expect(() => decodeS3EventKey(encoded)).toThrow(S3EventParseError);
    expect(() => decodeS3EventKey(encoded)).toThrow(/not valid URL encoding/);
  });

  it("inverts S3's form encoding for any key", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1 }), (key) => {
        const encoded = encodeURIComponent(key).replace(/%20/g, "+");
        expect(decodeS3EventKey(encoded)).toBe(key);
      }),
    );
  });
});

describe("isCsvKeyUnderPrefix", () => {
  it.each([
    ["reports/a.csv", "reports/", true],
    ["reports/A.CSV", "reports/", true],
    ["reports/deep/a.Csv", "reports/", true],
    ["a.csv", "", true],
    ["reports/a.csv.gz", "reports/", false],
    ["reports/a.txt", "reports/", false],
    ["Reports/a.csv", "reports/", false],
    ["other/a.csv", "reports/", false],
    ["reports/", "reports/", false],
    ["reportsX/a.csv", "reports", true],
    ["日本 exports/q3.csv", "日本 exports/", true],
  ])("%s under %j → %s", (key, prefix, expected) => {
    expect(isCsvKeyUnderPrefix(key, prefix)).toBe(expected);
  });
});

describe("isObjectCreatedEvent", () => {
  it.each([
    ["ObjectCreated:Put", true],
    ["ObjectCreated:CompleteMultipartUpload", true],
    ["s3:ObjectCreated:Copy", true],
    ["ObjectRemoved:Delete", false],
    ["s3:ObjectRestore:Completed", false],
    ["s3:LifecycleTransition", false],
  ])("%s → %s", (name, expected) => {
    expect(isObjectCreatedEvent(name)).toBe(expected);
  });
});

describe("compareSequencers", () => {
  it.each([
    ["0055AED6DCD90281E5", "0055AED6DCD90281E6", -1],
    ["55AED6DCD90281E5", "0055AED6DCD90281E5", 0],
    ["FF", "0100", -1],
    ["0a", "09", 1],
  ])("%s vs %s → %i", (a, b, expected) => {
    expect(compareSequencers(a, b)).toBe(expected);
  });
});

describe("parseS3Notification", () => {
  const notification = { Records: [record("in+bound/Q3+r%C3%A9sum%C3%A9.csv")] };
  const expected = {
    eventName: "ObjectCreated:Put",
    eventTime: "2026-11-23T10:00:00.000Z",
    awsRegion: "us-east-1",
    bucket: "acme-exports",
    key: "in bound/Q3 résumé.csv",
    encodedKey: "in+bound/Q3+r%C3%A9sum%C3%A9.csv",
    size: 42,
    eTag: "abc123",
    versionId: "v1",
    sequencer: "0055AED6DCD90281E5",
    isObjectCreated: true,
  };

  it.each([
    ["a parsed object", notification],
    ["an SQS message body (JSON string)", JSON.stringify(notification)],
    [
      "an SNS envelope",
      JSON.stringify({
        Type: "Notification",
        MessageId: "5f1c0b8e",
        TopicArn: "arn:aws:sns:us-east-1:111122223333:uploads",
        Message: JSON.stringify(notification),
      }),
    ],
  ])("reads %s", (_, input) => {
    expect(parseS3Notification(input)).toEqual({ kind: "records", records: [expected] });
  });

  it("reads an s3:TestEvent, also inside SNS", () => {
    const test = { Service: "Amazon S3", Event: "s3:TestEvent", Bucket: "acme-exports" };
    const result = { kind: "test", bucket: "acme-exports", time: undefined, requestId: undefined };
    expect(parseS3Notification(test)).toEqual(result);
    expect(parseS3Notification({ Type: "Notification", Message: JSON.stringify(test) })).toEqual(
      result,
    );
  });

  it("keeps removal events, which carry no size or eTag", () => {
    const removed = record("gone.csv", { eventName: "ObjectRemoved:Delete" });
    delete (removed.s3.object as Partial<typeof removed.s3.object>).size;
    delete (removed.s3.object as Partial<typeof removed.s3.object>).eTag;
    const [event] = records(parseS3Notification({ Records: [removed] }));
    expect(event).toMatchObject({ key: "gone.csv", isObjectCreated: false, size: undefined });
  });

  it("accepts an empty Records array", () => {
    expect(parseS3Notification({ Records: [] })).toEqual({ kind: "records", records: [] });
  });

  const broken = record("x.csv") as Record<string, unknown>;
  it.each([
    ["not JSON", "{Records:", /S3 notification is not JSON/],
    ["an array", "[]", /must be a JSON object/],
    ["null", null, /must be a JSON object/],
    [
      "no Records and no Event",
      { hello: "world" },
      /neither Records nor Event.*top-level keys: hello/,
    ],
    ["Records not an array", { Records: {} }, /malformed: Records: /],
    [
      "a record without an object key",
      { Records: [{ ...broken, s3: { bucket: { name: "b" }, object: { size: 1 } } }] },
      /Records\[0\]\.s3\.object\.key/,
    ],
    [
      "an empty key",
      { Records: [record("")] },
      /Records\[0\]\.s3\.object\.key: object key is empty/,
    ],
    [
      "a negative size",
      {
        Records: [
          record("a.csv", { s3: { bucket: { name: "b" }, object: { key: "a", size: -1 } } }),
        ],
      },
      /Records\[0\]\.s3\.object\.size/,
    ],
    ["an SQS record", { Records: [{ ...broken, eventSource: "aws:sqs" }] }, /eventSource/],
    ["a malformed key", { Records: [record("100%.csv")] }, /not valid URL encoding/],
    [
      "an SNS envelope without Message",
      { Type: "Notification" },
      /SNS envelope is malformed: Message/,
    ],
    [
      "an SNS Message that is not JSON",
      { Type: "Notification", Message: "hi" },
      /SNS Message is not JSON/,
    ],
    [
      "a TestEvent from another service",
      { Service: "Other", Event: "s3:TestEvent" },
      /TestEvent is malformed: Service/,
    ],
  ])("refuses %s with a clear error", (_, input, message) => {
    let thrown: unknown;
    try {
      parseS3Notification(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(S3EventParseError);
    expect((thrown as Error).message).toMatch(message);
  });
});

describe("parseSqsLambdaEvent", () => {
  it("returns each message's id and body", () => {
    const event = {
      Records: [
        { messageId: "m1", body: "{}", eventSource: "aws:sqs", receiptHandle: "r" },
        { messageId: "m2", body: "x", eventSource: "aws:sqs" },
      ],
    };
    expect(parseSqsLambdaEvent(event)).toEqual([
      { messageId: "m1", body: "{}" },
      { messageId: "m2", body: "x" },
    ]);
  });

  it("refuses an S3 event passed by mistake", () => {
    expect(() => parseSqsLambdaEvent({ Records: [record("a.csv")] })).toThrow(
      /SQS event is malformed: Records\[0\]\.messageId/,
    );
  });
});

// --- Conformance over public sample events --------------------------------

const corpus = resolve(__dirname, "../../../shared/corpus/s3_sqs_events");

withCorpus(() => {
  describe("conformance: corpus s3_sqs_events", () => {
    const read = (name: string) => readFileSync(join(corpus, name), "utf8");

    it("aws-lambda-go_s3-event.json: one ObjectCreated record, key decoded", () => {
      const text = read("aws-lambda-go_s3-event.json");
      const [event] = records(parseS3Notification(text));
      expect(records(parseS3Notification(text))).toHaveLength(1);
      expect(event).toEqual({
        eventName: "ObjectCreated:Put",
        eventTime: "1970-01-01T00:00:00.123Z",
        awsRegion: "us-east-1",
        bucket: "sourcebucket",
        key: "Happy Face.jpg",
        encodedKey: "Happy%20Face.jpg",
        size: 1024,
        eTag: "d41d8cd98f00b204e9800998ecf8427e",
        versionId: "version",
        sequencer: "Happy Sequencer",
        isObjectCreated: true,
      });
      expect(isCsvKeyUnderPrefix(event.key)).toBe(false);
    });

    it("aws-lambda-go_s3-event.json also parses inside an SNS envelope", () => {
      const text = read("aws-lambda-go_s3-event.json");
      const wrapped = JSON.stringify({ Type: "Notification", Message: text });
      expect(parseS3Notification(wrapped)).toEqual(parseS3Notification(text));
    });

    it.each([
      ["aws-lambda-go_s3-replication-event.json", "s3:Replication:OperationFailedReplication"],
      ["aws-lambda-go_s3-lifecycle-event.json", "s3:LifecycleTransition"],
      ["aws-lambda-go_s3-restore-event.json", "s3:ObjectRestore:Completed"],
      ["aws-lambda-go_s3-glacier-event.json", "s3:ObjectRestore:Completed"],
      ["aws-lambda-go_s3-intelligenttier-event.json", "s3:IntelligentTiering:TransitionAccess"],
    ])("%s: parsed, recognised as not ObjectCreated", (name, eventName) => {
      const raw = JSON.parse(read(name));
      const [event, ...rest] = records(parseS3Notification(raw));
      expect(rest).toEqual([]);
      expect(event.eventName).toBe(eventName);
      expect(event.isObjectCreated).toBe(false);
      // aws-lambda-go adds its own decoded copy; ours must agree with it.
      expect(event.key).toBe(raw.Records[0].s3.object.urlDecodedKey);
      expect(event.key).not.toContain("%");
    });

    it("aws-lambda-go_s3-test-event.json: recognised as s3:TestEvent", () => {
      expect(parseS3Notification(read("aws-lambda-go_s3-test-event.json"))).toEqual({
        kind: "test",
        bucket: "bmoffatt",
        time: "2019-02-04T19:34:46.985Z",
        requestId: "7BA1940DC6AF888B",
      });
    });

    it("aws-lambda-go_sqs-event.json: envelope read, non-JSON body refused clearly", () => {
      const messages = parseSqsLambdaEvent(read("aws-lambda-go_sqs-event.json"));
      expect(messages).toEqual([{ messageId: "MessageID_1", body: "Message Body" }]);
      expect(() => parseS3Notification(messages[0].body)).toThrow(/S3 notification is not JSON/);
    });

    it("only the SQS envelope is refused as an S3 notification", () => {
      const files = readdirSync(corpus).filter((file) => file.endsWith(".json"));
      expect(files).toHaveLength(8);
      const refused = files.filter((file) => {
        try {
          parseS3Notification(read(file));
          return false;
        } catch (error) {
          expect(error, file).toBeInstanceOf(S3EventParseError);
          return true;
        }
      });
      expect(refused).toEqual(["aws-lambda-go_sqs-event.json"]);
    });
  });
}, corpus);
