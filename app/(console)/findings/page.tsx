import type { Metadata } from "next";
import Link from "next/link";
import { Cable, ShieldAlert } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { isQueryError } from "@/lib/query/errors";
import { readFindingSearch, type RawSearchParams } from "@/lib/inventory/search-params";
import { countFindings, listFindings, listSavedQueries } from "@/lib/inventory/service";
import { FindingsTable } from "@/components/findings/findings-table";
import { Pager } from "@/components/inventory/pager";
import { SavedQueries } from "@/components/inventory/saved-queries";
import { SearchBar } from "@/components/inventory/search-bar";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Findings" };

export default async function FindingsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requireUser();
  const search = readFindingSearch(await searchParams);
  const [findingCount, saved] = await Promise.all([
    countFindings({ tenantId: user.tenantId }),
    listSavedQueries({ tenantId: user.tenantId, scope: "findings" }),
  ]);
  const header = (
    <PageHeader
      title="Findings"
      description="Vulnerabilities detected on your assets. A * next to a QDS means it was derived from CVSS or severity."
    />
  );

  if (findingCount === 0) {
    return (
      <>
        {header}
        <EmptyState
          icon={ShieldAlert}
          title="No findings yet"
          description="Findings appear here when a connector brings in vulnerability data, such as Qualys VM detections. Each finding is attached to its asset and scored 1–100 (QDS)."
          action={
            <Link href="/connectors" className={buttonClasses({ variant: "secondary" })}>
              <Cable aria-hidden />
              Go to Connectors
            </Link>
          }
        />
      </>
    );
  }

  let page: Awaited<ReturnType<typeof listFindings>> | null = null;
  let problem: { message: string; column: number } | null = null;
  try {
    page = await listFindings({ ...search, tenantId: user.tenantId, withTotal: true });
  } catch (error) {
    if (!isQueryError(error)) throw error;
    problem = { message: error.message, column: error.column };
  }
  const params = { q: search.q || undefined, sort: search.sort, dir: search.dir };

  return (
    <>
      {header}
      <div className="grid gap-3">
        <SearchBar
          scope="findings"
          query={search.q}
          problem={problem}
          placeholder="e.g. severity>=4 and status:Active and asset:(os:Windows*)"
        />
        <SavedQueries scope="findings" query={search.q} saved={saved} />
        <div className="overflow-hidden rounded-lg border border-border bg-card shadow-xs">
          {page && page.rows.length > 0 ? (
            <>
              <FindingsTable
                rows={page.rows}
                showAsset
                sorting={{ sort: search.sort, direction: search.dir, params }}
              />
              <div className="border-t border-border">
                <Pager
                  basePath="/findings"
                  params={params}
                  previous={page.previous}
                  next={page.next}
                  total={page.total}
                  shown={page.rows.length}
                  noun="matching findings"
                />
              </div>
            </>
          ) : (
            <EmptyState
              icon={ShieldAlert}
              bordered={false}
              title={problem ? "Fix the query to see findings" : "No finding matches this query"}
              description={
                problem
                  ? "The query above has a problem; the message under the box says where."
                  : "Try fewer conditions or clear the box to see every finding."
              }
            />
          )}
        </div>
      </div>
    </>
  );
}
