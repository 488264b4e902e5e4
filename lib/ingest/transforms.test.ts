import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hostAssetAttributes } from "@/lib/datamodels/host-asset";
import { vulnerabilityFindingAttributes } from "@/lib/datamodels/vulnerability-finding";
import {
  applyTransformMap,
  checkMappingTargets,
  compileTransformMap,
  fieldMappingSchema,
  missingSourceColumns,
  stripHtml,
  type FieldMappingInput,
  type TransformInput,
} from "./transforms";

/** Runs one cell through one mapping and returns what lands in the record. */
function run(dataType: FieldMappingInput["dataType"], transforms: TransformInput[], cell: string) {
  const { record, errors } = applyTransformMap({ c: cell }, [
    { sourceField: "c", targetField: "out", dataType, transforms },
  ]);
  return { value: record.out, errors };
}

describe("transforms", () => {
  const cases: [string, FieldMappingInput["dataType"], TransformInput[], string, unknown][] = [
    ["trim", "string", [{ type: "trim" }], "  a b  ", "a b"],
    ["no trim keeps spaces", "string", [], "  a b  ", "  a b  "],
    ["upper case", "string", [{ type: "case", to: "upper" }], "Tcp", "TCP"],
    ["lower case", "string", [{ type: "case", to: "lower" }], "TCP", "tcp"],
    [
      "title case",
      "string",
      [{ type: "case", to: "title" }],
      "rE-oPENED status",
      "Re-Opened Status",
    ],
    [
      "split on comma",
      "string",
      [{ type: "split", delimiter: "," }],
      "CVE-1, CVE-2,,CVE-3 ",
      ["CVE-1", "CVE-2", "CVE-3"],
    ],
    ["split on semicolon", "string", [{ type: "split", delimiter: ";" }], "a;b", ["a", "b"]],
    ["split of empty is absent", "string", [{ type: "split", delimiter: "," }], "", undefined],
    ["split drops the '- marker", "string", [{ type: "split", delimiter: "," }], "'-", undefined],
    [
      "pick first",
      "ip",
      [
        { type: "split", delimiter: "," },
        { type: "pick", index: 0 },
      ],
      "10.0.0.20,10.0.0.21",
      "10.0.0.20",
    ],
    [
      "pick last",
      "ip",
      [
        { type: "split", delimiter: "," },
        { type: "pick", index: -1 },
      ],
      "10.0.0.20,10.0.0.21",
      "10.0.0.21",
    ],
    [
      "pick past the end is absent",
      "string",
      [
        { type: "split", delimiter: "," },
        { type: "pick", index: 3 },
      ],
      "a,b",
      undefined,
    ],
    ["default fills an empty cell", "string", [{ type: "default", value: "tcp" }], "", "tcp"],
    ["default fills the '- marker", "string", [{ type: "default", value: "none" }], "'-", "none"],
    ["default without value empties the marker", "string", [{ type: "default" }], "'-", undefined],
    [
      "default with own markers",
      "string",
      [{ type: "default", value: "0", emptyMarkers: ["N/A"] }],
      "N/A",
      "0",
    ],
    ["default keeps a real value", "string", [{ type: "default", value: "x" }], "udp", "udp"],
    [
      "valueMap maps case-insensitively",
      "string",
      [{ type: "valueMap", map: { "Re-Opened": "REOPENED" } }],
      "re-opened",
      "REOPENED",
    ],
    [
      "valueMap keeps unknown values by default",
      "string",
      [{ type: "valueMap", map: { a: "b" } }],
      "zzz",
      "zzz",
    ],
    [
      "valueMap can empty unknown values",
      "string",
      [{ type: "valueMap", map: { a: "b" }, unmapped: "empty" }],
      "zzz",
      undefined,
    ],
    [
      "valueMap case-sensitive misses",
      "string",
      [{ type: "valueMap", map: { Fixed: "FIXED" }, caseSensitive: true }],
      "fixed",
      "fixed",
    ],
    [
      "valueMap over a list",
      "string",
      [
        { type: "split", delimiter: "," },
        { type: "valueMap", map: { x: "X", y: "Y" } },
      ],
      "x,y",
      ["X", "Y"],
    ],
    [
      "stripHtml",
      "string",
      [{ type: "stripHtml" }],
      "Line one.<P>Line two<BR>end",
      "Line one.\nLine two\nend",
    ],
    [
      "extract a leading score",
      "float",
      [{ type: "extract", pattern: "^\\s*([0-9.]+)" }],
      "8.1 (AV:N/AC:H)",
      8.1,
    ],
    [
      "extract group 0",
      "string",
      [{ type: "extract", pattern: "CVE-\\d+-\\d+", group: 0 }],
      "see CVE-2021-44228 now",
      "CVE-2021-44228",
    ],
    [
      "extract without a match keeps the value",
      "string",
      [{ type: "extract", pattern: "\\d+" }],
      "none",
      "none",
    ],
    [
      "dateFormat month-first",
      "datetime",
      [{ type: "dateFormat", format: "MM/DD/YYYY HH:mm:ss" }],
      "05/13/2021 07:08:28",
      new Date("2021-05-13T07:08:28Z"),
    ],
    [
      "dateFormat day-first",
      "datetime",
      [{ type: "dateFormat", format: "DD/MM/YYYY HH:mm" }],
      "22/09/2022 13:01",
      new Date("2022-09-22T13:01:00Z"),
    ],
    [
      "dateFormat 12-hour with month name",
      "datetime",
      [{ type: "dateFormat", format: "MMM DD, YYYY hh:mm A" }],
      "Apr 13, 2021 03:14 PM",
      new Date("2021-04-13T15:14:00Z"),
    ],
    [
      "dateFormat 12 AM is midnight",
      "datetime",
      [{ type: "dateFormat", format: "MMM DD, YYYY hh:mm A" }],
      "Jan 01, 2026 12:05 AM",
      new Date("2026-01-01T00:05:00Z"),
    ],
    [
      "dateFormat in a zone",
      "datetime",
      [{ type: "dateFormat", format: "MM/DD/YYYY HH:mm:ss", timeZone: "Europe/Berlin" }],
      "07/01/2024 12:00:00",
      new Date("2024-07-01T10:00:00Z"),
    ],
    [
      "dateFormat in winter time",
      "datetime",
      [{ type: "dateFormat", format: "MM/DD/YYYY HH:mm:ss", timeZone: "Europe/Berlin" }],
      "01/15/2024 12:00:00",
      new Date("2024-01-15T11:00:00Z"),
    ],
    [
      "dateFormat fixed offset zone",
      "datetime",
      [{ type: "dateFormat", format: "MMM DD, YYYY hh:mm A", timeZone: "GMT-0500" }],
      "Feb 03, 2026 07:00 AM",
      new Date("2026-02-03T12:00:00Z"),
    ],
    [
      "dateFormat ISO keeps the written offset",
      "datetime",
      [{ type: "dateFormat", format: "ISO", timeZone: "Asia/Tokyo" }],
      "2018-04-13T03:49:05+02:00",
      new Date("2018-04-13T01:49:05Z"),
    ],
    [
      "dateFormat ISO without offset uses the zone",
      "datetime",
      [{ type: "dateFormat", format: "ISO", timeZone: "Asia/Tokyo" }],
      "2018-04-13 09:00",
      new Date("2018-04-13T00:00:00Z"),
    ],
    [
      "dateFormat to a calendar date ignores the zone",
      "date",
      [{ type: "dateFormat", format: "DD.MM.YYYY", timeZone: "Pacific/Kiritimati" }],
      "31.12.2025",
      "2025-12-31",
    ],
    [
      "datetime without a transform reads ISO as UTC",
      "datetime",
      [],
      "2021-05-13T07:08:28",
      new Date("2021-05-13T07:08:28Z"),
    ],
    ["integer", "integer", [], " 42 ", 42],
    ["integer with .0", "integer", [], "5.0", 5],
    ["negative integer", "integer", [], "-7", -7],
    ["float", "float", [], "9.8", 9.8],
    ["float exponent", "float", [], "1e3", 1000],
    ["boolean yes", "boolean", [], "Yes", true],
    ["boolean 0", "boolean", [], "0", false],
    ["ipv4", "ip", [], "10.0.0.1", "10.0.0.1"],
    ["ipv6 lower-cased", "ip", [], "2001:DB8::1", "2001:db8::1"],
    ["list dataType wraps a single value", "list", [], "x", ["x"]],
    ["integers from a list", "integer", [{ type: "split", delimiter: "," }], "80, 443", [80, 443]],
    ["whitespace-only is absent", "string", [], "   ", undefined],
  ];

  it.each(cases)("%s", (_name, dataType, transforms, cell, expected) => {
    const { value, errors } = run(dataType, transforms, cell);
    expect(errors).toEqual([]);
    expect(value).toEqual(expected);
  });
});

