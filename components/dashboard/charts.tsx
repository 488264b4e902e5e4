"use client";

import type { ReactNode } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { InventoryCharts as InventoryChartsData } from "@/lib/inventory/service";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

const axis = { fontSize: 12, fill: "var(--muted-foreground)" };
const tooltipStyle = {
  background: "var(--popover)",
  border: "1px solid var(--border)",
  borderRadius: 8,
  fontSize: 12,
  color: "var(--popover-foreground)",
};
const severityNames = ["Minimal", "Medium", "Serious", "Critical", "Urgent"];

function ChartCard({
  title,
  description,
  empty,
  emptyText,
  label,
  children,
}: {
  title: string;
  description: string;
  empty: boolean;
  emptyText: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>{title}</CardTitle>
          <CardDescription>{description}</CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {empty ? (
          // Honest empty state: no axes, no sample bars.
          <div className="flex h-52 items-center justify-center rounded-md border border-dashed border-border px-6 text-center text-[13px] text-muted-foreground">
            {emptyText}
          </div>
        ) : (
          <div className="h-52" role="img" aria-label={label}>
            <ResponsiveContainer width="100%" height="100%">
              {children as React.ReactElement}
            </ResponsiveContainer>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * The dashboard's four inventory charts. Data comes from
 * getInventoryCharts({ tenantId }) in lib/inventory/service.ts, loaded by the
 * (server) dashboard page and passed in as `data`.
 */
export function InventoryCharts({ data }: { data: InventoryChartsData }) {
  const totalAssets = data.riskDistribution.reduce((n, b) => n + b.assets, 0);
  const totalFindings = data.findingsBySeverity.reduce((n, s) => n + s.open + s.fixed, 0);
  const totalRuns = data.ingestion.reduce((n, d) => n + d.runs, 0);
  const severities = data.findingsBySeverity.map((s) => ({
    ...s,
    name: `${s.severity} ${severityNames[s.severity - 1]}`,
  }));
  const days = data.ingestion.map((d) => ({ ...d, label: d.day.slice(5) }));

  return (
    <section aria-label="Inventory charts" className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        title="Assets by source"
        description="Deduplicated assets each source reported; one asset can have several."
        empty={data.assetsBySource.length === 0}
        emptyText="No source has reported an asset yet."
        label={`Assets by source: ${data.assetsBySource.map((s) => `${s.source} ${s.assets}`).join(", ")}`}
      >
        <BarChart data={data.assetsBySource} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="source" tick={axis} stroke="var(--border)" />
          <YAxis tick={axis} stroke="var(--border)" allowDecimals={false} width={48} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
          <Bar dataKey="assets" name="Assets" fill="var(--primary)" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ChartCard>

      <ChartCard
        title="Risk distribution"
        description="Assets by risk score (0–1000)."
        empty={totalAssets === 0}
        emptyText="No assets to score yet."
        label={`Risk distribution: ${data.riskDistribution.map((b) => `${b.label}: ${b.assets}`).join(", ")}`}
      >
        <BarChart data={data.riskDistribution} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="label"
            tick={{ ...axis, fontSize: 11 }}
            stroke="var(--border)"
            interval={0}
            angle={-30}
            textAnchor="end"
            height={48}
          />
          <YAxis tick={axis} stroke="var(--border)" allowDecimals={false} width={48} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
          <Bar dataKey="assets" name="Assets" fill="var(--severity-4)" radius={[4, 4, 0, 0]} />
        </BarChart>
      </ChartCard>

      <ChartCard
        title="Findings by severity"
        description="Open and fixed findings on the 1–5 severity scale."
        empty={totalFindings === 0}
        emptyText="No findings yet. Vulnerability connectors bring them in."
        label={`Findings by severity: ${severities.map((s) => `${s.name} ${s.open} open, ${s.fixed} fixed`).join("; ")}`}
      >
        <BarChart data={severities} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis dataKey="name" tick={axis} stroke="var(--border)" />
          <YAxis tick={axis} stroke="var(--border)" allowDecimals={false} width={48} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="open" name="Open" stackId="s" fill="var(--severity-5)" />
          <Bar
            dataKey="fixed"
            name="Fixed"
            stackId="s"
            fill="var(--success)"
            radius={[4, 4, 0, 0]}
          />
        </BarChart>
      </ChartCard>

      <ChartCard
        title="Ingestion, last 30 days"
        description="Rows read by runs per day (UTC), and rows that created or changed something."
        empty={totalRuns === 0}
        emptyText="No runs in the last 30 days."
        label={`Ingestion over the last 30 days: ${totalRuns} runs`}
      >
        <BarChart data={days} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--border)" />
          <XAxis
            dataKey="label"
            tick={{ ...axis, fontSize: 11 }}
            stroke="var(--border)"
            minTickGap={16}
          />
          <YAxis tick={axis} stroke="var(--border)" allowDecimals={false} width={56} />
          <Tooltip contentStyle={tooltipStyle} cursor={{ fill: "var(--muted)" }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="rows" name="Rows read" fill="var(--info)" radius={[3, 3, 0, 0]} />
          <Bar
            dataKey="written"
            name="Created or updated"
            fill="var(--primary)"
            radius={[3, 3, 0, 0]}
          />
        </BarChart>
      </ChartCard>
    </section>
  );
}
