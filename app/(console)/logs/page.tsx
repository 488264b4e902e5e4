import type { Metadata } from "next";
import Link from "next/link";
import { Cable, ScrollText } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { countLogEvents } from "@/lib/logs/service";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSummary } from "@/components/shell/section-summary";

export const metadata: Metadata = { title: "Logs" };

export default async function LogsPage() {
  const user = await requireUser();
  const count = await countLogEvents({ tenantId: user.tenantId });

  return (
    <>
      <PageHeader
        title="Logs"
        description="JSON log events collected from your S3 buckets, tagged by the log source they came from."
      />
      {count > 0 ? (
        <SectionSummary
          icon={ScrollText}
          count={count}
          noun={{ one: "log event stored", many: "log events stored" }}
          note="Events are tagged by log source (msg_class, msg_origin) as they are ingested."
        />
      ) : (
        <EmptyState
          icon={ScrollText}
          title="No log events yet"
          description="Log events appear here once a logs connector reads JSON, NDJSON or gzip objects that S3 announces on an SQS queue."
          action={
            <Link href="/connectors" className={buttonClasses({ variant: "secondary" })}>
              <Cable aria-hidden />
              Go to Connectors
            </Link>
          }
        />
      )}
    </>
  );
}
