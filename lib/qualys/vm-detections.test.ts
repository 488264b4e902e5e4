import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { QualysApiError } from "./simple-return";
import { parseDetectionPage } from "./vm-detections";
import {
  CsvEnvelopeError,
  parseDetectionCsvEnvelope,
  parseDetectionCsvPage,
} from "./vm-detections-csv";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/support/qualys-fixtures/${name}`, import.meta.url), "utf8");

describe("parseDetectionPage", () => {
  const page = parseDetectionPage(fixture("detections-truncated.xml"));

  it("reads hosts with their detections", () => {
    expect(
      page.hosts.map((host) => [host.id, host.detections.map((detection) => detection.qid)]),
    ).toEqual([
      ["5100001", [91234, 6]],
      ["5100002", [38170]],
    ]);
    expect(page.hosts[0]).toMatchObject({
      ip: "198.51.100.7",
      os: "Windows Server 2019",
      qgHostId: "qg-5100001",
      lastScanAt: "2024-05-01T01:00:00.000Z",
      tags: [{ id: "5", name: "Database" }],
    });
  });

  it("maps every detection field, QDS with its severity band", () => {
    expect(page.hosts[0].detections[0]).toEqual({
      uniqueVulnId: "9000000001",
      qid: 91234,
      type: "Confirmed",
      severity: 4,
      port: 1433,
      protocol: "tcp",
      fqdn: undefined,
      ssl: false,
      instance: undefined,
      service: undefined,
      results: "Version 15.0.2000 found\n  (path C:\\Program Files\\x)",
      status: "Re-Opened",
      firstFoundAt: "2023-01-01T00:00:00.000Z",
      lastFoundAt: "2024-05-01T01:00:00.000Z",
      lastTestAt: undefined,
      lastUpdateAt: undefined,
      lastFixedAt: undefined,
      firstReopenedAt: undefined,
      lastReopenedAt: "2024-04-01T00:00:00.000Z",
      lastProcessedAt: undefined,
      timesFound: 17,
      timesReopened: 2,
      isIgnored: false,
      isDisabled: true,
      affectRunningKernel: undefined,
      affectRunningService: undefined,
      affectExploitableConfig: undefined,
      qds: { score: 72, severity: "HIGH" },
      qdsFactors: [{ name: "epss", value: "0.123" }],
    });
    expect(page.hosts[1].detections[0]).toMatchObject({
      status: "Fixed",
      lastFixedAt: "2024-03-03T03:03:03.000Z",
    });
    expect(page.hosts[1].detections[0].qds).toBeUndefined();
  });

  it("turns a malformed detection into a row error without losing its host", () => {
    expect(page.rejected).toEqual([
      {
        kind: "detection",
        index: 1,
        hostId: "5100001",
        qid: undefined,
        reason: 'QID: expected an integer, got "not-a-number"',
      },
    ]);
  });

  it("returns the next page URL from WARNING 1980", () => {
    expect(page.nextUrl).toBe(
      "https://qualysapi.example.test/api/2.0/fo/asset/host/vm/detection/?action=list&truncation_limit=2&id_min=5100003",
    );
    expect(page.nextIdMin).toBe("5100003");
  });

  it("has no next page when there is no warning", () => {
    const last = fixture("detections-truncated.xml").replace(/<WARNING>[\s\S]*<\/WARNING>/, "");
    expect(parseDetectionPage(last).nextUrl).toBeUndefined();
  });

  it("passes the HTTP status into the error raised for a SIMPLE_RETURN", () => {
    const error = (() => {
      try {
        parseDetectionPage(fixture("simple-return-rate-limit.xml"), { httpStatus: 409 });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(QualysApiError);
    expect((error as QualysApiError).httpStatus).toBe(409);
    expect((error as QualysApiError).retryable).toBe(true);
  });
});

describe("detection CSV output", () => {
  it("reads the envelope: columns, rows and the truncation footer", () => {
    const envelope = parseDetectionCsvEnvelope(fixture("detections-truncated.csv"));
    expect(envelope.columns.slice(0, 3)).toEqual(["Host ID", "IP Address", "Tracking Method"]);
    expect(envelope.rows).toHaveLength(3);
    expect(envelope.rows[0].Results).toBe("line one\nline two, with comma");
    expect(envelope.statusMessage).toBe("Truncated");
    expect(envelope.nextIdMin).toBe("5100003");
    expect(envelope.nextUrl).toMatch(/id_min=5100003$/);
  });

  it("groups rows into the same host and detection records as the XML output", () => {
    const page = parseDetectionCsvPage(fixture("detections-truncated.csv"));
    expect(page.rejected).toEqual([]);
    expect(
      page.hosts.map((host) => [host.id, host.detections.map((detection) => detection.qid)]),
    ).toEqual([
      ["5100001", [91234, 6]],
      ["5100002", [38170]],
    ]);
    expect(page.hosts[0].detections[0]).toMatchObject({
      severity: 4,
      port: 1433,
      ssl: false,
      timesFound: 17,
      firstFoundAt: "2023-01-01T00:00:00.000Z",
    });
    expect(page.hosts[1]).toMatchObject({ os: "Linux", dns: undefined });
  });

  it("refuses a response whose footer was cut off", () => {
    const cut = fixture("detections-truncated.csv").split("----BEGIN_RESPONSE_FOOTER_CSV")[0];
    expect(() => parseDetectionCsvEnvelope(cut)).toThrow(CsvEnvelopeError);
  });
});