describe("coercion errors name the cell", () => {
  const cases: [FieldMappingInput["dataType"], TransformInput[], string, string][] = [
    ["integer", [], "abc", "'abc' is not an integer"],
    ["integer", [], "4.5", "'4.5' is not an integer"],
    ["integer", [], "99999999999999999999", "'99999999999999999999' is not an integer"],
    ["float", [], "8.1 (AV:N)", "'8.1 (AV:N)' is not a number"],
    ["boolean", [], "maybe", "'maybe' is not a boolean (use yes/no, true/false or 1/0)"],
    ["ip", [], "10.0.0.300", "'10.0.0.300' is not an IP address"],
    ["ip", [], "host.example", "'host.example' is not an IP address"],
    [
      "datetime",
      [],
      "05/13/2021",
      "'05/13/2021' is not an ISO 8601 date-time (add a date format transform)",
    ],
    [
      "datetime",
      [],
      "2021-02-30T00:00:00.000Z",
      "'2021-02-30T00:00:00.000Z' is not an ISO 8601 date-time (add a date format transform)",
    ],
    [
      "date",
      [],
      "yesterday",
      "'yesterday' is not a date (YYYY-MM-DD; add a date format transform)",
    ],
    [
      "datetime",
      [{ type: "dateFormat", format: "MM/DD/YYYY" }],
      "13/45/2021",
      "'13/45/2021' does not match the date format MM/DD/YYYY",
    ],
    [
      "datetime",
      [{ type: "dateFormat", format: "MM/DD/YYYY" }],
      "02/30/2021",
      "'02/30/2021' does not match the date format MM/DD/YYYY",
    ],
    [
      "datetime",
      [{ type: "dateFormat", format: "ISO" }],
      "2021-5-1",
      "'2021-5-1' does not match the date format an ISO 8601 date",
    ],
    [
      "string",
      [{ type: "valueMap", map: { a: "A" }, unmapped: "error" }],
      "b",
      "'b' is not one of the mapped values",
    ],
  ];

  it.each(cases)("%s %j %s", (dataType, transforms, cell, reason) => {
    const { value, errors } = run(dataType, transforms, cell);
    expect(value).toBeUndefined();
    expect(errors).toEqual([{ column: "c", reason }]);
  });

  it("shortens a long bad value in the message", () => {
    const { errors } = run("integer", [], "x".repeat(200));
    expect(errors[0].reason.length).toBeLessThan(110);
  });
});

