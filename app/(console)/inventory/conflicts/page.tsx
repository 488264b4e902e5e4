import type { Metadata } from "next";
import Link from "next/link";
import { ArrowLeft, GitMerge } from "lucide-react";
import { hasRole, requireUser } from "@/lib/auth/session";
import { listConflicts } from "@/lib/inventory/service";
import { ConflictsTable } from "@/components/inventory/conflicts-table";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Identity conflicts" };

export default async function ConflictsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const status = (await searchParams).status === "resolved" ? "RESOLVED" : "OPEN";
  const conflicts = await listConflicts({ tenantId: user.tenantId, status });
  const tab = (value: "OPEN" | "RESOLVED", label: string) => (
    <Link
      href={value === "OPEN" ? "/inventory/conflicts" : "/inventory/conflicts?status=resolved"}
      aria-current={status === value ? "page" : undefined}
      className={cn(
        "focus-ring rounded-md px-3 py-1.5 text-[13px] font-medium",
        status === value
          ? "bg-card text-foreground shadow-xs ring-1 ring-border"
          : "text-muted-foreground hover:text-foreground",
      )}
    >
      {label}
    </Link>
  );
  return (
    <>
      <Link
        href="/inventory"
        className="focus-ring mb-3 inline-flex items-center gap-1 rounded text-[13px] text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-3.5" />
        Inventory
      </Link>
      <PageHeader
        title="Identity conflicts"
        description="Records whose identification rules pointed at two different assets. Sluice never merges those on its own: decide here."
      />
      <nav aria-label="Conflict status" className="mb-3 inline-flex gap-1 rounded-lg bg-muted p-1">
        {tab("OPEN", "Open")}
        {tab("RESOLVED", "Resolved")}
      </nav>
      <div className="overflow-hidden rounded-lg border border-border bg-card shadow-xs">
        {conflicts.length ? (
          <ConflictsTable conflicts={conflicts} canEdit={hasRole(user, "operator")} />
        ) : (
          <EmptyState
            icon={GitMerge}
            bordered={false}
            title={status === "OPEN" ? "No open conflicts" : "Nothing resolved yet"}
            description={
              status === "OPEN"
                ? "Every record matched at most one asset. Conflicts appear here when, for example, a BIOS serial points at one asset and an IP address at another."
                : "Merged and kept-apart conflicts are listed here once someone decides."
            }
          />
        )}
      </div>
    </>
  );
}
