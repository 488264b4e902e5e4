import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChevronLeft } from "lucide-react";
import { z } from "zod";
import { hasRole, requireUser } from "@/lib/auth/session";
import { getConnectorDetail } from "@/lib/connectors/service";
import { getEventSetup } from "@/lib/events/service";
import { PageHeader } from "@/components/ui/page-header";
import {
  ConnectorSettingsCard,
  IdentificationRulesCard,
  ProfilesCard,
  RecentRunsCard,
  TransformMapsCard,
} from "@/components/connectors/connector-detail";
import { ConnectorStateBadge } from "@/components/connectors/connector-state-badge";
import { RunDialog } from "@/components/runs/run-dialog";
import { TestConnectionButton } from "@/components/connectors/test-connection-button";
import { EventRunsCard } from "@/components/connectors/s3-csv/event-runs-card";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ run?: string; template?: string }>;
};

async function load(id: string) {
  if (!z.uuid().safeParse(id).success) notFound();
  const user = await requireUser();
  const connector = await getConnectorDetail({ tenantId: user.tenantId, connectorId: id });
  if (!connector) notFound();
  return { user, connector };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { connector } = await load(id);
  return { title: connector.name };
}

export default async function ConnectorPage({ params, searchParams }: Props) {
  const [{ id }, { run, template }] = await Promise.all([params, searchParams]);
  const { user, connector } = await load(id);
  const canRun = hasRole(user, "operator");
  // Null unless the connector type takes S3 events.
  const eventSetup = await getEventSetup({ tenantId: user.tenantId, connectorId: connector.id });

  return (
    <>
      <Link
        href="/connectors"
        className="focus-ring mb-3 inline-flex items-center gap-1 rounded-sm text-[13px] text-muted-foreground hover:text-foreground"
      >
        <ChevronLeft aria-hidden className="size-4" />
        Connectors
      </Link>
      <PageHeader
        title={connector.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ConnectorStateBadge state={connector.state} />
            <span>{connector.typeLabel}</span>
            {connector.description ? <span>· {connector.description}</span> : null}
          </span>
        }
        actions={
          canRun ? (
            <>
              <TestConnectionButton connectorId={connector.id} />
              <RunDialog
                connector={{ id: connector.id, name: connector.name }}
                transformMaps={connector.transformMaps.map((m) => ({ id: m.id, name: m.name }))}
                profiles={connector.profiles.map((p) => ({ id: p.id, name: p.name }))}
                acceptsUploads={connector.sourceKind === "files"}
                defaultOpen={run === "1"}
              />
            </>
          ) : null
        }
      />
      <div className="grid gap-6">
        <RecentRunsCard connector={connector} />
        {eventSetup ? (
          <EventRunsCard setup={eventSetup} canEdit={canRun} openTemplate={template === "1"} />
        ) : null}
        <div className="grid gap-6 lg:grid-cols-2">
          <ConnectorSettingsCard connector={connector} />
          <div className="grid content-start gap-6">
            <ProfilesCard connector={connector} />
            <IdentificationRulesCard connector={connector} />
            <TransformMapsCard connector={connector} />
          </div>
        </div>
      </div>
    </>
  );
}