describe("applyTransformMap", () => {
  it("keeps the good cells of a row that has a bad one and reports each bad cell", () => {
    const mappings: FieldMappingInput[] = [
      { sourceField: "QID", targetField: "qid", dataType: "integer" },
      { sourceField: "Port", targetField: "port", dataType: "integer" },
      { sourceField: "Title", targetField: "title", dataType: "string" },
      { sourceField: "CVSS", targetField: "cvssBase", dataType: "float" },
    ];
    const result = applyTransformMap(
      { QID: "x1", Port: "443", Title: "T", CVSS: "high" },
      mappings,
    );
    expect(result.record).toEqual({ port: 443, title: "T" });
    expect(result.errors).toEqual([
      { column: "QID", reason: "'x1' is not an integer" },
      { column: "CVSS", reason: "'high' is not a number" },
    ]);
  });

  it("gives every row its own values and errors when cells repeat", () => {
    const compiled = compileTransformMap([
      {
        sourceField: "CVE",
        targetField: "cves",
        dataType: "string",
        transforms: [{ type: "split", delimiter: "," }],
      },
      { sourceField: "QID", targetField: "qid", dataType: "integer" },
    ]);
    const first = compiled.apply({ CVE: "CVE-1,CVE-2", QID: "x" });
    (first.record.cves as string[]).push("changed");
    const second = compiled.apply({ CVE: "CVE-1,CVE-2", QID: "x" });
    expect(second.record).toEqual({ cves: ["CVE-1", "CVE-2"] });
    expect(second.errors).toEqual([{ column: "QID", reason: "'x' is not an integer" }]);
  });

  it("builds nested objects from dotted paths", () => {
    const { record } = applyTransformMap({ os: "Windows", ver: "10" }, [
      { sourceField: "os", targetField: "operatingSystem.name", dataType: "string" },
      { sourceField: "ver", targetField: "operatingSystem.version", dataType: "string" },
    ]);
    expect(record).toEqual({ operatingSystem: { name: "Windows", version: "10" } });
  });

  it("lines parallel list columns up into a list of objects", () => {
    const split: TransformInput[] = [{ type: "split", delimiter: ";" }];
    const { record, errors } = applyTransformMap({ ports: "22;443", protocols: "tcp;tcp" }, [
      {
        sourceField: "ports",
        targetField: "openPorts[].port",
        dataType: "integer",
        transforms: split,
      },
      {
        sourceField: "protocols",
        targetField: "openPorts[].protocol",
        dataType: "string",
        transforms: split,
      },
    ]);
    expect(errors).toEqual([]);
    expect(record).toEqual({
      openPorts: [
        { port: 22, protocol: "tcp" },
        { port: 443, protocol: "tcp" },
      ],
    });
  });

  it("merges several mappings into one target: lists concatenate, single values keep the first", () => {
    const split: TransformInput[] = [{ type: "split", delimiter: "," }];
    const { record } = applyTransformMap(
      { v4: "10.0.0.1,10.0.0.2", v6: "2001:db8::1", dns: "", netbios: "HOST1", alt: "10.0.0.1" },
      [
        { sourceField: "v4", targetField: "ipAddresses", dataType: "ip", transforms: split },
        { sourceField: "v6", targetField: "ipAddresses", dataType: "ip", transforms: split },
        { sourceField: "alt", targetField: "ipAddresses", dataType: "ip", transforms: split },
        { sourceField: "dns", targetField: "name", dataType: "string" },
        { sourceField: "netbios", targetField: "name", dataType: "string" },
        { sourceField: "v4", targetField: "other", dataType: "string" },
        { sourceField: "netbios", targetField: "other", dataType: "string" },
      ],
    );
    expect(record).toEqual({
      ipAddresses: ["10.0.0.1", "10.0.0.2", "2001:db8::1"],
      name: "HOST1",
      other: "10.0.0.1,10.0.0.2",
    });
  });

  it("treats a column missing from the row as an empty cell, so defaults still apply", () => {
    const { record, errors } = applyTransformMap({}, [
      {
        sourceField: "Protocol",
        targetField: "protocol",
        dataType: "string",
        transforms: [{ type: "default", value: "tcp" }],
      },
      { sourceField: "Port", targetField: "port", dataType: "integer" },
    ]);
    expect(errors).toEqual([]);
    expect(record).toEqual({ protocol: "tcp" });
  });

  it("reuses the compiled map for the same mapping array", () => {
    const mappings: FieldMappingInput[] = [
      { sourceField: "a", targetField: "a", dataType: "integer" },
    ];
    expect(applyTransformMap({ a: "1" }, mappings).record).toEqual({ a: 1 });
    // Mutating the array after first use is not seen: the compiled form is cached by identity.
    mappings[0] = { sourceField: "a", targetField: "b", dataType: "string" };
    expect(applyTransformMap({ a: "1" }, mappings).record).toEqual({ a: 1 });
  });

  it("maps 100k rows quickly enough to run per row", () => {
    const compiled = compileTransformMap([
      {
        sourceField: "QID",
        targetField: "qid",
        dataType: "integer",
        transforms: [{ type: "trim" }],
      },
      { sourceField: "IP", targetField: "ip", dataType: "ip", transforms: [{ type: "trim" }] },
      {
        sourceField: "Status",
        targetField: "status",
        dataType: "string",
        transforms: [{ type: "valueMap", map: { Active: "ACTIVE" } }],
      },
      {
        sourceField: "CVE",
        targetField: "cves",
        dataType: "string",
        transforms: [{ type: "split", delimiter: "," }],
      },
      {
        sourceField: "Seen",
        targetField: "lastDetected",
        dataType: "datetime",
        transforms: [
          { type: "dateFormat", format: "MM/DD/YYYY HH:mm:ss", timeZone: "America/New_York" },
        ],
      },
      {
        sourceField: "Threat",
        targetField: "threat",
        dataType: "string",
        transforms: [{ type: "stripHtml" }],
      },
    ]);
    const rows = 100_000;
    const started = performance.now();
    let errors = 0;
    for (let i = 0; i < rows; i++) {
      const result = compiled.apply({
        QID: String(100000 + (i % 5000)),
        IP: `10.0.${i % 250}.${i % 200}`,
        Status: "Active",
        CVE: "CVE-2021-1, CVE-2021-2",
        Seen: `05/${String((i % 28) + 1).padStart(2, "0")}/2021 07:08:28`,
        Threat: "Old software.<P>Upgrade it.",
      });
      errors += result.errors.length;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`applyTransformMap: ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`);
    expect(errors).toBe(0);
  });
});

