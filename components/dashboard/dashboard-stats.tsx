import { Activity, Boxes, Cable, ShieldAlert } from "lucide-react";
import { formatCount, pluralize } from "@/components/ui/format";
import { StatCard } from "./stat-card";

export type DashboardStatsProps = {
  connectors: number;
  assets: number;
  findings: number;
  openCriticalFindings: number;
  runs24h: number;
  failedRuns24h: number;
};

export function DashboardStats(s: DashboardStatsProps) {
  return (
    <section aria-label="Summary" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <StatCard
        label="Connectors"
        value={s.connectors}
        icon={Cable}
        href="/connectors"
        detail="Configured sources"
      />
      <StatCard
        label="Assets"
        value={s.assets}
        icon={Boxes}
        href="/inventory"
        detail="Deduplicated inventory"
      />
      <StatCard
        label="Findings"
        value={s.findings}
        icon={ShieldAlert}
        href="/findings"
        detail={
          s.openCriticalFindings > 0 ? (
            <span className="font-medium text-destructive">
              {formatCount(s.openCriticalFindings)} open critical or urgent
            </span>
          ) : (
            "No open critical or urgent"
          )
        }
      />
      <StatCard
        label="Runs, last 24 h"
        value={s.runs24h}
        icon={Activity}
        href="/connectors"
        detail={
          s.failedRuns24h > 0 ? (
            <span className="font-medium text-destructive">
              {pluralize(s.failedRuns24h, "failed run")}
            </span>
          ) : s.runs24h > 0 ? (
            <span className="text-success">All succeeded</span>
          ) : (
            "No runs yet"
          )
        }
      />
    </section>
  );
}
