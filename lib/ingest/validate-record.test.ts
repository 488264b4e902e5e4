import { describe, expect, it } from "vitest";
import { z } from "zod";
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

describe("createRecordValidator's field-by-field path", () => {
  // Per attribute: values zod accepts, then values it refuses. Records are
  // mostly valid, each field sometimes wrong, so both paths are exercised.
  const pools: Record<string, [unknown[], unknown[]]> = {
    ip: [
      ["10.0.0.1", "fe80::1", undefined],
      ["10.0.0.300", "", 7],
    ],
    ipAddresses: [
      [["10.0.0.1", "10.0.0.2"], [], undefined],
      [["nope"], "10.0.0.1"],
    ],
    ipv6: [["2001:db8::1", undefined], ["10.0.0.1"]],
    dnsName: [
      ["web01.example.com", "", undefined],
      [12, null],
    ],
    qid: [
      [105971, 38170],
      [0, -3, 1.5, "105971", Number.NaN, undefined],
    ],
    severity: [
      [1, 5],
      [6, 0, 2.5, undefined],
    ],
    type: [["CONFIRMED", "INFO", undefined], ["Vuln"]],
    status: [["ACTIVE", "FIXED", undefined], ["Open"]],
    cves: [[["CVE-2021-0001"], [], undefined], [["CVE-2021-0001", 4]]],
    cvssBase: [
      [7.5, 0, undefined],
      [11, Number.POSITIVE_INFINITY],
    ],
    port: [
      [443, 0, undefined],
      [70000, -1],
    ],
    ssl: [[true, false, undefined], ["yes"]],
    firstDetected: [
      [new Date("2021-05-13T09:10:11Z"), undefined],
      [new Date("x"), "2021-05-13"],
    ],
    title: [["Old software", undefined], [null]],
    unknownAttribute: [[undefined], ["x"]],
  };

  function randomRecord(random: () => number) {
    const record: Record<string, unknown> = {};
    for (const [key, [valid, invalid]] of Object.entries(pools)) {
      const values = random() < 0.04 ? invalid : valid;
      const value = values[Math.floor(random() * values.length)];
      if (value !== undefined || random() < 0.2) record[key] = value;
    }
    return record;
  }

  function seeded(seed: number) {
    return () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
  }

  it("agrees with zod on every record, valid or not", () => {
    const random = seeded(42);
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      const record = randomRecord(random);
      const expected = vulnerabilityFindingSchema.safeParse(record);
      const result = validate(record);
      expect(result.ok, JSON.stringify(record)).toBe(expected.success);
      if (result.ok) {
        accepted++;
        expect(result.record).toEqual(expected.data);
      }
    }
    // Both outcomes were exercised.
    expect(accepted).toBeGreaterThan(1000);
    expect(accepted).toBeLessThan(3000);
  });

  it("hands a valid record on as it is, without zod's copy", () => {
    const record = { qid: 1, severity: 2, ip: "10.0.0.1", cves: ["CVE-2021-0001"] };
    const result = validate(record);
    expect(result.ok && result.record).toBe(record);
  });

  it("agrees with zod on nested host records", () => {
    const check = createRecordValidator(hostAssetRecordSchema, []);
    const records: Record<string, unknown>[] = [
      { assetId: "1", bios: { serialNumber: "S1" }, openPorts: [{ port: 22 }] },
      { assetId: "1", bios: { serialNumber: 5 } },
      { assetId: "1", bios: { serialNumber: "S1", colour: "red" } },
      { assetId: "1", openPorts: [{ port: 22 }, { port: "ssh" }] },
      { assetId: "1", openPorts: [{}] },
      { assetId: "1", bios: null },
    ];
    for (const record of records) {
      const expected = hostAssetRecordSchema.safeParse(record);
      const result = check(record);
      expect(result.ok, JSON.stringify(record)).toBe(expected.success);
      if (result.ok) expect(result.record).toEqual(expected.data);
    }
    const valid = records[0];
    expect(check(valid)).toEqual({ ok: true, record: valid });
    expect((check(valid) as { record: unknown }).record).toBe(valid);
  });

  it("leaves schemas it cannot see through to zod: refinements, transforms", () => {
    const refined = createRecordValidator(
      z.strictObject({ name: z.string() }).refine((r) => r.name !== "x", "not x"),
      [],
    );
    expect(refined({ name: "x" })).toEqual({
      ok: false,
      errors: [{ column: "(record)", reason: "not x" }],
    });
    expect(refined({ name: "y" }).ok).toBe(true);

    const trimmed = createRecordValidator(z.strictObject({ name: z.string().trim() }), []);
    expect(trimmed({ name: " web01 " })).toEqual({ ok: true, record: { name: "web01" } });

    const loose = createRecordValidator(z.object({ name: z.string() }), []);
    expect(loose({ name: "a", extra: 1 })).toEqual({ ok: true, record: { name: "a" } });
  });
});
