/**
 * Date parsing for CSV cells: explicit formats ("MM/DD/YYYY HH:mm:ss"), a
 * strict ISO 8601 reader, and wall-clock → instant conversion in a named time
 * zone. Date.parse is avoided on purpose: it reads "2021-05-13 07:08" as local
 * time of the server, so the same file would import differently per machine.
 */

export const ISO_FORMAT = "ISO";

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Offset written in the value itself, in minutes east of UTC. */
  offsetMinutes?: number;
}

export type DateParser = (value: string) => WallClock | null;

const monthNames = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const monthIndex = new Map<string, number>();
monthNames.forEach((name, i) => {
  monthIndex.set(name, i + 1);
  monthIndex.set(name.slice(0, 3), i + 1);
});
monthIndex.set("sept", 9);

// Longest tokens first so "MMMM" is not read as "MM" + "MM".
const tokenPattern = /YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z/g;

type Field =
  | "year"
  | "year2"
  | "month"
  | "monthName"
  | "day"
  | "hour"
  | "hour12"
  | "minute"
  | "second"
  | "fraction"
  | "meridiem"
  | "offset";

const tokenFields: Record<string, [Field, string]> = {
  YYYY: ["year", "(\\d{4})"],
  YY: ["year2", "(\\d{2})"],
  MMMM: ["monthName", "([A-Za-z]{3,9})"],
  MMM: ["monthName", "([A-Za-z]{3,4})"],
  MM: ["month", "(\\d{1,2})"],
  M: ["month", "(\\d{1,2})"],
  DD: ["day", "(\\d{1,2})"],
  D: ["day", "(\\d{1,2})"],
  HH: ["hour", "(\\d{1,2})"],
  H: ["hour", "(\\d{1,2})"],
  hh: ["hour12", "(\\d{1,2})"],
  h: ["hour12", "(\\d{1,2})"],
  mm: ["minute", "(\\d{1,2})"],
  m: ["minute", "(\\d{1,2})"],
  ss: ["second", "(\\d{1,2})"],
  s: ["second", "(\\d{1,2})"],
  SSS: ["fraction", "(\\d{1,9})"],
  A: ["meridiem", "([AaPp][Mm])"],
  a: ["meridiem", "([AaPp][Mm])"],
  ZZ: ["offset", "(Z|[+-]\\d{2}:?\\d{2})"],
  Z: ["offset", "(Z|[+-]\\d{2}:?\\d{2})"],
};

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseOffset(text: string): number {
  if (text === "Z" || text === "z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : monthLengths[month - 1];
}

function valid(clock: WallClock): WallClock | null {
  const { year, month, day, hour, minute, second } = clock;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return clock;
}

function fraction(digits: string | undefined): number {
  return digits ? Math.floor(Number(`0.${digits}`) * 1000) : 0;
}

function parseIso(value: string): WallClock | null {
  const m = isoPattern.exec(value);
  if (!m) return null;
  return valid({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: m[4] ? Number(m[4]) : 0,
    minute: m[5] ? Number(m[5]) : 0,
    second: m[6] ? Number(m[6]) : 0,
    millisecond: fraction(m[7]),
    offsetMinutes: m[8] ? parseOffset(m[8]) : undefined,
  });
}

/**
 * Turns a format such as "MM/DD/YYYY HH:mm:ss" or "MMM DD, YYYY hh:mm A" into
 * a parser. Throws when the format cannot identify a calendar day.
 */
export function compileDateFormat(format: string): DateParser {
  if (format.trim().toUpperCase() === ISO_FORMAT) return parseIso;
  const fields: Field[] = [];
  let source = "";
  let last = 0;
  for (const match of format.matchAll(tokenPattern)) {
    source += literal(format.slice(last, match.index));
    const [field, group] = tokenFields[match[0]];
    fields.push(field);
    source += group;
    last = match.index + match[0].length;
  }
  source += literal(format.slice(last));
  const has = (field: Field) => fields.includes(field);
  if (!(has("year") || has("year2")) || !(has("month") || has("monthName")) || !has("day")) {
    throw new Error(`date format "${format}" needs a year, a month and a day`);
  }
  if (has("hour12") !== has("meridiem")) {
    throw new Error(
      `date format "${format}" uses a 12-hour clock and AM/PM together or not at all`,
    );
  }
  const pattern = new RegExp(`^${source}$`);
  return (value) => {
    const m = pattern.exec(value);
    if (!m) return null;
    const clock: WallClock = {
      year: 0,
      month: 0,
      day: 0,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
    };
    let hour12 = -1;
    let pm = false;
    for (let i = 0; i < fields.length; i++) {
      const text = m[i + 1];
      switch (fields[i]) {
        case "year":
          clock.year = Number(text);
          break;
        case "year2": {
          const yy = Number(text);
          clock.year = yy < 70 ? 2000 + yy : 1900 + yy;
          break;
        }
        case "month":
          clock.month = Number(text);
          break;
        case "monthName": {
          const month = monthIndex.get(text.toLowerCase());
          if (!month) return null;
          clock.month = month;
          break;
        }
        case "day":
          clock.day = Number(text);
          break;
        case "hour":
          clock.hour = Number(text);
          break;
        case "hour12":
          hour12 = Number(text);
          break;
        case "minute":
          clock.minute = Number(text);
          break;
        case "second":
          clock.second = Number(text);
          break;
        case "fraction":
          clock.millisecond = fraction(text);
          break;
        case "meridiem":
          pm = text.toLowerCase() === "pm";
          break;
        case "offset":
          clock.offsetMinutes = parseOffset(text);
          break;
      }
    }
    if (hour12 !== -1) {
      if (hour12 < 1 || hour12 > 12) return null;
      clock.hour = (hour12 % 12) + (pm ? 12 : 0);
    }
    return valid(clock);
  };
}

function literal(text: string): string {
  // One space in a format accepts any run of blanks: exports pad inconsistently.
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ +/g, "\\s+");
}

