import type { Metadata } from "next";
import Link from "next/link";
import { Cable, ShieldAlert } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { countFindings } from "@/lib/inventory/service";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSummary } from "@/components/shell/section-summary";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage() {
  const user = await requireUser();
  const count = await countFindings({ tenantId: user.tenantId });

  return (
    <>
      <PageHeader
        title="Findings"
        description="Vulnerabilities detected on your assets, with severity and status, so you can decide what to fix first."
      />
      {count > 0 ? (
        <SectionSummary
          icon={ShieldAlert}
          count={count}
          noun={{ one: "finding", many: "findings" }}
          note="Open critical and urgent findings are counted on the dashboard."
          link={{ href: "/", label: "Open dashboard" }}
        />
      ) : (
        <EmptyState
          icon={ShieldAlert}
          title="No findings yet"
          description="Findings appear here when a connector brings in vulnerability data, such as Qualys VM detections. Each finding is attached to its asset and rated on a 1–5 severity scale."
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