describe("fieldMappingSchema", () => {
  const invalid: [string, unknown][] = [
    [
      "an unknown transform",
      { sourceField: "a", targetField: "a", dataType: "string", transforms: [{ type: "reverse" }] },
    ],
    [
      "a date format without a day",
      {
        sourceField: "a",
        targetField: "a",
        dataType: "datetime",
        transforms: [{ type: "dateFormat", format: "YYYY-MM" }],
      },
    ],
    [
      "a 12-hour format without AM/PM",
      {
        sourceField: "a",
        targetField: "a",
        dataType: "datetime",
        transforms: [{ type: "dateFormat", format: "MM/DD/YYYY hh:mm" }],
      },
    ],
    [
      "an unknown time zone",
      {
        sourceField: "a",
        targetField: "a",
        dataType: "datetime",
        transforms: [{ type: "dateFormat", format: "ISO", timeZone: "Mars/Olympus" }],
      },
    ],
    [
      "a broken pattern",
      {
        sourceField: "a",
        targetField: "a",
        dataType: "string",
        transforms: [{ type: "extract", pattern: "([" }],
      },
    ],
    [
      "an empty split delimiter",
      {
        sourceField: "a",
        targetField: "a",
        dataType: "string",
        transforms: [{ type: "split", delimiter: "" }],
      },
    ],
    ["an unknown data type", { sourceField: "a", targetField: "a", dataType: "money" }],
    ["a target with spaces", { sourceField: "a", targetField: "os name", dataType: "string" }],
    ["a target ending in []", { sourceField: "a", targetField: "ports[]", dataType: "string" }],
    ["two list segments", { sourceField: "a", targetField: "a[].b[].c", dataType: "string" }],
    ["an empty source", { sourceField: "", targetField: "a", dataType: "string" }],
  ];
  it.each(invalid)("rejects %s", (_name, mapping) => {
    expect(fieldMappingSchema.safeParse(mapping).success).toBe(false);
  });

  it("fills defaults so stored mappings are explicit", () => {
    expect(
      fieldMappingSchema.parse({
        sourceField: "a",
        targetField: "a",
        dataType: "datetime",
        transforms: [{ type: "dateFormat", format: "ISO" }, { type: "default" }],
      }),
    ).toEqual({
      sourceField: "a",
      targetField: "a",
      dataType: "datetime",
      transforms: [
        { type: "dateFormat", format: "ISO", timeZone: "UTC" },
        { type: "default", emptyMarkers: ["'-"] },
      ],
    });
  });
});

