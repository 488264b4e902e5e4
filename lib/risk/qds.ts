// Qualys-style detection scores (QDS, 1–100) and the risk levels built on
// them. Pure: the same rules run here for display and, compiled from these
// very tables, inside PostgreSQL for the set-wise recompute (./sql.ts), so the
// asset page can never explain a score differently from how it was computed.

/** Risk level of one finding, from its QDS. */
export type RiskLevel = "critical" | "high" | "medium" | "low";

export const RISK_LEVELS: readonly RiskLevel[] = ["critical", "high", "medium", "low"];

/**
 * QDS bands per level, inclusive. The bands follow the usual TruRisk
 * reading: 90+ is exploitable-and-bad, 70–89 needs attention this cycle,
 * 40–69 is routine patching, below 40 is hygiene.
 */
export const QDS_BANDS: Record<RiskLevel, { min: number; max: number }> = {
  critical: { min: 90, max: 100 },
  high: { min: 70, max: 89 },
  medium: { min: 40, max: 69 },
  low: { min: 1, max: 39 },
};

/** How much each level weighs in an asset's score: one critical outweighs many lows. */
export const LEVEL_WEIGHTS: Record<RiskLevel, number> = {
  critical: 1,
  high: 0.6,
  medium: 0.4,
  low: 0.2,
};

/**
 * QDS for a finding whose source gave neither a QDS nor a CVSS score, from
 * its 1–5 severity. Each value sits inside the band an analyst would expect
 * for that severity (5 urgent → critical, 4 critical → high, 3 serious →
 * medium, 2 and 1 → low), near the top of the band so that a bare severity
 * never ranks below a scored finding of the same level.
 */
export const SEVERITY_QDS: Record<1 | 2 | 3 | 4 | 5, number> = {
  5: 95,
  4: 80,
  3: 55,
  2: 35,
  1: 15,
};

/** A score is capped so one asset with thousands of findings stays on the chart. */
export const MAX_RISK_SCORE = 1000;
/** Finding counts grow a level's weight only slightly: 1 finding ×1, 100 ×1.047, 10,000 ×1.096. */
export const COUNT_EXPONENT = 0.01;
export const DEFAULT_CRITICALITY = 2;

export type QdsInput = {
  qds?: number | null;
  cvss3Base?: number | null;
  cvssBase?: number | null;
  severity: number;
};

export type QdsOrigin = "source" | "cvss3" | "cvss2" | "severity";

const clampQds = (value: number) => Math.min(100, Math.max(1, Math.round(value)));

/**
 * The QDS used for risk: the source's own QDS when it sent one, else CVSS ×10
 * (v3 preferred over v2), else the severity table. A CVSS of 0 is treated as
 * "not scored" — sources send 0 for QIDs without a CVSS vector, and scoring
 * those as the lowest possible risk would hide them.
 */
export function effectiveQdsWithOrigin(finding: QdsInput): { qds: number; origin: QdsOrigin } {
  if (finding.qds != null && finding.qds > 0) {
    return { qds: clampQds(finding.qds), origin: "source" };
  }
  if (finding.cvss3Base != null && finding.cvss3Base > 0) {
    return { qds: clampQds(finding.cvss3Base * 10), origin: "cvss3" };
  }
  if (finding.cvssBase != null && finding.cvssBase > 0) {
    return { qds: clampQds(finding.cvssBase * 10), origin: "cvss2" };
  }
  const severity = Math.min(5, Math.max(1, Math.round(finding.severity))) as 1 | 2 | 3 | 4 | 5;
  return { qds: SEVERITY_QDS[severity], origin: "severity" };
}

export function effectiveQds(finding: QdsInput): number {
  return effectiveQdsWithOrigin(finding).qds;
}

export function riskLevelOf(qds: number): RiskLevel {
  if (qds >= QDS_BANDS.critical.min) return "critical";
  if (qds >= QDS_BANDS.high.min) return "high";
  if (qds >= QDS_BANDS.medium.min) return "medium";
  return "low";
}

export type LevelBreakdown = { count: number; avgQds: number; contribution: number };

/** What assets.riskBreakdown holds: enough to redraw and explain the score. */
export type RiskBreakdown = {
  acs: number;
  /** Score before the cap. */
  uncapped: number;
  score: number;
  /** `contribution` already includes the ACS, so the four add up to `uncapped`. */
  levels: Record<RiskLevel, LevelBreakdown>;
};

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The TruRisk-style asset score: ACS × Σ over levels of
 * weight × average QDS × count^0.01, capped at 1000. Callers pass open
 * findings only. This is the reference the SQL version is tested against.
 */
export function computeRiskScore(options: {
  criticality: number;
  findings: QdsInput[];
}): RiskBreakdown {
  const acs = options.criticality;
  const sums = Object.fromEntries(RISK_LEVELS.map((l) => [l, { n: 0, total: 0 }])) as Record<
    RiskLevel,
    { n: number; total: number }
  >;
  for (const finding of options.findings) {
    const qds = effectiveQds(finding);
    const bucket = sums[riskLevelOf(qds)];
    bucket.n += 1;
    bucket.total += qds;
  }
  let uncapped = 0;
  const levels = {} as Record<RiskLevel, LevelBreakdown>;
  for (const level of RISK_LEVELS) {
    const { n, total } = sums[level];
    const avg = n ? total / n : 0;
    const contribution = n ? acs * LEVEL_WEIGHTS[level] * avg * Math.pow(n, COUNT_EXPONENT) : 0;
    uncapped += contribution;
    levels[level] = { count: n, avgQds: round2(avg), contribution: round2(contribution) };
  }
  return {
    acs,
    uncapped: round2(uncapped),
    score: Math.min(MAX_RISK_SCORE, Math.round(uncapped)),
    levels,
  };
}

/** An empty breakdown, for assets with no open findings. */
export function emptyBreakdown(acs: number): RiskBreakdown {
  return computeRiskScore({ criticality: acs, findings: [] });
}

/** Reads a stored riskBreakdown defensively: rows scored before this code have `{}`. */
export function parseBreakdown(value: unknown, acs: number): RiskBreakdown {
  const empty = emptyBreakdown(acs);
  if (!value || typeof value !== "object" || !("levels" in value)) return empty;
  const stored = value as Partial<RiskBreakdown>;
  const levels = { ...empty.levels };
  for (const level of RISK_LEVELS) {
    const l = stored.levels?.[level];
    if (l && typeof l.count === "number") levels[level] = l;
  }
  return {
    acs: typeof stored.acs === "number" ? stored.acs : acs,
    uncapped: typeof stored.uncapped === "number" ? stored.uncapped : 0,
    score: typeof stored.score === "number" ? stored.score : 0,
    levels,
  };
}
