import { LEVEL_WEIGHTS, QDS_BANDS, RISK_LEVELS, SEVERITY_QDS } from "@/lib/risk/qds";

const severityNames: Record<number, string> = {
  5: "Urgent",
  4: "Critical",
  3: "Serious",
  2: "Medium",
  1: "Minimal",
};

/** The scoring rules in plain view, straight from lib/risk/qds.ts, so a score can be checked by hand. */
export function ScoringRules() {
  return (
    <div className="grid gap-4 text-[13px] sm:grid-cols-2">
      <div>
        <p className="mb-1.5 font-medium">QDS of a finding</p>
        <ol className="grid list-decimal gap-0.5 pl-4 text-muted-foreground">
          <li>The source&apos;s QDS, when it sends one.</li>
          <li>Otherwise CVSS v3 × 10, else CVSS v2 × 10 (a CVSS of 0 counts as missing).</li>
          <li>Otherwise from the severity:</li>
        </ol>
        <table className="mt-1.5 ml-4 text-xs">
          <tbody>
            {Object.entries(SEVERITY_QDS)
              .sort(([a], [b]) => Number(b) - Number(a))
              .map(([severity, qds]) => (
                <tr key={severity}>
                  <td className="pr-3 text-muted-foreground">
                    Severity {severity} · {severityNames[Number(severity)]}
                  </td>
                  <td className="font-medium tabular-nums">QDS {qds}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      <div>
        <p className="mb-1.5 font-medium">Asset score</p>
        <p className="text-muted-foreground">
          Criticality × Σ (weight × average QDS × count<sup>0.01</sup>) over open findings, capped
          at 1000.
        </p>
        <table className="mt-1.5 text-xs">
          <thead>
            <tr className="text-muted-foreground">
              <th className="pr-3 text-left font-normal">Level</th>
              <th className="pr-3 text-left font-normal">QDS</th>
              <th className="text-left font-normal">Weight</th>
            </tr>
          </thead>
          <tbody>
            {RISK_LEVELS.map((level) => (
              <tr key={level}>
                <td className="pr-3 capitalize">{level}</td>
                <td className="pr-3 tabular-nums">
                  {QDS_BANDS[level].min}–{QDS_BANDS[level].max}
                </td>
                <td className="tabular-nums">{LEVEL_WEIGHTS[level]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
