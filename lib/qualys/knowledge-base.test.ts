import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { parseKnowledgeBasePage } from "./knowledge-base";

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/support/qualys-fixtures/${name}`, import.meta.url), "utf8");

describe("parseKnowledgeBasePage", () => {
  const page = parseKnowledgeBasePage(fixture("knowledge-base-two-vulns.xml"));

  it("reads every VULN, ignoring the keep-alive comment", () => {
    expect(page.vulns.map((vuln) => vuln.qid)).toEqual([91234, 6]);
    expect(page.rejected).toEqual([]);
  });

  it("maps diagnosis to threat, consequence to impact, and the CVSS blocks", () => {
    expect(page.vulns[0]).toEqual({
      qid: 91234,
      vulnType: "Vulnerability",
      severity: 4,
      title: "Example Database Server Remote Code Execution",
      category: "Database",
      technology: undefined,
      publishedAt: "2023-02-02T00:00:00.000Z",
      lastServiceModificationAt: "2024-01-01T00:00:00.000Z",
      codeModifiedAt: undefined,
      patchable: true,
      patchPublishedAt: undefined,
      pciFlag: true,
      isDisabled: undefined,
      cves: [
        { id: "CVE-2023-0001", url: "https://cve.example/CVE-2023-0001" },
        { id: "CVE-2023-0002", url: undefined },
      ],
      bugtraqs: [{ id: "100001", url: undefined }],
      vendorReferences: [{ id: "EX-2023-01", url: "https://vendor.example/advisory/1" }],
      software: [],
      threatIntelligence: [{ id: "5", text: "Easy_Exploit" }],
      threat: "The server parses <B>crafted</B> packets unsafely.",
      impact: "Remote code execution as the service account.",
      solution: "Apply update 15.0.4000 or later.",
      cvss: {
        base: 9,
        baseSource: "service",
        temporal: 7.8,
        vectorString: "CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C",
      },
      cvssV3: {
        base: 9.8,
        baseSource: undefined,
        temporal: 9.1,
        vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      },
      discovery: { remote: true, authTypes: ["Windows"], additionalInfo: "Patch Available" },
    });
  });

  it("leaves optional blocks empty on a minimal VULN", () => {
    expect(page.vulns[1]).toMatchObject({
      qid: 6,
      severity: 1,
      patchable: false,
      cves: [],
      cvss: undefined,
      impact: undefined,
      discovery: { remote: true, authTypes: [] },
    });
  });

  it("reports a VULN without a QID as a row error", () => {
    const broken = fixture("knowledge-base-two-vulns.xml").replace("<QID>6</QID>", "");
    const result = parseKnowledgeBasePage(broken);
    expect(result.vulns.map((vuln) => vuln.qid)).toEqual([91234]);
    expect(result.rejected).toEqual([
      { kind: "vuln", index: 1, qid: undefined, reason: "QID: missing or empty" },
    ]);
  });
});
