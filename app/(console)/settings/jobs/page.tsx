import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { getJobsOverview } from "@/lib/jobs/service";
import { QueueTable } from "@/components/settings/queue-table";
import { RecentFailures } from "@/components/settings/recent-failures";
import { RefreshButton } from "@/components/settings/refresh-button";
import { WorkersList } from "@/components/settings/workers-list";
import { SectionHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Jobs · Settings" };

export default async function JobsSettingsPage() {
  await requireRole("admin");
  const { queues, workers, recentFailures } = await getJobsOverview();

  return (
    <div className="grid gap-8">
      <section>
        <SectionHeader
          title="Queues"
          description="Background jobs such as connector runs and exports, with their load over the last 24 hours."
          actions={<RefreshButton />}
        />
        <QueueTable queues={queues} />
      </section>
      <section>
        <SectionHeader
          title="Workers"
          description="Processes that pick up jobs. A worker is stale when it has not reported in recently."
        />
        <WorkersList workers={workers} />
      </section>
      <section>
        <SectionHeader
          title="Recent failures"
          description="The latest jobs that failed after all their retries."
        />
        <RecentFailures failures={recentFailures} />
      </section>
    </div>
  );
}
