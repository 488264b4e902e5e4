import { describe, expect, it } from "vitest";
import { hostAssetRecordSchema } from "@/lib/datamodels/host-asset";
import { vulnerabilityFindingSchema } from "@/lib/datamodels/vulnerability-finding";
import type { FieldMappingInput } from "./transforms";
import { createRecordValidator } from "./validate-record";

const mappings: FieldMappingInput[] = [
  { sourceField: "QID", targetField: "qid", dataType: "integer" },
  { sourceField: "Severity", targetField: "severity", dataType: "integer" },
  { sourceField: "Q_SEVERITY", targetField: "severity", dataType: "integer" },
  { sourceField: "IP", targetField: "ip", dataType: "ip" },
  { sourceField: "Vuln Status", targetField: "status", dataType: "string" },
];
const validate = createRecordValidator(vulnerabilityFindingSchema, mappings);

describe("createRecordValidator", () => {
  it("passes a valid record through", () => {
    expect(validate({ qid: 1, severity: 2, ip: "10.0.0.1" })).toEqual({
      ok: true,
      record: { qid: 1, severity: 2, ip: "10.0.0.1" },
    });
  });

  const cases: [string, Record<string, unknown>, { column: string; reason: string }[]][] = [
    [
      "an out-of-range value, named by its first source column",
      { qid: 1, severity: 9, ip: "10.0.0.1" },
      [{ column: "Severity", reason: "severity: severity must be 1 to 5" }],
    ],
    [
      "a missing required value",
      { severity: 2, ip: "10.0.0.1" },
      [{ column: "QID", reason: "qid is required but the row has no value for it" }],
    ],
    [
      "an unmapped status word",
      { qid: 1, severity: 2, ip: "10.0.0.1", status: "Open" },
      [{ column: "Vuln Status", reason: expect.stringMatching(/^status: /) }],
    ],
    [
      "a record with no host",
      { qid: 1, severity: 2 },
      [{ column: "IP", reason: expect.stringMatching(/needs at least one host identifier/) }],
    ],
  ];
  it.each(cases)("reports %s", (_name, record, errors) => {
    expect(validate(record)).toEqual({ ok: false, errors });
  });

  it("names attributes of nested lists by their column", () => {
    const check = createRecordValidator(hostAssetRecordSchema, [
      { sourceField: "Serial", targetField: "bios.serialNumber", dataType: "string" },
      { sourceField: "Ports", targetField: "openPorts[].port", dataType: "integer" },
    ]);
    const result = check({ bios: { serialNumber: "S1" }, openPorts: [{ port: "x" }] });
    expect(result).toEqual({
      ok: false,
      errors: [{ column: "Ports", reason: expect.stringMatching(/^openPorts\.port: /) }],
    });
  });
});
