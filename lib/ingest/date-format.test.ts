import { describe, expect, it } from "vitest";
import {
  compileDateFormat,
  detectDateFormat,
  isValidTimeZone,
  wallClockToInstant,
  type WallClock,
} from "./date-format";

const clock = (iso: string): WallClock => {
  const [date, time = "00:00:00"] = iso.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute, second] = time.split(":").map(Number);
  return { year, month, day, hour, minute, second, millisecond: 0 };
};

describe("compileDateFormat", () => {
  const cases: [string, string, Partial<WallClock> | null][] = [
    [
      "MM/DD/YYYY HH:mm:ss",
      "05/13/2021 07:08:28",
      { year: 2021, month: 5, day: 13, hour: 7, minute: 8, second: 28 },
    ],
    ["MM/DD/YYYY HH:mm:ss", "5/3/2021 7:08:28", { year: 2021, month: 5, day: 3, hour: 7 }],
    ["MM/DD/YYYY HH:mm:ss", "05/13/2021  07:08:28", { day: 13, second: 28 }],
    ["MM/DD/YYYY HH:mm:ss", "05/13/2021", null],
    [
      "DD/MM/YYYY HH:mm",
      "22/09/2022 13:01",
      { year: 2022, month: 9, day: 22, hour: 13, minute: 1 },
    ],
    ["DD/MM/YYYY HH:mm", "22/13/2022 13:01", null],
    ["MMM DD, YYYY hh:mm A", "Feb 03, 2026 07:00 AM", { year: 2026, month: 2, day: 3, hour: 7 }],
    ["MMM DD, YYYY hh:mm A", "Dec 08, 2015 04:36 PM", { month: 12, hour: 16, minute: 36 }],
    ["MMM DD, YYYY hh:mm A", "Foo 08, 2015 04:36 PM", null],
    ["MMM DD, YYYY hh:mm A", "Feb 03, 2026 13:00 PM", null],
    ["MMMM D, YYYY", "September 9, 2024", { month: 9, day: 9 }],
    ["DD MMM YYYY hh:mmA", "04 Feb 2026 10:00AM", { year: 2026, month: 2, day: 4, hour: 10 }],
    ["YY-MM-DD", "99-12-31", { year: 1999 }],
    ["YY-MM-DD", "24-02-29", { year: 2024, month: 2, day: 29 }],
    ["YYYY-MM-DD", "2023-02-29", null],
    [
      "YYYY-MM-DD HH:mm:ss.SSS Z",
      "2024-01-01 10:00:00.250 +05:30",
      { millisecond: 250, offsetMinutes: 330 },
    ],
    ["ISO", "2018-04-13T03:49:05Z", { year: 2018, hour: 3, second: 5, offsetMinutes: 0 }],
    ["ISO", "2018-04-13", { day: 13, hour: 0 }],
    ["ISO", "2018-04-13T03:49:05.123-07:00", { millisecond: 123, offsetMinutes: -420 }],
    ["ISO", "13/04/2018", null],
  ];
  it.each(cases)("%s reads %j", (format, value, expected) => {
    const parsed = compileDateFormat(format)(value);
    if (expected === null) expect(parsed).toBeNull();
    else expect(parsed).toMatchObject(expected);
  });

  it.each(["YYYY", "HH:mm", "MM/DD hh:mm", "DD/MM/YYYY hh:mm"])(
    "refuses the format %s",
    (format) => {
      expect(() => compileDateFormat(format)).toThrow();
    },
  );
});

describe("wallClockToInstant", () => {
  const cases: [string, string, string, string][] = [
    ["UTC", "2024-03-10T12:00:00", "UTC", "2024-03-10T12:00:00.000Z"],
    ["New York, winter", "2024-01-10T09:00:00", "America/New_York", "2024-01-10T14:00:00.000Z"],
    ["New York, summer", "2024-07-10T09:00:00", "America/New_York", "2024-07-10T13:00:00.000Z"],
    // 02:30 does not exist on 10 March 2024 in New York: it lands after the gap, at 03:30 EDT.
    [
      "New York, inside the spring gap",
      "2024-03-10T02:30:00",
      "America/New_York",
      "2024-03-10T07:30:00.000Z",
    ],
    // 01:30 happens twice on 3 November 2024: the first (EDT) one is taken.
    [
      "New York, repeated autumn hour",
      "2024-11-03T01:30:00",
      "America/New_York",
      "2024-11-03T05:30:00.000Z",
    ],
    ["Kolkata half-hour offset", "2024-01-01T00:00:00", "Asia/Kolkata", "2023-12-31T18:30:00.000Z"],
    ["fixed offset", "2026-02-03T07:00:00", "-05:00", "2026-02-03T12:00:00.000Z"],
    ["GMT-style fixed offset", "2026-02-03T07:00:00", "GMT+0130", "2026-02-03T05:30:00.000Z"],
  ];
  it.each(cases)("%s", (_name, wall, zone, expected) => {
    expect(new Date(wallClockToInstant(clock(wall), zone)).toISOString()).toBe(expected);
  });

  it("uses the offset written in the value over the zone", () => {
    const value = { ...clock("2024-01-01T10:00:00"), offsetMinutes: 60 };
    expect(new Date(wallClockToInstant(value, "America/New_York")).toISOString()).toBe(
      "2024-01-01T09:00:00.000Z",
    );
  });
});

describe("detectDateFormat", () => {
  const cases: [string, string[], { format: string; ambiguous: boolean } | null][] = [
    [
      "Qualys scan report",
      ["05/13/2021 07:08:28", "06/08/2021 11:08:19"],
      { format: "MM/DD/YYYY HH:mm:ss", ambiguous: false },
    ],
    [
      "month-first and day-first both fit",
      ["05/06/2021 07:08:28"],
      { format: "MM/DD/YYYY HH:mm:ss", ambiguous: true },
    ],
    [
      "day-first PCI report",
      ["22/09/2022 13:01"],
      { format: "DD/MM/YYYY HH:mm", ambiguous: false },
    ],
    [
      "VMDR datalist",
      ["Feb 03, 2026 07:00 AM", "Dec 15, 2021 10:00 AM", "'-", ""],
      { format: "MMM DD, YYYY hh:mm A", ambiguous: false },
    ],
    ["ISO from the API", ["2018-04-13T03:49:05Z"], { format: "ISO", ambiguous: false }],
    ["German dates", ["31.12.2024 23:59:00"], { format: "DD.MM.YYYY HH:mm:ss", ambiguous: false }],
    ["nothing to go on", ["", "'-"], null],
    ["not dates", ["yesterday"], null],
  ];
  it.each(cases)("%s", (_name, samples, expected) => {
    expect(detectDateFormat(samples)).toEqual(expected);
  });
});

describe("isValidTimeZone", () => {
  it.each([
    ["UTC", true],
    ["Europe/Berlin", true],
    ["+05:30", true],
    ["GMT-0500", true],
    ["Mars/Olympus", false],
    ["", false],
  ])("%s → %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
