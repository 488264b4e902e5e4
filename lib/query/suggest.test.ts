import { describe, expect, it } from "vitest";
import { assetCatalogue, findingCatalogue } from "./fields";
import { suggest } from "./suggest";

// `|` marks the cursor.
function at(text: string, catalogue = assetCatalogue) {
  const cursor = text.indexOf("|");
  return suggest(text.replace("|", ""), cursor, catalogue);
}

const inserts = (text: string, catalogue = assetCatalogue) =>
  at(text, catalogue).items.map((item) => item.insert);

describe("suggest", () => {
  it("lists every field, relation and NOT in an empty box", () => {
    const items = at("|").items;
    expect(items.map((item) => item.insert)).toEqual([
      ...assetCatalogue.fields.map((field) => `${field.name}:`),
      "inventory:(",
      "vulnerabilities:(",
      "attributes.",
      "NOT ",
    ]);
    expect(items.find((item) => item.label === "criticality")).toEqual({
      kind: "field",
      label: "criticality",
      insert: "criticality:",
      detail: "number — Asset criticality score, 1 (low) to 5 (critical)",
    });
  });

  it("completes a partial field name over the typed text", () => {
    expect(at("so|")).toEqual({
      from: 0,
      to: 2,
      items: [
        {
          kind: "field",
          label: "source",
          insert: "source:",
          detail: "string — Source that reported the asset, e.g. CSAM",
        },
      ],
    });
  });

  it("ranks prefix matches before matches inside a name", () => {
    expect(inserts("os:x sc|")).toEqual(["riskScore:"]);
    expect(inserts("last|")).toEqual(["lastSeen:"]);
    expect(inserts("seen|")).toEqual(["firstSeen:", "lastSeen:"]);
  });

  it("only completes the cursor's term, ignoring text after the cursor", () => {
    expect(at("os:x cri| tag:prod")).toMatchObject({ from: 5, to: 8 });
    expect(inserts("os:x cri| tag:prod")).toEqual(["criticality:"]);
  });

  it("completes fields of a related catalogue after a dot", () => {
    expect(at("vulnerabilities.sev|")).toMatchObject({
      from: 0,
      to: 19,
      items: [{ insert: "vulnerabilities.severity:" }],
    });
    expect(inserts("inventory.sou|")).toEqual(["inventory.source:"]);
    expect(inserts("attributes.clo|")).toEqual([]);
    expect(inserts("os.|")).toEqual([]);
  });

  it("offers enum values right after field: and filters them while typing", () => {
    expect(at("status:|", findingCatalogue)).toMatchObject({
      from: 7,
      to: 7,
      items: [{ insert: "New" }, { insert: "Active" }, { insert: "Reopened" }, { insert: "Fixed" }],
    });
    expect(at("status:re|", findingCatalogue)).toMatchObject({
      from: 7,
      to: 9,
      items: [{ kind: "value", label: "Reopened", insert: "Reopened", detail: "status" }],
    });
    expect(inserts("type:|", findingCatalogue)).toEqual(["Confirmed", "Potential", "IG"]);
  });

  it("uses the catalogue of the group the cursor is in", () => {
    expect(inserts("vulnerabilities:(status:Ac|")).toEqual(["Active"]);
    expect(inserts("vulnerabilities:(sev|")).toEqual(["severity:"]);
    expect(inserts("vulnerabilities:(severity:5) sou|")).toEqual(["source:"]);
    expect(inserts("asset:(crit|", findingCatalogue)).toEqual(["criticality:"]);
    expect(inserts("((status:|", findingCatalogue)).toEqual(["New", "Active", "Reopened", "Fixed"]);
  });

  it("offers values, not fields, inside field:( … )", () => {
    expect(inserts("status:(Active OR |", findingCatalogue)).toEqual([
      "New",
      "Active",
      "Reopened",
      "Fixed",
      "NOT ",
    ]);
    expect(inserts("status:(Active |", findingCatalogue)).toEqual([
      "New",
      "Active",
      "Reopened",
      "Fixed",
      "AND ",
      "OR ",
      "NOT ",
    ]);
  });

  it("completes an unterminated quoted enum value inside its quotes", () => {
    expect(at('type:"Po|', findingCatalogue)).toEqual({
      from: 5,
      to: 8,
      items: [{ kind: "value", label: "Potential", insert: '"Potential"', detail: "type" }],
    });
  });

  it("suggests a sub-query after a relation and relative dates after a date field", () => {
    expect(inserts("vulnerabilities:|")).toEqual(["("]);
    expect(inserts("lastSeen>=|")).toEqual(["now-1d", "now-7d", "now-30d"]);
    expect(inserts("lastSeen>=now-3|")).toEqual(["now-30d"]);
    expect(inserts("riskScore>|")).toEqual([]);
  });

  it("offers boolean operators after a complete term", () => {
    expect(at("os:Windows |")).toEqual({
      from: 11,
      to: 11,
      items: [
        {
          kind: "keyword",
          label: "AND",
          insert: "AND ",
          detail: "both sides match (also implied by a space)",
        },
        { kind: "keyword", label: "OR", insert: "OR ", detail: "either side matches" },
        { kind: "keyword", label: "NOT", insert: "NOT ", detail: "the next term does not match" },
      ],
    });
    expect(inserts("(os:x) |")).toEqual(["AND ", "OR ", "NOT "]);
    expect(inserts("os:x o|")).toEqual(["os:", "OR "]);
    expect(inserts("os:x AND |")).toContain("name:");
    expect(inserts("os:x AND |")).not.toContain("AND ");
  });

  it("offers nothing while a plain value is typed", () => {
    expect(inserts("os:Win|")).toEqual([]);
    expect(inserts("name:`web|")).toEqual([]);
  });

  it("never throws, whatever the input and cursor", () => {
    for (const [text, cursor] of [
      ["", -5],
      ["os:", 99],
      ['"', 1],
      ["\u0000(", 2],
      [")))", 3],
      ["x".repeat(5000), 5000],
      ["os:x", Number.NaN],
    ] as const) {
      expect(suggest(text, cursor, assetCatalogue).items).toBeInstanceOf(Array);
    }
  });
});
