import { describe, expect, it } from "vitest";
import type { IngestRecord } from "@/lib/ingest/record";
import {
  identifierKey,
  normaliseRecordIdentifiers,
  resolveBatch,
  sourceRecordIdOf,
} from "./resolve";

function prepared(record: IngestRecord) {
  const identifiers = normaliseRecordIdentifiers(record);
  return { record, identifiers, sourceRecordId: sourceRecordIdOf(record, identifiers)! };
}

const host = (identifiers: IngestRecord["identifiers"], sourceRecordId?: string): IngestRecord => ({
  identifiers,
  sourceRecordId,
  host: {},
});

let counter = 0;
const newId = () => `new-${++counter}`;

describe("resolveBatch", () => {
  it("matches on the first enabled rule in precedence order and says which", () => {
    counter = 0;
    const lookups = {
      bySourceRecord: new Map(),
      byIdentifier: new Map([
        [identifierKey("BIOS_SERIAL", "VMW-1"), ["asset-a"]],
        [identifierKey("IP", "10.0.0.5"), ["asset-b"]],
      ]),
    };
    const [r] = resolveBatch(
      [prepared(host({ IP: ["10.0.0.5"], BIOS_SERIAL: ["VMW-1"] }))],
      ["BIOS_SERIAL", "IP"],
      lookups,
      newId,
    );
    expect(r).toMatchObject({
      assetId: "asset-a",
      isNew: false,
      matchedRule: "BIOS_SERIAL",
      matchedValue: "VMW-1",
    });
    expect(r.conflict).toEqual({ assetId: "asset-b", kind: "IP", value: "10.0.0.5" });
  });

  it("ignores identifiers whose rule is disabled", () => {
    const lookups = {
      bySourceRecord: new Map(),
      byIdentifier: new Map([[identifierKey("IP", "10.0.0.5"), ["asset-b"]]]),
    };
    const [r] = resolveBatch(
      [prepared(host({ IP: ["10.0.0.5"], FQDN: ["web01"] }))],
      ["FQDN"],
      lookups,
      newId,
    );
    expect(r.isNew).toBe(true);
    expect(r.matchedRule).toBeNull();
  });

  it("puts records of one batch that share an identifier on one new asset", () => {
    counter = 0;
    const lookups = { bySourceRecord: new Map(), byIdentifier: new Map() };
    const rows = [
      prepared(host({ IP: ["10.0.0.9"], FQDN: ["web09.example.com"] })),
      prepared(host({ IP: ["10.0.0.9"], FQDN: ["WEB09.example.com."] }, "scan-row-2")),
      prepared(host({ IP: ["10.0.0.10"] })),
    ];
    const result = resolveBatch(rows, ["FQDN", "IP"], lookups, newId);
    expect(result.map((r) => r.assetId)).toEqual(["new-1", "new-1", "new-2"]);
    expect(result.map((r) => r.isNew)).toEqual([true, false, true]);
    expect(result[1]).toMatchObject({ matchedRule: "FQDN", matchedValue: "web09.example.com" });
  });

  it("keeps a source record on the asset it was assigned to (a split is remembered)", () => {
    const lookups = {
      bySourceRecord: new Map([["HOST-7", "asset-split"]]),
      byIdentifier: new Map([[identifierKey("IP", "10.0.0.7"), ["asset-original"]]]),
    };
    const [r] = resolveBatch(
      [prepared(host({ IP: ["10.0.0.7"] }, "HOST-7"))],
      ["IP"],
      lookups,
      newId,
    );
    expect(r).toMatchObject({ assetId: "asset-split", matchedRule: "SOURCE_RECORD" });
    expect(r.conflict).toEqual({ assetId: "asset-original", kind: "IP", value: "10.0.0.7" });
  });

  it("derives a source record id from the strongest identifier", () => {
    const p = prepared(host({ IP: ["10.0.0.1"], NETBIOS: ["web"], HOST_ID: ["123"] }));
    expect(p.sourceRecordId).toBe("HOST_ID:123");
  });
});
