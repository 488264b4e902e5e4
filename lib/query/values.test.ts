import { describe, expect, it } from "vitest";
import {
  escapeLike,
  parseDate,
  parseIpOrCidr,
  parseNumber,
  toSqlTimestamp,
  wildcardToLike,
  wildcardToRegExp,
} from "./values";

const NOW = new Date("2026-03-01T12:00:00Z");

describe("parseIpOrCidr", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["192.168.1.0/24", "192.168.1.0/24"],
    ["::", "::"],
    ["::1", "::1"],
    ["2001:DB8::/32", "2001:db8::/32"],
    ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
    ["::ffff:10.0.0.1", "::ffff:10.0.0.1"],
    ["fe80::1/128", "fe80::1/128"],
  ])("accepts %s", (input, normalised) => {
    expect(parseIpOrCidr(input)).toBe(normalised);
  });

  it.each([
    "10.0",
    "10.0.0.256",
    "010.0.0.1",
    "10.0.0.1/33",
    "10.0.0.1/",
    "10.0.0.1/a",
    "1:2:3:4:5:6:7:8:9",
    "1::2::3",
    ":1::",
    "1:2:3:4:5:6:7::8",
    "12345::",
    "::ffff:10.0.0",
    "fe80::1/129",
    "host",
    "",
  ])("rejects %s", (input) => {
    expect(parseIpOrCidr(input)).toBeUndefined();
  });
});

describe("parseDate", () => {
  it.each([
    ["2026", { kind: "period", start: Date.UTC(2026, 0, 1), end: Date.UTC(2027, 0, 1) }],
    ["2026-12", { kind: "period", start: Date.UTC(2026, 11, 1), end: Date.UTC(2027, 0, 1) }],
    ["2026-01-31", { kind: "period", start: Date.UTC(2026, 0, 31), end: Date.UTC(2026, 1, 1) }],
    ["2026-01-31T23:59:59Z", { kind: "instant", at: Date.UTC(2026, 0, 31, 23, 59, 59) }],
    ["2026-01-31T23:59-0130", { kind: "instant", at: Date.UTC(2026, 1, 1, 1, 29) }],
    ["2026-01-31T00:00:00.123456", { kind: "instant", at: Date.UTC(2026, 0, 31, 0, 0, 0, 123) }],
    ["now", { kind: "instant", at: NOW.getTime() }],
    ["now-90m", { kind: "instant", at: NOW.getTime() - 90 * 60_000 }],
    ["now+2w", { kind: "instant", at: NOW.getTime() + 14 * 86_400_000 }],
  ])("parses %s", (input, expected) => {
    expect(parseDate(input, NOW)).toEqual(expected);
  });

  it.each([
    "2026-00-01",
    "2025-02-29",
    "2026-01-32",
    "0999-01-01",
    "2026-01-01T24:00",
    "2026-01-01T10:60",
    "2026-01-01T10:00+24:00",
    "now-999999w",
    "now-7y",
    "26-01-01",
    "today",
  ])("rejects %s", (input) => {
    expect(parseDate(input, NOW)).toBeUndefined();
  });
});

describe("parseNumber", () => {
  it.each([
    ["42", 42],
    ["-1.5", -1.5],
    ["+7", 7],
  ])("parses %s", (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each(["", "1e3", "0x10", "1.", ".5", "NaN", "Infinity", "1 2"])("rejects %j", (input) => {
    expect(parseNumber(input)).toBeUndefined();
  });
});

describe("patterns", () => {
  it("escapes LIKE metacharacters and the escape character itself", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });

  it("turns * into % and leaves the rest literal", () => {
    expect(wildcardToLike("Win*_10%")).toBe("Win%\\_10\\%");
  });

  it("matches enum labels with the same wildcard, ignoring case", () => {
    const pattern = wildcardToRegExp("re*d");
    expect(["REOPENED", "Reopened", "read"].map((label) => pattern.test(label))).toEqual([
      true,
      true,
      true,
    ]);
    expect(pattern.test("FIXED")).toBe(false);
    expect(wildcardToRegExp("a.b").test("axb")).toBe(false);
  });

  it("formats timestamps as UTC text PostgreSQL reads, even past year 9999", () => {
    expect(toSqlTimestamp(Date.UTC(2026, 0, 2, 3, 4, 5, 6))).toBe("2026-01-02 03:04:05.006");
    expect(toSqlTimestamp(Date.UTC(10000, 0, 1))).toBe("10000-01-01 00:00:00.000");
  });
});
