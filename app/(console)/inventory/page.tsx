import type { Metadata } from "next";
import Link from "next/link";
import { Boxes, Cable } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { countAssets } from "@/lib/inventory/service";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SectionSummary } from "@/components/shell/section-summary";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage() {
  const user = await requireUser();
  const count = await countAssets({ tenantId: user.tenantId });

  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every asset your connectors have seen, merged into one deduplicated, risk-scored record per machine."
      />
      {count > 0 ? (
        <SectionSummary
          icon={Boxes}
          count={count}
          noun={{ one: "asset in the inventory", many: "assets in the inventory" }}
          note="Counts update after every connector run."
        />
      ) : (
        <EmptyState
          icon={Boxes}
          title="No assets yet"
          description="Assets appear here after a connector's first run. Records from different sources that describe the same machine are merged by identification rules and given a risk score."
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
