import type { Metadata } from "next";
import { Upload } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { countExportIntegrations } from "@/lib/exports/service";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSummary } from "@/components/shell/section-summary";

export const metadata: Metadata = { title: "Exports" };

export default async function ExportsPage() {
  const user = await requireUser();
  const count = await countExportIntegrations({ tenantId: user.tenantId });

  return (
    <>
      <PageHeader
        title="Exports"
        description="Export integrations deliver vulnerability findings and compliance posture to an S3 bucket you own."
      />
      {count > 0 ? (
        <SectionSummary
          icon={Upload}
          count={count}
          noun={{ one: "export integration", many: "export integrations" }}
          note="Each integration delivers on its own schedule to its bucket."
        />
      ) : (
        <EmptyState
          icon={Upload}
          title="No export integrations yet"
          description={
            <>
              Integrations appear here once they are registered through the partner-integration REST
              API (<code className="font-mono text-[12px]">/partner-integration/aws/s3/vm</code> for
              findings, <code className="font-mono text-[12px]">…/pc</code> for posture).
            </>
          }
        />
      )}
    </>
  );
}
