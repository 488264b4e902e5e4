import { describe, expect, it } from "vitest";
import { nextRunAt, profileScheduleSchema, type ProfileScheduleInput } from "./schedule";

const at = (iso: string) => new Date(iso);

describe("nextRunAt", () => {
  const cases: [string, ProfileScheduleInput, string, string | null][] = [
    ["no schedule", { kind: "none" }, "2026-01-01T00:00:00Z", null],
    [
      "the profile row's upper-case kind",
      { kind: "NONE" } as unknown as ProfileScheduleInput,
      "2026-01-01T00:00:00Z",
      null,
    ],
    [
      "a single run ahead",
      { kind: "once", runAt: at("2026-03-01T10:00:00Z") },
      "2026-02-01T00:00:00Z",
      "2026-03-01T10:00:00.000Z",
    ],
    [
      "a single run in the past",
      { kind: "once", runAt: at("2026-01-01T10:00:00Z") },
      "2026-02-01T00:00:00Z",
      null,
    ],
    [
      "a single run exactly now has happened",
      { kind: "once", runAt: at("2026-01-01T10:00:00Z") },
      "2026-01-01T10:00:00Z",
      null,
    ],
    [
      "a single run from an ISO string",
      { kind: "once", runAt: "2026-03-01T10:00:00Z" },
      "2026-02-01T00:00:00Z",
      "2026-03-01T10:00:00.000Z",
    ],

    [
      "an interval before its start",
      { kind: "recurring", startsAt: at("2026-01-01T06:00:00Z"), intervalMinutes: 60 },
      "2025-12-31T00:00:00Z",
      "2026-01-01T06:00:00.000Z",
    ],
    [
      "an interval between runs",
      { kind: "recurring", startsAt: at("2026-01-01T06:00:00Z"), intervalMinutes: 90 },
      "2026-01-01T08:00:00Z",
      "2026-01-01T09:00:00.000Z",
    ],
    [
      "an interval exactly on a run",
      { kind: "recurring", startsAt: at("2026-01-01T06:00:00Z"), intervalMinutes: 60 },
      "2026-01-01T07:00:00Z",
      "2026-01-01T08:00:00.000Z",
    ],
    // Intervals are durations: 24 hours after 08:00 CET is 09:00 CEST once the clocks change.
    [
      "an interval across a DST change",
      {
        kind: "recurring",
        startsAt: at("2026-03-28T07:00:00Z"),
        intervalMinutes: 1440,
        timeZone: "Europe/Berlin",
      },
      "2026-03-28T07:00:00Z",
      "2026-03-29T07:00:00.000Z",
    ],
    [
      "an interval whose next run is past the end",
      {
        kind: "recurring",
        startsAt: at("2026-01-01T00:00:00Z"),
        endsAt: at("2026-01-01T12:00:00Z"),
        intervalMinutes: 720,
      },
      "2026-01-01T00:00:00Z",
      null,
    ],
    [
      "an interval just before the end",
      {
        kind: "recurring",
        startsAt: at("2026-01-01T00:00:00Z"),
        endsAt: at("2026-01-01T12:00:01Z"),
        intervalMinutes: 720,
      },
      "2026-01-01T00:00:00Z",
      "2026-01-01T12:00:00.000Z",
    ],

    [
      "a cron in UTC",
      { kind: "recurring", cron: "0 9 * * *" },
      "2026-03-07T10:00:00Z",
      "2026-03-08T09:00:00.000Z",
    ],
    [
      "a cron on weekdays only",
      { kind: "recurring", cron: "0 9 * * 1-5", timeZone: "UTC" },
      "2026-03-06T10:00:00Z",
      "2026-03-09T09:00:00.000Z",
    ],
    // 09:00 in New York is 14:00Z before 8 March 2026 and 13:00Z after.
    [
      "a cron before a DST change",
      { kind: "recurring", cron: "0 9 * * *", timeZone: "America/New_York" },
      "2026-03-06T15:00:00Z",
      "2026-03-07T14:00:00.000Z",
    ],
    [
      "a cron after a DST change",
      { kind: "recurring", cron: "0 9 * * *", timeZone: "America/New_York" },
      "2026-03-07T15:00:00Z",
      "2026-03-08T13:00:00.000Z",
    ],
    // 02:30 does not exist on 8 March 2026 in New York; the run moves to the end of the gap.
    [
      "a cron inside the spring-forward gap",
      { kind: "recurring", cron: "30 2 * * *", timeZone: "America/New_York" },
      "2026-03-07T08:00:00Z",
      "2026-03-08T07:00:00.000Z",
    ],
    // 01:30 happens twice on 1 November 2026; a fixed-time job runs once.
    [
      "a cron in the repeated autumn hour runs once",
      { kind: "recurring", cron: "30 1 * * *", timeZone: "America/New_York" },
      "2026-11-01T05:30:00Z",
      "2026-11-02T06:30:00.000Z",
    ],
    [
      "a cron before its start date",
      { kind: "recurring", cron: "0 9 * * *", startsAt: at("2026-05-01T00:00:00Z") },
      "2026-03-07T10:00:00Z",
      "2026-05-01T09:00:00.000Z",
    ],
    [
      "a cron whose next run is at the end",
      { kind: "recurring", cron: "0 9 * * *", endsAt: at("2026-03-08T09:00:00Z") },
      "2026-03-07T10:00:00Z",
      null,
    ],
    [
      "a cron after its end",
      {
        kind: "recurring",
        cron: "0 9 * * *",
        startsAt: at("2026-01-01T00:00:00Z"),
        endsAt: at("2026-02-01T00:00:00Z"),
      },
      "2026-03-07T10:00:00Z",
      null,
    ],
  ];

  it.each(cases)("%s", (_name, schedule, after, expected) => {
    const next = nextRunAt(schedule, at(after));
    expect(next?.toISOString() ?? null).toBe(expected);
  });

  it("accepts a profile row with null columns", () => {
    const row = {
      kind: "RECURRING",
      runAt: null,
      startsAt: null,
      endsAt: null,
      intervalMinutes: null,
      cron: "*/15 * * * *",
      timeZone: "UTC",
    };
    expect(
      nextRunAt(row as unknown as ProfileScheduleInput, at("2026-01-01T00:07:00Z"))?.toISOString(),
    ).toBe("2026-01-01T00:15:00.000Z");
  });

  it("refuses an invalid schedule instead of guessing", () => {
    expect(() =>
      nextRunAt({ kind: "recurring", cron: "not a cron" }, at("2026-01-01T00:00:00Z")),
    ).toThrow();
  });
});

