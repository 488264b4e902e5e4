// Parsing of typed values (numbers, dates, IP addresses) and LIKE patterns.
// Everything here is pure and returns undefined for input it does not accept,
// leaving the wording of the error to the compiler, which knows the column.

const NUMBER = /^[+-]?\d{1,30}(\.\d{1,30})?$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

// ---- dates -----------------------------------------------------------------

/**
 * A date value is either a whole calendar period (`2026`, `2026-01`,
 * `2026-01-15`, all UTC) or a point in time (an ISO date-time or `now-7d`).
 * Periods let `lastSeen:2026-01-15` mean "that day" and `lastSeen>2026-01-15`
 * mean "after that day", which is what people expect.
 */
export type DateValue =
  { kind: "period"; start: number; end: number } | { kind: "instant"; at: number };

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const PERIOD = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;
const RELATIVE = /^now(?:([+-])(\d{1,6})([smhdw]))?$/i;
const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function inRange(ms: number) {
  if (!Number.isFinite(ms)) return false;
  const year = new Date(ms).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

export function parseDate(text: string, now: Date): DateValue | undefined {
  const relative = RELATIVE.exec(text);
  if (relative) {
    const [, sign, amount, unit] = relative;
    const offset = sign
      ? Number(amount) * UNIT_MS[unit.toLowerCase()] * (sign === "-" ? -1 : 1)
      : 0;
    const at = now.getTime() + offset;
    return inRange(at) ? { kind: "instant", at } : undefined;
  }

  const period = PERIOD.exec(text);
  if (period) {
    const year = Number(period[1]);
    const month = period[2] === undefined ? undefined : Number(period[2]);
    const day = period[3] === undefined ? undefined : Number(period[3]);
    if (year < MIN_YEAR || year > MAX_YEAR) return undefined;
    if (month === undefined) {
      return { kind: "period", start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
    }
    if (month < 1 || month > 12) return undefined;
    if (day === undefined) {
      return { kind: "period", start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
    }
    if (day < 1 || day > daysInMonth(year, month)) return undefined;
    const start = Date.UTC(year, month - 1, day);
    return { kind: "period", start, end: start + UNIT_MS.d };
  }

  const dateTime = DATE_TIME.exec(text);
  if (dateTime) {
    const [, y, mo, d, h, mi, s, fraction, zone] = dateTime;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = s === undefined ? 0 : Number(s);
    if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
    if (day < 1 || day > daysInMonth(year, month)) return undefined;
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"));
    let offsetMinutes = 0;
    if (zone && zone.toUpperCase() !== "Z") {
      const digits = zone.replace(":", "");
      const zoneHours = Number(digits.slice(1, 3));
      const zoneMinutes = Number(digits.slice(3, 5));
      if (zoneHours > 23 || zoneMinutes > 59) return undefined;
      offsetMinutes = (zoneHours * 60 + zoneMinutes) * (digits[0] === "-" ? -1 : 1);
    }
    const at =
      Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
    return inRange(at) ? { kind: "instant", at } : undefined;
  }
  return undefined;
}

/**
 * Timestamps are stored as `timestamp(3)` holding UTC (Prisma's convention),
 * so parameters are UTC wall-clock text without a zone, cast to timestamp.
 */
export function toSqlTimestamp(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(date.getUTCMilliseconds(), 3)}`
  );
}

// ---- IP addresses ----------------------------------------------------------

function isIPv4(text: string): boolean {
  const parts = text.split(".");
  return (
    parts.length === 4 &&
    parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part) && Number(part) <= 255)
  );
}

function isIPv6(text: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(":")) return false;
  let groups = text;
  if (text.includes(".")) {
    // An embedded IPv4 tail, as in ::ffff:10.0.0.1, stands for two groups.
    const lastColon = text.lastIndexOf(":");
    if (!isIPv4(text.slice(lastColon + 1))) return false;
    groups = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = groups.split("::");
  if (halves.length > 2) return false;
  const split = (half: string) => (half === "" ? [] : half.split(":"));
  const all = [...split(halves[0]), ...(halves.length === 2 ? split(halves[1]) : [])];
  if (!all.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? all.length <= 7 : all.length === 8;
}

/**
 * An IP address or CIDR range, normalised to what PostgreSQL's inet accepts;
 * undefined for anything else so that a cast in SQL can never fail.
 */
export function parseIpOrCidr(text: string): string | undefined {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefix = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = isIPv4(address);
  if (!v4 && !isIPv6(address)) return undefined;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (v4 ? 32 : 128)) return undefined;
  }
  return text.toLowerCase();
}

// ---- text patterns ---------------------------------------------------------

/** Escapes LIKE metacharacters; backslash is PostgreSQL's default LIKE escape. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** `Windows*` → `Windows%`, with everything else literal. */
export function wildcardToLike(text: string): string {
  return text.split("*").map(escapeLike).join("%");
}

/** The same wildcard as a JavaScript test, for matching enum labels. */
export function wildcardToRegExp(text: string): RegExp {
  const body = text
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i");
}