describe("stripHtml", () => {
  const cases: [string, string, string][] = [
    ["plain text is untouched", "a  b\tc", "a  b\tc"],
    ["paragraphs and breaks become newlines", "<P>One<BR>Two</P>", "One\nTwo"],
    [
      "an empty link keeps its address",
      "see:<BR> <A HREF= https://example.test/kb/1  TARGET= _blank ></A><P>",
      "see:\n https://example.test/kb/1",
    ],
    [
      "a labelled link keeps label and address",
      '<a href="https://example.test">advisory</a>',
      "advisory (https://example.test)",
    ],
    [
      "entities are decoded",
      "a &lt; b &amp;&amp; c &gt; d&nbsp;&#39;x&#x27;",
      "a < b && c > d 'x'",
    ],
    ["unknown tags are dropped", "<b>bold</b> <span class=x>text</span>", "bold text"],
    ["a lone less-than sign stays", "1 < 2", "1 < 2"],
    ["blank lines collapse", "a<P><P><P><P>b", "a\n\nb"],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    expect(stripHtml(input)).toBe(expected);
  });

  it("never leaves a tag behind", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "<P>",
            "<BR>",
            "</A>",
            '<A HREF="u">',
            "text",
            " ",
            "&amp;",
            "<b>",
            "x<y",
          ),
        ),
        (parts) => {
          expect(stripHtml(parts.join(""))).not.toMatch(/<\/?[a-z][^>]*>/i);
        },
      ),
    );
  });
});