describe("profileScheduleSchema", () => {
  const invalid: [string, ProfileScheduleInput, string, string][] = [
    [
      "a single run without a date",
      { kind: "once" },
      "runAt",
      "a single run needs a date and time",
    ],
    [
      "a recurrence with neither interval nor cron",
      { kind: "recurring", startsAt: at("2026-01-01T00:00:00Z") },
      "intervalMinutes",
      "give either an interval or a cron expression, not both",
    ],
    [
      "a recurrence with both",
      {
        kind: "recurring",
        startsAt: at("2026-01-01T00:00:00Z"),
        intervalMinutes: 5,
        cron: "* * * * *",
      },
      "cron",
      "give either an interval or a cron expression, not both",
    ],
    [
      "an interval without a start",
      { kind: "recurring", intervalMinutes: 60 },
      "startsAt",
      "an interval counts from a start date and time",
    ],
    [
      "an end before the start",
      {
        kind: "recurring",
        cron: "0 * * * *",
        startsAt: at("2026-02-01T00:00:00Z"),
        endsAt: at("2026-01-01T00:00:00Z"),
      },
      "endsAt",
      "the end must be after the start",
    ],
    [
      "an end equal to the start",
      {
        kind: "recurring",
        cron: "0 * * * *",
        startsAt: at("2026-02-01T00:00:00Z"),
        endsAt: at("2026-02-01T00:00:00Z"),
      },
      "endsAt",
      "the end must be after the start",
    ],
    [
      "an unknown time zone",
      { kind: "recurring", cron: "0 * * * *", timeZone: "Mars/Olympus" },
      "timeZone",
      'unknown time zone "Mars/Olympus"',
    ],
  ];
  it.each(invalid)("rejects %s", (_name, schedule, path, message) => {
    const result = profileScheduleSchema.safeParse(schedule);
    expect(result.success).toBe(false);
    expect(
      result.error?.issues.map((issue) => [issue.path.join("."), issue.message]),
    ).toContainEqual([path, message]);
  });

  it.each([
    ["a word", "every day"],
    ["six fields (seconds)", "0 0 9 * * *"],
    ["an out-of-range minute", "61 * * * *"],
    ["a bad weekday", "0 9 * * FUNDAY"],
  ])("rejects a cron expression with %s", (_name, cron) => {
    const result = profileScheduleSchema.safeParse({ kind: "recurring", cron });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ["cron"],
      message: expect.stringMatching(/^invalid cron expression: /),
    });
  });

  it.each([
    [
      "an interval of zero",
      { kind: "recurring", startsAt: at("2026-01-01T00:00:00Z"), intervalMinutes: 0 },
    ],
    [
      "a fractional interval",
      { kind: "recurring", startsAt: at("2026-01-01T00:00:00Z"), intervalMinutes: 1.5 },
    ],
    ["an unknown kind", { kind: "sometimes" } as unknown as ProfileScheduleInput],
  ])("rejects %s", (_name, schedule) => {
    expect(profileScheduleSchema.safeParse(schedule).success).toBe(false);
  });

  it("defaults the time zone to UTC", () => {
    expect(profileScheduleSchema.parse({ kind: "recurring", cron: "0 9 * * *" }).timeZone).toBe(
      "UTC",
    );
  });
});
