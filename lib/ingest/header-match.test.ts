import { describe, expect, it } from "vitest";
import { hostAssetAttributes } from "@/lib/datamodels/host-asset";
import { vulnerabilityFindingAttributes } from "@/lib/datamodels/vulnerability-finding";
import { proposeMappings, proposeTransforms } from "./header-match";
import { compileTransformMap } from "./transforms";

const targetsOf = (result: ReturnType<typeof proposeMappings>, column: string) =>
  result.mappings.filter((m) => m.sourceField === column).map((m) => m.targetField);

const proposalFor = (result: ReturnType<typeof proposeMappings>, column: string, target: string) =>
  result.proposals.find(
    (p) => p.mapping.sourceField === column && p.mapping.targetField === target,
  );

describe("proposeMappings: names", () => {
  const cases: [string, string[]][] = [
    ["IP", ["ip", "ipAddresses"]],
    ["IP Address", ["ip", "ipAddresses"]],
    ["DNS", ["dnsName"]],
    ["DNS Name", ["dnsName"]],
    ["dns_name", ["dnsName"]],
    ["NetBIOS", ["netbiosName"]],
    ["Vuln Status", ["status"]],
    ["Status", ["status"]],
    ["CVE ID", ["cves"]],
    ["CVEID", ["cves"]],
    ["Q_SEVERITY", ["severity"]],
    ["QID", ["qid"]],
    ["Title", ["title"]],
    ["VULN TITLE", ["title"]],
    ["First Detected", ["firstDetected"]],
    ["Last Found Datetime", ["lastDetected"]],
    ["Date Last Fixed", ["lastFixed"]],
    ["Times Found", ["timesDetected"]],
    ["Asset IPV6", ["ipAddresses", "ipv6"]],
    ["Asset Critical Score", ["assetCriticality"]],
    ["Operating System", ["os"]],
    ["Type Detected", ["type"]],
    ["Asset Tags", ["tags"]],
    ["Unrelated Column", []],
  ];
  it.each(cases)("maps %s to %j", (column, targets) => {
    const result = proposeMappings([column], vulnerabilityFindingAttributes);
    expect(targetsOf(result, column).sort()).toEqual([...targets].sort());
  });

  it("ranks exact names over aliases over weak aliases", () => {
    const result = proposeMappings(
      ["Severity", "Last Scan", "CVSS3", "QG HostID"],
      vulnerabilityFindingAttributes,
    );
    expect(proposalFor(result, "Severity", "severity")).toMatchObject({
      matchedBy: "name",
      confidence: 1,
    });
    expect(proposalFor(result, "Last Scan", "lastDetected")).toMatchObject({
      matchedBy: "weak-alias",
      confidence: 0.7,
    });
    expect(proposalFor(result, "CVSS3", "cvss3Base")).toMatchObject({ matchedBy: "weak-alias" });
    expect(proposalFor(result, "QG HostID", "hostId")?.matchedBy).toBe("fuzzy");
  });

  it("gives each single-valued attribute its best column only", () => {
    const result = proposeMappings(
      ["CVSS3", "CVSS3 Base", "Last Scan Datetime", "Last Found Datetime"],
      vulnerabilityFindingAttributes,
    );
    expect(targetsOf(result, "CVSS3 Base")).toEqual(["cvss3Base"]);
    expect(targetsOf(result, "CVSS3")).toEqual([]);
    expect(targetsOf(result, "Last Found Datetime")).toEqual(["lastDetected"]);
    expect(result.unmatchedColumns).toEqual(["CVSS3", "Last Scan Datetime"]);
  });

  it("lets a list attribute collect several sure columns", () => {
    const result = proposeMappings(["Asset IPV4", "Asset IPV6"], vulnerabilityFindingAttributes);
    expect(
      result.mappings.filter((m) => m.targetField === "ipAddresses").map((m) => m.sourceField),
    ).toEqual(["Asset IPV4", "Asset IPV6"]);
  });

  it("names required attributes nothing was found for", () => {
    expect(
      proposeMappings(["IP", "Title"], vulnerabilityFindingAttributes).missingRequired,
    ).toEqual(["qid", "severity"]);
    expect(
      proposeMappings(["QID", "Severity"], vulnerabilityFindingAttributes).missingRequired,
    ).toEqual([]);
  });

  it("matches the host asset model's nested attributes by label", () => {
    const result = proposeMappings(
      ["Operating System", "BIOS Serial Number", "Open Port Number", "Software Name"],
      hostAssetAttributes,
    );
    expect(result.mappings.map((m) => m.targetField)).toEqual([
      "operatingSystem.name",
      "bios.serialNumber",
      "openPorts[].port",
      "software[].name",
    ]);
    expect(result.missingRequired).toEqual([]);
  });

  it("returns proposals in header order", () => {
    const result = proposeMappings(["Title", "QID", "IP"], vulnerabilityFindingAttributes);
    expect(result.mappings.map((m) => m.sourceField)).toEqual(["Title", "QID", "IP", "IP"]);
  });
});

