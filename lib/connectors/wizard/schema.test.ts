import { describe, expect, it } from "vitest";
import { qualysVmScanCsvTemplate } from "@/lib/ingest/templates/qualys-vm-scan-csv";
import { upcomingRuns, wallClockToDate, type ScheduleForm } from "./profile-schedule";
import {
  basicStepSchema,
  connectorSchema,
  emptyWizardValues,
  identificationStepSchema,
  profileStepSchema,
  stepIssues,
  transformMapStepSchema,
  type WizardValues,
} from "./schema";

function completeValues(): WizardValues {
  const values = emptyWizardValues();
  values.basic = {
    name: "Scan reports",
    description: "",
    type: "s3-csv",
    findingType: "VULNERABILITY",
    assetType: "HOST",
  };
  values.source = { config: { bucket: "scans" }, secrets: {} };
  values.dataModel = { key: "vulnerability-finding" };
  values.transformMap = {
    ...values.transformMap,
    templateKey: qualysVmScanCsvTemplate.key,
    name: qualysVmScanCsvTemplate.name,
    mappings: qualysVmScanCsvTemplate.mappings.map((m) => ({ ...m })),
  };
  values.identification = { rules: [{ identifier: "IP", enabled: true }] };
  return values;
}

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((issue) => issue.message);

describe("basic step", () => {
  const base = {
    name: "A",
    description: "",
    type: "s3-csv",
    findingType: "ASSET",
    assetType: "HOST",
  };
  it.each([
    ["a valid connector", base, []],
    ["a blank name", { ...base, name: "   " }, ["Enter a name for the connector."]],
    ["a 51-character name", { ...base, name: "x".repeat(51) }, ["Use at most 50 characters."]],
    ["exactly 50 characters", { ...base, name: "x".repeat(50) }, []],
    ["no type", { ...base, type: "" }, ["Choose a connector type."]],
    ["no finding type", { ...base, findingType: "" }, ["Choose what this connector imports."]],
    [
      "a log finding type",
      { ...base, findingType: "LOG" },
      ["Choose what this connector imports."],
    ],
  ])("%s", (_, input, expected) => {
    expect(messages(basicStepSchema.safeParse(input))).toEqual(expected);
  });
});

describe("transform map step", () => {
  const base = {
    templateKey: null,
    name: "Map",
    preambleLines: 0,
    delimiter: ",",
    mappings: [{ sourceField: "IP", dataType: "ip", targetField: "ip", transforms: [] }],
  };
  it.each([
    ["one mapping", base, []],
    ["no mappings", { ...base, mappings: [] }, ["Add at least one field mapping."]],
    ["a negative preamble", { ...base, preambleLines: -1 }, ["Enter 0 or more lines."]],
    [
      "a two-character delimiter",
      { ...base, delimiter: ";;" },
      ["The delimiter is one character."],
    ],
    [
      "a mapping without a source column",
      { ...base, mappings: [{ ...base.mappings[0], sourceField: "" }] },
      ["choose a source column"],
    ],
  ])("%s", (_, input, expected) => {
    expect(messages(transformMapStepSchema.safeParse(input))).toEqual(expected);
  });

  it("names the row whose target is not in the chosen model", () => {
    const values = completeValues();
    values.transformMap.mappings = [
      { sourceField: "IP", dataType: "ip", targetField: "ip", transforms: [] },
      { sourceField: "Colour", dataType: "string", targetField: "colour", transforms: [] },
    ];
    expect(stepIssues("transform-map", values)).toEqual({
      "transformMap.mappings.1.targetField": ["No such attribute in the data model."],
    });
  });

  it("flags a data type the attribute cannot take", () => {
    const values = completeValues();
    values.transformMap.mappings = [
      { sourceField: "QID", dataType: "string", targetField: "qid", transforms: [] },
    ];
    expect(stepIssues("transform-map", values)["transformMap.mappings.0.targetField"]?.[0]).toMatch(
      /integer/,
    );
  });
});

