import type { Metadata } from "next";
import { Cable } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { countConnectors } from "@/lib/connectors/service";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSummary } from "@/components/shell/section-summary";

export const metadata: Metadata = { title: "Connectors" };

// What a connector can pull from, so an empty page still tells the user what is possible.
const sourceKinds = [
  { name: "Qualys CSAM", text: "Assets from the CSAM asset search API." },
  { name: "Qualys VM", text: "Hosts and vulnerability detections on an interval." },
  {
    name: "CSV in Amazon S3",
    text: "Files from a bucket via a cross-account role, or uploaded by hand.",
  },
  {
    name: "Logs via S3 and SQS",
    text: "JSON or NDJSON log objects announced by S3 event notifications.",
  },
];

export default async function ConnectorsPage() {
  const user = await requireUser();
  const count = await countConnectors({ tenantId: user.tenantId });

  return (
    <>
      <PageHeader
        title="Connectors"
        description="Connectors pull assets, findings and logs from your security tools into Sluice, on demand or on a schedule."
      />
      {count > 0 ? (
        <SectionSummary
          icon={Cable}
          count={count}
          noun={{ one: "connector configured", many: "connectors configured" }}
          note="Their latest runs are listed on the dashboard."
          link={{ href: "/", label: "View recent runs" }}
        />
      ) : (
        <EmptyState
          icon={Cable}
          title="No connectors yet"
          description="Each connector you create appears here with its state, schedule and last run. Setting one up takes you through source settings, field mapping, schedule and identification rules."
        >
          <ul className="grid gap-3 text-left sm:grid-cols-2">
            {sourceKinds.map((kind) => (
              <li key={kind.name} className="rounded-md border border-border bg-background/60 p-3">
                <p className="text-sm font-medium">{kind.name}</p>
                <p className="mt-0.5 text-[13px] text-muted-foreground">{kind.text}</p>
              </li>
            ))}
          </ul>
        </EmptyState>
      )}
    </>
  );
}
