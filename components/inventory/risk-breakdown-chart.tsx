"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { MAX_RISK_SCORE, type RiskBreakdown, type RiskLevel } from "@/lib/risk/qds";

const levelColours: Record<RiskLevel, string> = {
  critical: "var(--severity-5)",
  high: "var(--severity-4)",
  medium: "var(--severity-3)",
  low: "var(--severity-2)",
};

/** How much each risk level adds to the asset's score (contributions include the criticality). */
export function RiskBreakdownChart({ breakdown }: { breakdown: RiskBreakdown }) {
  const data = (Object.keys(levelColours) as RiskLevel[]).map((level) => ({
    level,
    ...breakdown.levels[level],
  }));
  return (
    <div>
      <div
        className="h-44"
        role="img"
        aria-label={`Risk score contributions: ${data.map((d) => `${d.level} ${d.contribution}`).join(", ")}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout="vertical"
            margin={{ left: 8, right: 16, top: 4, bottom: 4 }}
          >
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis
              type="number"
              tick={{ fontSize: 12, fill: "var(--muted-foreground)" }}
              stroke="var(--border)"
            />
            <YAxis
              type="category"
              dataKey="level"
              width={64}
              tick={{ fontSize: 12, fill: "var(--muted-foreground)" }}
              stroke="var(--border)"
              tickFormatter={(l: string) => l[0].toUpperCase() + l.slice(1)}
            />
            <Tooltip
              cursor={{ fill: "var(--muted)" }}
              contentStyle={{
                background: "var(--popover)",
                border: "1px solid var(--border)",
                borderRadius: 8,
                fontSize: 12,
                color: "var(--popover-foreground)",
              }}
              formatter={(value, _name, item) => {
                const p = item.payload as (typeof data)[number];
                return [`${value} (${p.count} findings, avg QDS ${p.avgQds})`, "Contribution"];
              }}
            />
            <Bar dataKey="contribution" radius={[0, 4, 4, 0]} isAnimationActive={false}>
              {data.map((d) => (
                <Cell key={d.level} fill={levelColours[d.level]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="mt-2 w-full text-xs">
        <thead>
          <tr className="text-muted-foreground">
            <th className="text-left font-normal">Level</th>
            <th className="text-right font-normal">Open findings</th>
            <th className="text-right font-normal">Avg QDS</th>
            <th className="text-right font-normal">Contribution</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {data.map((d) => (
            <tr key={d.level}>
              <td className="capitalize">{d.level}</td>
              <td className="text-right">{d.count}</td>
              <td className="text-right">{d.avgQds}</td>
              <td className="text-right">{d.contribution}</td>
            </tr>
          ))}
          <tr className="border-t border-border font-medium">
            <td colSpan={3}>
              Score (criticality {breakdown.acs}
              {breakdown.uncapped > MAX_RISK_SCORE ? `, capped from ${breakdown.uncapped}` : ""})
            </td>
            <td className="text-right">{breakdown.score}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
