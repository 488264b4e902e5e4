import { describe, expect, it } from "vitest";
import { normalizeEtag, sourceKeyOf } from "./source";

describe("normalizeEtag", () => {
  it.each([
    [
      "a listing's quoted ETag",
      '"9b2cf535f27731c974343645a3985328"',
      "9b2cf535f27731c974343645a3985328",
    ],
    [
      "an event's bare ETag",
      "9b2cf535f27731c974343645a3985328",
      "9b2cf535f27731c974343645a3985328",
    ],
    [
      "a multipart ETag",
      '"d41d8cd98f00b204e9800998ecf8427e-3"',
      "d41d8cd98f00b204e9800998ecf8427e-3",
    ],
    ["a weak ETag", 'W/"abc"', "abc"],
    ["nothing", undefined, ""],
    ["an empty string", "", ""],
  ])("reads %s", (_name, input, expected) => {
    expect(normalizeEtag(input)).toBe(expected);
  });
});

describe("sourceKeyOf", () => {
  it("keeps the decoded key as it is, spaces and plus signs included", () => {
    expect(sourceKeyOf("b", "a b+c%20.csv")).toBe("s3://b/a b+c%20.csv");
  });
});