describe("integer coercion", () => {
  it("reads back every safe integer it is given as text", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(run("integer", [], String(n)).value).toBe(n);
      }),
    );
  });
});

describe("mapping checks", () => {
  it("lists source columns the header lacks", () => {
    expect(
      missingSourceColumns(
        ["QID", "IP"],
        [
          { sourceField: "QID", targetField: "qid", dataType: "integer" },
          { sourceField: "CVE ID", targetField: "cves", dataType: "string" },
          { sourceField: "CVE ID", targetField: "cves", dataType: "string" },
        ],
      ),
    ).toEqual(["CVE ID"]);
  });

  it("finds unknown targets and types that do not fit the attribute", () => {
    expect(
      checkMappingTargets(
        [
          { sourceField: "QID", targetField: "qid", dataType: "integer" },
          { sourceField: "QID", targetField: "qidd", dataType: "integer" },
          { sourceField: "Severity", targetField: "severity", dataType: "string" },
          { sourceField: "CVE", targetField: "cves", dataType: "list" },
        ],
        vulnerabilityFindingAttributes,
      ),
    ).toEqual([
      { targetField: "qidd", reason: "no such attribute in the data model" },
      { targetField: "severity", reason: "attribute is integer, mapping produces string" },
    ]);
    expect(
      checkMappingTargets(
        [{ sourceField: "p", targetField: "openPorts[].port", dataType: "integer" }],
        hostAssetAttributes,
      ),
    ).toEqual([]);
  });
});