describe("proposeMappings: sample values", () => {
  it("prefers the column whose values fit the type", () => {
    const samples = [{ SEVERITY: "Medium", Q_SEVERITY: "3" }];
    const result = proposeMappings(["SEVERITY", "Q_SEVERITY"], vulnerabilityFindingAttributes, {
      samples,
    });
    expect(targetsOf(result, "Q_SEVERITY")).toEqual(["severity"]);
    expect(targetsOf(result, "SEVERITY")).toEqual([]);
  });

  it("explains a lowered confidence", () => {
    const samples = [{ QID: "105971" }, { QID: "n/a" }];
    const proposal = proposalFor(
      proposeMappings(["QID"], vulnerabilityFindingAttributes, { samples }),
      "QID",
      "qid",
    );
    expect(proposal?.confidence).toBe(0.75);
    expect(proposal?.note).toBe("1 of 2 sample values are not a valid integer");
  });

  it("halves the confidence of a status column whose words are not statuses", () => {
    const samples = [{ Status: "host scanned, found vuln" }, { Status: "host scanned" }];
    const proposal = proposalFor(
      proposeMappings(["Status"], vulnerabilityFindingAttributes, { samples }),
      "Status",
      "status",
    );
    expect(proposal?.confidence).toBe(0.5);
    expect(proposal?.note).toBe("2 of 2 sample values are not known status values");
  });

  it("produces mappings that transform the samples without errors", () => {
    const samples = [
      {
        QID: "105971",
        "Vuln Status": "Re-Opened",
        Type: "Practice",
        "CVE ID": "CVE-2021-1, CVE-2021-2",
        "First Detected": "05/13/2021 07:08:28",
        "CVSS3 Base": "8.1 (AV:N/AC:H)",
        Threat: "Old.<P>Very old.",
        Protocol: "'-",
      },
    ];
    const header = Object.keys(samples[0]);
    const result = proposeMappings(header, vulnerabilityFindingAttributes, { samples });
    const { record, errors } = compileTransformMap(result.mappings).apply(samples[0]);
    expect(errors).toEqual([]);
    expect(record).toEqual({
      qid: 105971,
      status: "REOPENED",
      type: "POTENTIAL",
      cves: ["CVE-2021-1", "CVE-2021-2"],
      firstDetected: new Date("2021-05-13T07:08:28Z"),
      cvss3Base: 8.1,
      threat: "Old.\nVery old.",
    });
  });
});

describe("proposeTransforms", () => {
  const attribute = (name: string) => {
    const found = vulnerabilityFindingAttributes.find((a) => a.name === name);
    if (!found) throw new Error(name);
    return found;
  };
  const cases: [string, string, string[], unknown[]][] = [
    ["plain text gets a trim", "title", ["Web Server Stopped Responding"], [{ type: "trim" }]],
    [
      "a list splits on commas",
      "cves",
      ["CVE-1, CVE-2"],
      [{ type: "trim" }, { type: "split", delimiter: "," }],
    ],
    [
      "a list splits on semicolons when that is what the cells use",
      "tags",
      ["a;b"],
      [{ type: "trim" }, { type: "split", delimiter: ";" }],
    ],
    [
      "the '- marker adds a default",
      "protocol",
      ["'-", "TCP"],
      [{ type: "trim" }, { type: "default", emptyMarkers: ["'-"] }],
    ],
    ["scanner text strips HTML", "threat", ["x"], [{ type: "trim" }, { type: "stripHtml" }]],
    ["HTML in any text strips it", "title", ["a<BR>b"], [{ type: "trim" }, { type: "stripHtml" }]],
    [
      "several addresses pick the first",
      "ip",
      ["10.0.0.1,10.0.0.2"],
      [{ type: "trim" }, { type: "split", delimiter: "," }, { type: "pick", index: 0 }],
    ],
    [
      "a date gets its detected format",
      "lastDetected",
      ["22/09/2022 13:01"],
      [{ type: "trim" }, { type: "dateFormat", format: "DD/MM/YYYY HH:mm", timeZone: "UTC" }],
    ],
    [
      "a score followed by a vector gets extracted",
      "cvss3Base",
      ["9.9 (AV:N)"],
      [{ type: "trim" }, { type: "extract", pattern: "^\\s*([-+]?\\d+(?:\\.\\d+)?)", group: 1 }],
    ],
  ];
  it.each(cases)("%s", (_name, name, values, transforms) => {
    expect(proposeTransforms(attribute(name), values).transforms).toEqual(transforms);
  });

  it("adds the vocabulary of a fixed-value attribute as a value map", () => {
    const { transforms } = proposeTransforms(attribute("status"), ["Active"]);
    expect(transforms[1]).toMatchObject({
      type: "valueMap",
      map: { "re-opened": "REOPENED", fixed: "FIXED" },
    });
  });

  it("writes the requested zone into date transforms and notes ambiguity", () => {
    const result = proposeTransforms(
      attribute("firstDetected"),
      ["05/06/2021 07:08:28"],
      "Europe/Paris",
    );
    expect(result.transforms[1]).toEqual({
      type: "dateFormat",
      format: "MM/DD/YYYY HH:mm:ss",
      timeZone: "Europe/Paris",
    });
    expect(result.note).toBe(
      "dates read as MM/DD/YYYY HH:mm:ss; day-first would also fit the samples",
    );
  });

  it("asks for a date format when none fits", () => {
    expect(proposeTransforms(attribute("firstDetected"), ["last tuesday"]).note).toBe(
      "no known date format fits the samples; set one",
    );
    expect(proposeTransforms(attribute("firstDetected"), []).note).toBe("add a date format");
  });
});
