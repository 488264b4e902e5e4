import { Cron } from "croner";
import { z } from "zod";

export function isValidIanaTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

// Minute precision: a profile that fires every second would flood the job
// queue, so six-field (seconds) patterns are refused.
const cronOptions = { mode: "5-part", paused: true } as const;

function cronProblem(pattern: string, timeZone: string): string | null {
  try {
    new Cron(pattern, { ...cronOptions, timezone: timeZone });
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

const optionalDate = z.coerce.date().nullish();

/**
 * A profile's schedule, shaped like the profile row (nullable columns, the
 * ScheduleKind enum in either case) so a row can be passed as it is.
 */
export const profileScheduleSchema = z
  .object({
    kind: z.preprocess(
      (value) => (typeof value === "string" ? value.toLowerCase() : value),
      z.enum(["none", "once", "recurring"]),
    ),
    runAt: optionalDate,
    startsAt: optionalDate,
    endsAt: optionalDate,
    intervalMinutes: z
      .number()
      .int()
      .min(1)
      .max(366 * 24 * 60)
      .nullish(),
    cron: z.string().trim().min(1).nullish(),
    timeZone: z.string().default("UTC"),
  })
  .superRefine((schedule, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (!isValidIanaTimeZone(schedule.timeZone))
      issue("timeZone", `unknown time zone "${schedule.timeZone}"`);
    if (schedule.kind === "once" && !schedule.runAt)
      issue("runAt", "a single run needs a date and time");
    if (schedule.kind !== "recurring") return;

    const hasInterval = schedule.intervalMinutes != null;
    const hasCron = schedule.cron != null;
    if (hasInterval === hasCron) {
      issue(
        hasCron ? "cron" : "intervalMinutes",
        "give either an interval or a cron expression, not both",
      );
    }
    if (hasInterval && !schedule.startsAt) {
      issue("startsAt", "an interval counts from a start date and time");
    }
    if (hasCron && isValidIanaTimeZone(schedule.timeZone)) {
      const problem = cronProblem(schedule.cron as string, schedule.timeZone);
      if (problem) issue("cron", `invalid cron expression: ${problem}`);
    }
    if (schedule.startsAt && schedule.endsAt && schedule.endsAt <= schedule.startsAt) {
      issue("endsAt", "the end must be after the start");
    }
  });

export type ProfileSchedule = z.infer<typeof profileScheduleSchema>;
export type ProfileScheduleInput = z.input<typeof profileScheduleSchema>;

/**
 * The first run strictly after `after`, or null when there is none (no
 * schedule, a single run already past, or a recurrence that has ended).
 *
 * Intervals are fixed durations counted from startsAt, so they ignore DST;
 * cron patterns are read in the profile's time zone, so "0 9 * * *" stays at
 * 09:00 local across a DST change. endsAt is exclusive for both.
 */
export function nextRunAt(input: ProfileScheduleInput, after: Date): Date | null {
  const schedule = profileScheduleSchema.parse(input);
  if (schedule.kind === "none") return null;
  if (schedule.kind === "once") {
    const runAt = schedule.runAt as Date;
    return runAt.getTime() > after.getTime() ? runAt : null;
  }

  const endsAt = schedule.endsAt ?? null;
  if (schedule.intervalMinutes != null) {
    const start = (schedule.startsAt as Date).getTime();
    const step = schedule.intervalMinutes * 60_000;
    const from = after.getTime();
    const next = from < start ? start : start + (Math.floor((from - start) / step) + 1) * step;
    if (endsAt && next >= endsAt.getTime()) return null;
    return new Date(next);
  }

  const job = new Cron(schedule.cron as string, {
    ...cronOptions,
    timezone: schedule.timeZone,
    ...(schedule.startsAt ? { startAt: schedule.startsAt } : {}),
    ...(endsAt ? { stopAt: endsAt } : {}),
  });
  return job.nextRun(after);
}
