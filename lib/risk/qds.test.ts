import { describe, expect, it } from "vitest";
import {
  computeRiskScore,
  effectiveQdsWithOrigin,
  parseBreakdown,
  riskLevelOf,
  type QdsInput,
} from "./qds";

describe("effectiveQds", () => {
  const cases: [string, QdsInput, number, string][] = [
    ["source QDS wins over CVSS", { qds: 42, cvss3Base: 9.8, severity: 5 }, 42, "source"],
    ["source QDS is clamped to 100", { qds: 130, severity: 1 }, 100, "source"],
    ["CVSS v3 preferred over v2", { cvss3Base: 7.5, cvssBase: 5, severity: 2 }, 75, "cvss3"],
    ["CVSS v3 rounds to nearest", { cvss3Base: 8.85, severity: 2 }, 89, "cvss3"],
    ["CVSS v2 when v3 is missing", { cvssBase: 4.3, severity: 5 }, 43, "cvss2"],
    ["a CVSS of 0 means not scored", { cvss3Base: 0, cvssBase: 0, severity: 4 }, 80, "severity"],
    ["QDS 0 means not scored", { qds: 0, cvss3Base: 3.1, severity: 4 }, 31, "cvss3"],
    ["severity 5 → 95", { severity: 5 }, 95, "severity"],
    ["severity 4 → 80", { severity: 4 }, 80, "severity"],
    ["severity 3 → 55", { severity: 3 }, 55, "severity"],
    ["severity 2 → 35", { severity: 2 }, 35, "severity"],
    ["severity 1 → 15", { severity: 1 }, 15, "severity"],
    ["out-of-range severity is clamped", { severity: 9 }, 95, "severity"],
    ["CVSS 10 → 100", { cvss3Base: 10, severity: 1 }, 100, "cvss3"],
    ["tiny CVSS still scores at least 1", { cvssBase: 0.01, severity: 1 }, 1, "cvss2"],
  ];
  it.each(cases)("%s", (_name, input, qds, origin) => {
    expect(effectiveQdsWithOrigin(input)).toEqual({ qds, origin });
  });
});

describe("riskLevelOf", () => {
  it.each([
    [100, "critical"],
    [90, "critical"],
    [89, "high"],
    [70, "high"],
    [69, "medium"],
    [40, "medium"],
    [39, "low"],
    [1, "low"],
  ] as const)("QDS %i is %s", (qds, level) => {
    expect(riskLevelOf(qds)).toBe(level);
  });
});

describe("computeRiskScore", () => {
  it("is zero without open findings, whatever the criticality", () => {
    const result = computeRiskScore({ criticality: 5, findings: [] });
    expect(result.score).toBe(0);
    expect(result.levels.critical).toEqual({ count: 0, avgQds: 0, contribution: 0 });
  });

  it("multiplies ACS by weight × average QDS × count^0.01 per level", () => {
    const findings: QdsInput[] = [
      { qds: 95, severity: 5 },
      { qds: 91, severity: 5 },
      { cvss3Base: 7.5, severity: 3 },
      { severity: 1 },
    ];
    const result = computeRiskScore({ criticality: 3, findings });
    const critical = 3 * 1 * 93 * Math.pow(2, 0.01);
    const high = 3 * 0.6 * 75;
    const low = 3 * 0.2 * 15;
    expect(result.levels.critical).toEqual({
      count: 2,
      avgQds: 93,
      contribution: Math.round(critical * 100) / 100,
    });
    expect(result.levels.high.count).toBe(1);
    expect(result.levels.medium.count).toBe(0);
    expect(result.levels.low.contribution).toBe(9);
    expect(result.score).toBe(Math.round(critical + high + low));
  });

  it("caps the score at 1000 but keeps the uncapped figure", () => {
    // Only a criticality-5 asset with thousands of top-band findings on every level gets there.
    const many = [100, 89, 69, 39].flatMap((qds) =>
      Array.from({ length: 2000 }, () => ({ qds, severity: 5 })),
    );
    const result = computeRiskScore({ criticality: 5, findings: many });
    expect(result.score).toBe(1000);
    expect(result.uncapped).toBeGreaterThan(1000);
  });

  it("grows only slightly with the number of findings in a level", () => {
    const one = computeRiskScore({ criticality: 2, findings: [{ qds: 50, severity: 3 }] });
    const hundred = computeRiskScore({
      criticality: 2,
      findings: Array.from({ length: 100 }, () => ({ qds: 50, severity: 3 })),
    });
    expect(one.score).toBe(40);
    expect(hundred.score).toBe(Math.round(40 * Math.pow(100, 0.01)));
  });
});

describe("parseBreakdown", () => {
  it("fills in every level for rows scored before breakdowns existed", () => {
    const parsed = parseBreakdown({}, 4);
    expect(parsed.acs).toBe(4);
    expect(Object.keys(parsed.levels)).toEqual(["critical", "high", "medium", "low"]);
  });
});