describe("profile step", () => {
  const base = {
    name: "Default",
    description: "",
    tagFilter: "",
    status: "ACTIVE",
    schedule: {
      kind: "none",
      runAt: "",
      startsAt: "",
      endsAt: "",
      repeat: "interval",
      intervalMinutes: "60",
      cron: "",
      timeZone: "UTC",
    },
  } as const;
  const withSchedule = (schedule: Partial<ScheduleForm>) => ({
    ...base,
    schedule: { ...base.schedule, ...schedule },
  });

  it.each<[string, unknown, Record<string, string>]>([
    ["no schedule", base, {}],
    [
      "a single run without a time",
      withSchedule({ kind: "once" }),
      { "schedule.runAt": "A single run needs a date and time." },
    ],
    [
      "a single run in the past",
      withSchedule({ kind: "once", runAt: "2001-01-01T00:00" }),
      { "schedule.runAt": "Choose a time in the future." },
    ],
    ["a single run in the future", withSchedule({ kind: "once", runAt: "2999-01-01T00:00" }), {}],
    [
      "an interval without a start",
      withSchedule({ kind: "recurring" }),
      { "schedule.startsAt": "An interval counts from a start date and time." },
    ],
    [
      "an interval that is not a number",
      withSchedule({ kind: "recurring", startsAt: "2030-01-01T00:00", intervalMinutes: "hourly" }),
      { "schedule.intervalMinutes": "Enter the interval as whole minutes." },
    ],
    [
      "a valid interval",
      withSchedule({ kind: "recurring", startsAt: "2030-01-01T00:00", intervalMinutes: "90" }),
      {},
    ],
    [
      "an end before the start",
      withSchedule({ kind: "recurring", startsAt: "2030-01-02T00:00", endsAt: "2030-01-01T00:00" }),
      { "schedule.endsAt": "The end must be after the start." },
    ],
    [
      "a broken cron expression",
      withSchedule({ kind: "recurring", repeat: "cron", cron: "every day" }),
      { "schedule.cron": expect.stringMatching(/^Invalid cron expression/) as unknown as string },
    ],
    [
      "a valid cron expression",
      withSchedule({ kind: "recurring", repeat: "cron", cron: "0 6 * * 1-5" }),
      {},
    ],
    [
      "an unknown time zone",
      withSchedule({
        kind: "recurring",
        repeat: "cron",
        cron: "0 6 * * *",
        timeZone: "Mars/Olympus",
      }),
      { "schedule.timeZone": 'Unknown time zone "Mars/Olympus".' },
    ],
    [
      "a garbled date",
      withSchedule({ kind: "once", runAt: "tomorrow" }),
      { "schedule.runAt": "Enter a date and time." },
    ],
  ])("%s", (_, input, expected) => {
    const result = profileStepSchema.safeParse(input);
    const byPath: Record<string, string> = {};
    if (!result.success)
      for (const issue of result.error.issues) byPath[issue.path.join(".")] ??= issue.message;
    expect(byPath).toEqual(expected);
  });

  it.each<[string, unknown, boolean | string]>([
    ["left out, as in drafts from before the setting", undefined, false],
    ["unticked", false, false],
    ["ticked", true, true],
    ["not a boolean", "yes", "Use true or false."],
  ])("keepFindingStatus %s", (_, keepFindingStatus, expected) => {
    const result = profileStepSchema.safeParse({ ...base, keepFindingStatus });
    if (typeof expected === "string") expect(messages(result)).toEqual([expected]);
    else expect(result.data?.keepFindingStatus).toBe(expected);
  });

  it("starts new wizards with unreported findings becoming Fixed", () => {
    expect(emptyWizardValues().profile.keepFindingStatus).toBe(false);
  });

  it("reads wall-clock times in the profile's zone and previews the next three runs", () => {
    expect(wallClockToDate("2030-07-01T09:00", "Europe/Berlin")?.toISOString()).toBe(
      "2030-07-01T07:00:00.000Z",
    );
    const runs = upcomingRuns(
      {
        kind: "recurring",
        runAt: "",
        startsAt: "2030-01-01T00:00",
        endsAt: "",
        repeat: "interval",
        intervalMinutes: "720",
        cron: "",
        timeZone: "UTC",
      },
      new Date("2030-01-01T01:00:00Z"),
    );
    expect(runs.map((run) => run.toISOString())).toEqual([
      "2030-01-01T12:00:00.000Z",
      "2030-01-02T00:00:00.000Z",
      "2030-01-02T12:00:00.000Z",
    ]);
  });
});

describe("identification step", () => {
  it.each([
    ["one enabled rule", [{ identifier: "IP", enabled: true }], []],
    [
      "every rule off",
      [
        { identifier: "IP", enabled: false },
        { identifier: "MAC", enabled: false },
      ],
      ["Turn on at least one rule."],
    ],
    [
      "a repeated identifier",
      [
        { identifier: "IP", enabled: true },
        { identifier: "IP", enabled: false },
      ],
      ["Each identifier appears once."],
    ],
  ])("%s", (_, rules, expected) => {
    expect(messages(identificationStepSchema.safeParse({ rules }))).toEqual(expected);
  });
});

describe("whole connector", () => {
  it("accepts a complete connector built from the Qualys VM scan template", () => {
    expect(messages(connectorSchema.safeParse(completeValues()))).toEqual([]);
  });

  it("keeps the data model in step with the finding type", () => {
    const values = completeValues();
    values.basic.findingType = "ASSET";
    const result = connectorSchema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error?.issues.find((i) => i.path.join(".") === "dataModel.key")?.message).toBe(
      "Asset connectors use the Host Asset model.",
    );
  });

  it("validates only the current step's key when checking one step", () => {
    const values = completeValues();
    values.profile.name = "";
    expect(stepIssues("basic", values)).toEqual({});
    expect(stepIssues("profile", values)).toEqual({ "profile.name": ["Name the profile."] });
  });
});