const fixedOffsetPattern = /^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const utcNames = new Set(["utc", "etc/utc", "gmt", "etc/gmt", "z", "zulu", "universal"]);

/** Accepts IANA names ("Europe/Berlin"), "UTC" and fixed offsets ("+05:30", "GMT-0500"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (utcNames.has(timeZone.toLowerCase()) || fixedOffsetPattern.test(timeZone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

type OffsetAt = (utcMs: number) => number;
const offsetResolvers = new Map<string, OffsetAt>();

/** Returns a function giving the zone's offset from UTC, in ms, at an instant. */
export function zoneOffsetResolver(timeZone: string): OffsetAt {
  const cached = offsetResolvers.get(timeZone);
  if (cached) return cached;
  let resolver: OffsetAt;
  const fixed = fixedOffsetPattern.exec(timeZone);
  if (utcNames.has(timeZone.toLowerCase())) {
    resolver = () => 0;
  } else if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? 0);
    const offset = (fixed[1] === "-" ? -1 : 1) * minutes * 60_000;
    resolver = () => offset;
  } else {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    // Offsets only change on quarter-hour boundaries, and rows of one export
    // cluster in time, so a small cache saves nearly every Intl call.
    const byQuarterHour = new Map<number, number>();
    resolver = (utcMs) => {
      const bucket = Math.floor(utcMs / 900_000);
      const hit = byQuarterHour.get(bucket);
      if (hit !== undefined) return hit;
      const at = bucket * 900_000;
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(at))) {
        if (part.type !== "literal") parts[part.type] = Number(part.value);
      }
      const local = Date.UTC(
        parts.year,
        parts.month - 1,
        parts.day,
        parts.hour,
        parts.minute,
        parts.second,
      );
      const offset = local - at;
      if (byQuarterHour.size > 4096) byQuarterHour.clear();
      byQuarterHour.set(bucket, offset);
      return offset;
    };
  }
  offsetResolvers.set(timeZone, resolver);
  return resolver;
}

/**
 * The instant a wall-clock time denotes in a zone. A time skipped by a DST
 * change moves forward by the gap; a repeated time takes its first occurrence.
 */
export function wallClockToInstant(clock: WallClock, timeZone: string): number {
  const asUtc = Date.UTC(
    clock.year,
    clock.month - 1,
    clock.day,
    clock.hour,
    clock.minute,
    clock.second,
    clock.millisecond,
  );
  if (clock.offsetMinutes !== undefined) return asUtc - clock.offsetMinutes * 60_000;
  const offsetAt = zoneOffsetResolver(timeZone);
  const first = offsetAt(asUtc);
  const second = offsetAt(asUtc - first);
  if (first === second) return asUtc - first;
  // Near a transition the two guesses disagree; prefer the earlier instant that
  // still maps back to the written wall-clock time.
  const candidates = [asUtc - first, asUtc - second].sort((a, b) => a - b);
  for (const candidate of candidates) {
    if (candidate + offsetAt(candidate) === asUtc) return candidate;
  }
  // No candidate maps back: the time falls in a gap, so land after the gap.
  return asUtc - Math.min(first, second);
}

export function formatCalendarDate(clock: WallClock): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(clock.year, 4)}-${pad(clock.month)}-${pad(clock.day)}`;
}

/** Formats tried, in order, when guessing the format of sample values. */
export const candidateDateFormats = [
  ISO_FORMAT,
  "MM/DD/YYYY HH:mm:ss",
  "MM/DD/YYYY HH:mm",
  "MM/DD/YYYY hh:mm:ss A",
  "MM/DD/YYYY hh:mm A",
  "MM/DD/YYYY",
  "DD/MM/YYYY HH:mm:ss",
  "DD/MM/YYYY HH:mm",
  "DD/MM/YYYY",
  "YYYY/MM/DD HH:mm:ss",
  "YYYY/MM/DD",
  "MMM DD, YYYY hh:mm:ss A",
  "MMM DD, YYYY hh:mm A",
  "MMM DD, YYYY HH:mm:ss",
  "MMM DD, YYYY",
  "DD MMM YYYY HH:mm:ss",
  "DD MMM YYYY hh:mmA",
  "DD MMM YYYY",
  "DD.MM.YYYY HH:mm:ss",
  "DD.MM.YYYY HH:mm",
  "DD.MM.YYYY",
  "DD-MM-YYYY HH:mm:ss",
  "DD-MM-YYYY",
] as const;

export interface DetectedDateFormat {
  format: string;
  /** True when day-first and month-first both read every sample; month-first was chosen. */
  ambiguous: boolean;
}

/**
 * Picks the first candidate format that reads every non-empty sample. Month-
 * first wins a tie with day-first because Qualys exports default to it.
 */
export function detectDateFormat(samples: readonly string[]): DetectedDateFormat | null {
  const values = samples.map((s) => s.trim()).filter((s) => s !== "" && s !== "'-" && s !== "-");
  if (values.length === 0) return null;
  const fits = (format: string) => {
    const parse = compileDateFormat(format);
    return values.every((value) => parse(value) !== null);
  };
  for (const format of candidateDateFormats) {
    if (!fits(format)) continue;
    const swapped = format.startsWith("MM/DD") ? format.replace("MM/DD", "DD/MM") : null;
    return { format, ambiguous: swapped !== null && fits(swapped) };
  }
  return null;
}
