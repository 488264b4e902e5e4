import type { Metadata } from "next";
import Link from "next/link";
import { Cable, Plus } from "lucide-react";
import { hasRole, requireUser } from "@/lib/auth/session";
import { listConnectorDrafts, listConnectors } from "@/lib/connectors/service";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ConnectorsTable } from "@/components/connectors/connectors-table";
import { DraftsList } from "@/components/connectors/drafts-list";

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
  const canEdit = hasRole(user, "operator");
  const [connectors, drafts] = await Promise.all([
    listConnectors({ tenantId: user.tenantId }),
    canEdit ? listConnectorDrafts({ tenantId: user.tenantId }) : Promise.resolve([]),
  ]);
  const newButton = canEdit ? (
    <Link href="/connectors/new/basic" className={buttonClasses()}>
      <Plus aria-hidden />
      New connector
    </Link>
  ) : null;

  return (
    <>
      <PageHeader
        title="Connectors"
        description="Connectors pull assets, findings and logs from your security tools into Sluice, on demand or on a schedule."
        actions={connectors.length > 0 || drafts.length > 0 ? newButton : null}
      />
      <div className="grid gap-6">
        {connectors.length > 0 ? (
          <ConnectorsTable connectors={connectors} canRun={canEdit} />
        ) : (
          <EmptyState
            icon={Cable}
            title="No connectors yet"
            description="Each connector you create appears here with its state, schedule and last run. Setting one up takes you through source settings, field mapping, schedule and identification rules."
            action={drafts.length === 0 ? newButton : null}
          >
            <ul className="grid gap-3 text-left sm:grid-cols-2">
              {sourceKinds.map((kind) => (
                <li
                  key={kind.name}
                  className="rounded-md border border-border bg-background/60 p-3"
                >
                  <p className="text-sm font-medium">{kind.name}</p>
                  <p className="mt-0.5 text-[13px] text-muted-foreground">{kind.text}</p>
                </li>
              ))}
            </ul>
          </EmptyState>
        )}
        {drafts.length > 0 ? <DraftsList drafts={drafts} /> : null}
      </div>
    </>
  );
}
