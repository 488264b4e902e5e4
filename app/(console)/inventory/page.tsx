import type { Metadata } from "next";
import Link from "next/link";
import { Boxes, Cable, Download, GitMerge } from "lucide-react";
import { requireUser } from "@/lib/auth/session";
import { isQueryError } from "@/lib/query/errors";
import { readAssetSearch, type RawSearchParams } from "@/lib/inventory/search-params";
import {
  countAssets,
  countOpenConflicts,
  listAssets,
  listSavedQueries,
} from "@/lib/inventory/service";
import { AssetTable } from "@/components/inventory/asset-table";
import { ColumnChooser } from "@/components/inventory/column-chooser";
import { Pager } from "@/components/inventory/pager";
import { SavedQueries } from "@/components/inventory/saved-queries";
import { SearchBar } from "@/components/inventory/search-bar";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pluralize } from "@/components/ui/format";

export const metadata: Metadata = { title: "Inventory" };

export default async function InventoryPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  const user = await requireUser();
  const search = readAssetSearch(await searchParams);
  const [assetCount, saved, openConflicts] = await Promise.all([
    countAssets({ tenantId: user.tenantId }),
    listSavedQueries({ tenantId: user.tenantId, scope: "assets" }),
    countOpenConflicts({ tenantId: user.tenantId }),
  ]);

  if (assetCount === 0) {
    return (
      <>
        <PageHeader title="Inventory" description="Every asset your connectors have seen." />
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
      </>
    );
  }

  let page: Awaited<ReturnType<typeof listAssets>> | null = null;
  let problem: { message: string; column: number } | null = null;
  try {
    page = await listAssets({ ...search, tenantId: user.tenantId, withTotal: true });
  } catch (error) {
    if (!isQueryError(error)) throw error;
    problem = { message: error.message, column: error.column };
  }

  const params = {
    q: search.q || undefined,
    sort: search.sort,
    dir: search.dir,
    cols: search.colsParam,
  };
  const exportParams = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) exportParams.set(key, value);

  return (
    <>
      <PageHeader
        title="Inventory"
        description="Every asset your connectors have seen, merged into one risk-scored record per machine."
        actions={
          <>
            {openConflicts > 0 ? (
              <Link
                href="/inventory/conflicts"
                className={buttonClasses({ variant: "secondary", size: "sm" })}
              >
                <GitMerge aria-hidden />
                {pluralize(openConflicts, "identity conflict")}
              </Link>
            ) : null}
            <ColumnChooser columns={search.columns} />
            <a
              href={`/inventory/export?${exportParams.toString()}`}
              download
              className={buttonClasses({ variant: "secondary", size: "sm" })}
            >
              <Download aria-hidden />
              Export CSV
            </a>
          </>
        }
      />
      <div className="grid gap-3">
        <SearchBar
          scope="assets"
          query={search.q}
          problem={problem}
          placeholder="e.g. inventory:(source:`CSAM`) and os:Windows*"
        />
        <SavedQueries scope="assets" query={search.q} saved={saved} />
        <div className="overflow-hidden rounded-lg border border-border bg-card shadow-xs">
          {page && page.rows.length > 0 ? (
            <>
              <AssetTable
                rows={page.rows}
                columns={search.columns}
                sort={search.sort}
                direction={search.dir}
                params={params}
              />
              <div className="border-t border-border">
                <Pager
                  basePath="/inventory"
                  params={params}
                  previous={page.previous}
                  next={page.next}
                  total={page.total}
                  shown={page.rows.length}
                  noun="matching assets"
                />
              </div>
            </>
          ) : (
            <EmptyState
              icon={Boxes}
              bordered={false}
              title={problem ? "Fix the query to see assets" : "No asset matches this query"}
              description={
                problem
                  ? "The query above has a problem; the message under the box says where."
                  : "Try fewer conditions, a wildcard such as os:Windows*, or clear the box to see every asset."
              }
            />
          )}
        </div>
      </div>
    </>
  );
}
