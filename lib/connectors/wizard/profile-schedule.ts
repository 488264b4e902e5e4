// The profile step edits times as the person reads them: wall-clock values
// ("2026-11-23T09:30", what <input type="datetime-local"> gives) in the
// profile's own time zone. These helpers turn that form into the schedule
// shape lib/schedule understands, so the preview and the saved profile agree.
import { wallClockToInstant } from "@/lib/ingest/date-format";
import {
  isValidIanaTimeZone,
  nextRunAt,
  profileScheduleSchema,
  type ProfileScheduleInput,
} from "@/lib/schedule/schedule";

export type ScheduleForm = {
  kind: "none" | "once" | "recurring";
  runAt: string;
  startsAt: string;
  endsAt: string;
  repeat: "interval" | "cron";
  intervalMinutes: string;
  cron: string;
  timeZone: string;
};

export const emptyScheduleForm: ScheduleForm = {
  kind: "none",
  runAt: "",
  startsAt: "",
  endsAt: "",
  repeat: "interval",
  intervalMinutes: "1440",
  cron: "",
  timeZone: "UTC",
};

const wallClockPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The instant a datetime-local value means in `timeZone`, or null when it is empty or malformed. */
export function wallClockToDate(value: string, timeZone: string): Date | null {
  const match = wallClockPattern.exec(value.trim());
  if (!match || !isValidIanaTimeZone(timeZone)) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const ms = wallClockToInstant(
    { year, month, day, hour, minute, second: second || 0, millisecond: 0 },
    timeZone,
  );
  return Number.isFinite(ms) ? new Date(ms) : null;
}

/** The inverse: an instant as a datetime-local value in `timeZone`. */
export function dateToWallClock(date: Date, timeZone: string): string {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  for (const part of format.formatToParts(date)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

function integerOrNull(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** The form as a lib/schedule input; fields the chosen kind does not use are dropped. */
export function toProfileSchedule(form: ScheduleForm): ProfileScheduleInput {
  const zone = form.timeZone.trim() || "UTC";
  const at = (value: string) => wallClockToDate(value, zone);
  if (form.kind === "none") return { kind: "none", timeZone: zone };
  if (form.kind === "once") return { kind: "once", runAt: at(form.runAt), timeZone: zone };
  return {
    kind: "recurring",
    startsAt: at(form.startsAt),
    endsAt: at(form.endsAt),
    intervalMinutes: form.repeat === "interval" ? integerOrNull(form.intervalMinutes) : null,
    cron: form.repeat === "cron" ? form.cron.trim() || null : null,
    timeZone: zone,
  };
}

/** The next `count` runs after `now`, or [] when the schedule is incomplete or has none left. */
export function upcomingRuns(form: ScheduleForm, now: Date, count = 3): Date[] {
  const schedule = toProfileSchedule(form);
  if (!profileScheduleSchema.safeParse(schedule).success) return [];
  const runs: Date[] = [];
  let after = now;
  while (runs.length < count) {
    const next = nextRunAt(schedule, after);
    if (!next) break;
    runs.push(next);
    after = next;
  }
  return runs;
}

/** "Jan 1, 2030, 06:00 CET": an instant as read in the profile's zone. */
export function formatInZone(date: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat("en", {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
      timeZoneName: "short",
    }).format(date);
  } catch {
    return date.toISOString();
  }
}
