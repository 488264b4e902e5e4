"use client";

import { useMemo } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { CalendarClock } from "lucide-react";
import { formatInZone, upcomingRuns } from "@/lib/connectors/wizard/profile-schedule";
import type { WizardValues } from "@/lib/connectors/wizard/schema";
import { Field, fieldDescribedBy } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ChoiceCard } from "./choice-card";

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

export function ProfileStep() {
  const {
    register,
    setValue,
    control,
    formState: { errors },
  } = useFormContext<WizardValues>();
  const [status, schedule] = useWatch({ control, name: ["profile.status", "profile.schedule"] });
  const zones = useMemo(() => timeZones(), []);
  const next = useMemo(() => upcomingRuns(schedule, new Date()), [schedule]);
  const e = errors.profile;
  const s = e?.schedule;
  const input = (
    id: string,
    error: string | undefined,
    hint?: boolean,
  ): { id: string; "aria-invalid"?: true; "aria-describedby"?: string } => ({
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": fieldDescribedBy(id, { error, hint }),
  });

  return (
    <div className="grid gap-6">
      <p className="text-sm text-muted-foreground">
        A profile decides whether the connector runs, when, and which assets it keeps. You can run
        it by hand at any time as well.
      </p>
      <div className="grid items-start gap-5 md:grid-cols-2">
        <Field id="profile-name" label="Profile name" error={e?.name?.message}>
          <Input {...input("profile-name", e?.name?.message)} {...register("profile.name")} />
        </Field>
        <Field
          id="profile-tags"
          label="Tag filter (optional)"
          error={e?.tagFilter?.message}
          hint="Comma-separated tags; only assets with one of them are imported."
        >
          <Input
            placeholder="production, dmz"
            {...input("profile-tags", e?.tagFilter?.message, true)}
            {...register("profile.tagFilter")}
          />
        </Field>
      </div>
      <Field
        id="profile-description"
        label="Description (optional)"
        error={e?.description?.message}
      >
        <Input
          {...input("profile-description", e?.description?.message)}
          {...register("profile.description")}
        />
      </Field>

      <div className="grid gap-1.5">
        <label
          htmlFor="profile-keep-finding-status"
          className="flex cursor-pointer items-start gap-3 rounded-lg border border-border bg-card p-3 has-[:checked]:border-primary"
        >
          <input
            id="profile-keep-finding-status"
            type="checkbox"
            className="focus-ring mt-0.5 size-4 shrink-0 accent-[var(--color-primary)]"
            aria-describedby={
              e?.keepFindingStatus
                ? "profile-keep-finding-status-error profile-keep-finding-status-hint"
                : "profile-keep-finding-status-hint"
            }
            aria-invalid={e?.keepFindingStatus ? true : undefined}
            {...register("profile.keepFindingStatus")}
          />
          <span className="grid gap-0.5">
            <span className="text-sm font-medium">Keep finding status</span>
            <span
              id="profile-keep-finding-status-hint"
              className="text-[13px] text-muted-foreground"
            >
              Keep the status of findings that a later import no longer reports. Otherwise a full
              import marks them Fixed.
            </span>
          </span>
        </label>
        {e?.keepFindingStatus?.message ? (
          <p id="profile-keep-finding-status-error" className="text-[13px] text-destructive">
            {e.keepFindingStatus.message}
          </p>
        ) : null}
      </div>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-[13px] font-medium">Status</legend>
        <div className="grid gap-3 md:grid-cols-2">
          <ChoiceCard
            name="profile-status"
            value="ACTIVE"
            checked={status === "ACTIVE"}
            onChange={() => setValue("profile.status", "ACTIVE")}
            title="Active"
            description="Runs on its schedule."
          />
          <ChoiceCard
            name="profile-status"
            value="INACTIVE"
            checked={status === "INACTIVE"}
            onChange={() => setValue("profile.status", "INACTIVE")}
            title="Inactive"
            description="Keeps the schedule but runs only when started by hand."
          />
        </div>
      </fieldset>

      <fieldset className="grid gap-2">
        <legend className="mb-2 text-[13px] font-medium">Schedule</legend>
        <div className="grid gap-3 md:grid-cols-3">
          <ChoiceCard
            name="profile-schedule"
            value="none"
            checked={schedule.kind === "none"}
            onChange={() =>
              setValue("profile.schedule.kind", "none", { shouldValidate: Boolean(s) })
            }
            title="No schedule"
            description="Run by hand, on uploads or on S3 events."
          />
          <ChoiceCard
            name="profile-schedule"
            value="once"
            checked={schedule.kind === "once"}
            onChange={() =>
              setValue("profile.schedule.kind", "once", { shouldValidate: Boolean(s) })
            }
            title="Single occurrence"
            description="One run at a date and time."
          />
          <ChoiceCard
            name="profile-schedule"
            value="recurring"
            checked={schedule.kind === "recurring"}
            onChange={() =>
              setValue("profile.schedule.kind", "recurring", { shouldValidate: Boolean(s) })
            }
            title="Recurring"
            description="Every few minutes, hours or days, or by cron."
          />
        </div>
      </fieldset>

      {schedule.kind !== "none" ? (
        <div className="grid gap-5 rounded-lg border border-border p-4">
          <div className="grid items-start gap-5 md:grid-cols-2">
            <Field
              id="schedule-zone"
              label="Time zone"
              error={s?.timeZone?.message}
              hint="Dates and cron times below are read in this zone."
            >
              <Input
                list="schedule-zones"
                spellCheck={false}
                {...input("schedule-zone", s?.timeZone?.message, true)}
                {...register("profile.schedule.timeZone")}
              />
            </Field>
            <datalist id="schedule-zones">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            {schedule.kind === "once" ? (
              <Field id="schedule-run-at" label="Run at" error={s?.runAt?.message}>
                <Input
                  type="datetime-local"
                  {...input("schedule-run-at", s?.runAt?.message)}
                  {...register("profile.schedule.runAt")}
                />
              </Field>
            ) : null}
          </div>

          {schedule.kind === "recurring" ? (
            <>
              <div className="grid items-start gap-5 md:grid-cols-2">
                <Field
                  id="schedule-starts"
                  label={schedule.repeat === "interval" ? "Starts at" : "Starts at (optional)"}
                  error={s?.startsAt?.message}
                >
                  <Input
                    type="datetime-local"
                    {...input("schedule-starts", s?.startsAt?.message)}
                    {...register("profile.schedule.startsAt")}
                  />
                </Field>
                <Field id="schedule-ends" label="Ends at (optional)" error={s?.endsAt?.message}>
                  <Input
                    type="datetime-local"
                    {...input("schedule-ends", s?.endsAt?.message)}
                    {...register("profile.schedule.endsAt")}
                  />
                </Field>
              </div>
              <fieldset className="grid gap-2">
                <legend className="mb-2 text-[13px] font-medium">Repeat</legend>
                <div className="grid gap-3 md:grid-cols-2">
                  <ChoiceCard
                    name="schedule-repeat"
                    value="interval"
                    checked={schedule.repeat === "interval"}
                    onChange={() => setValue("profile.schedule.repeat", "interval")}
                    title="Every N minutes"
                    description="Counted from the start time."
                  />
                  <ChoiceCard
                    name="schedule-repeat"
                    value="cron"
                    checked={schedule.repeat === "cron"}
                    onChange={() => setValue("profile.schedule.repeat", "cron")}
                    title="Cron expression"
                    description="Five fields: minute hour day month weekday."
                  />
                </div>
              </fieldset>
              {schedule.repeat === "interval" ? (
                <Field
                  id="schedule-interval"
                  label="Interval in minutes"
                  error={s?.intervalMinutes?.message}
                  hint="1440 is once a day."
                  className="max-w-xs"
                >
                  <Input
                    inputMode="numeric"
                    {...input("schedule-interval", s?.intervalMinutes?.message, true)}
                    {...register("profile.schedule.intervalMinutes")}
                  />
                </Field>
              ) : (
                <Field
                  id="schedule-cron"
                  label="Cron expression"
                  error={s?.cron?.message}
                  hint="For example 0 6 * * 1-5: 06:00 on weekdays."
                  className="max-w-md"
                >
                  <Input
                    spellCheck={false}
                    className="font-mono"
                    {...input("schedule-cron", s?.cron?.message, true)}
                    {...register("profile.schedule.cron")}
                  />
                </Field>
              )}
            </>
          ) : null}

          <div className="rounded-md bg-muted/50 px-3 py-2.5" aria-live="polite">
            <p className="flex items-center gap-2 text-[13px] font-medium">
              <CalendarClock aria-hidden className="size-4 text-muted-foreground" />
              Next runs
            </p>
            {next.length > 0 ? (
              <ol aria-label="Next runs" className="mt-1.5 grid gap-0.5 text-[13px] tabular-nums">
                {next.map((run) => (
                  <li key={run.toISOString()}>{formatInZone(run, schedule.timeZone || "UTC")}</li>
                ))}
              </ol>
            ) : (
              <p className="mt-1 text-[13px] text-muted-foreground">
                None yet: complete the schedule, or it has no run left after now.
              </p>
            )}
            {status === "INACTIVE" && next.length > 0 ? (
              <p className="mt-1.5 text-xs text-muted-foreground">
                The profile is inactive, so these will not start.
              </p>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
