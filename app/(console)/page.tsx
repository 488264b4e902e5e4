import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getDashboardSummary } from "@/lib/dashboard/service";
import { getInventoryCharts } from "@/lib/inventory/service";
import { InventoryCharts } from "@/components/dashboard/charts";
import { DashboardStats } from "@/components/dashboard/dashboard-stats";
import { GettingStarted } from "@/components/dashboard/getting-started";
import { RecentRuns } from "@/components/dashboard/recent-runs";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const user = await requireUser();
  const [{ recentRuns, ...stats }, charts] = await Promise.all([
    getDashboardSummary({ tenantId: user.tenantId }),
    getInventoryCharts({ tenantId: user.tenantId }),
  ]);

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`What has been collected for ${user.tenantName}, and how the latest runs went.`}
      />
      <div className="grid gap-6">
        <DashboardStats {...stats} />
        {stats.connectors === 0 && recentRuns.length === 0 ? (
          <GettingStarted />
        ) : (
          <>
            <InventoryCharts data={charts} />
            <RecentRuns runs={recentRuns} />
          </>
        )}
      </div>
    </>
  );
}
