import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, GitMerge } from "lucide-react";
import { hasRole, requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { getAssetDetail } from "@/lib/inventory/service";
import { ConflictsTable } from "@/components/inventory/conflicts-table";
import { CriticalityEditor } from "@/components/inventory/criticality-editor";
import { ScoringRules } from "@/components/inventory/qds-table";
import { RiskScore } from "@/components/inventory/risk";
import { RiskBreakdownChart } from "@/components/inventory/risk-breakdown-chart";
import { SourcesTable } from "@/components/inventory/sources-table";
import { FindingsTable } from "@/components/findings/findings-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";

export const metadata: Metadata = { title: "Asset" };

async function load(tenantId: string, assetId: string) {
  try {
    return await getAssetDetail({ tenantId, assetId });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1.5 text-[13px]">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">
        {children ?? <span className="text-muted-foreground">—</span>}
      </dd>
    </div>
  );
}

export default async function AssetPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const asset = await load(user.tenantId, id);
  const canEdit = hasRole(user, "operator");
  const attributes = Object.entries((asset.attributes ?? {}) as Record<string, unknown>);

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
        title={asset.name}
        description={
          <>
            {asset.os ?? "Unknown operating system"} · first seen{" "}
            <TimeAgo date={asset.firstSeenAt} />, last seen <TimeAgo date={asset.lastSeenAt} />
          </>
        }
        actions={<RiskScore score={asset.riskScore} className="text-lg" />}
      />

      {asset.conflicts.length ? (
        <Card className="mb-6 border-warning/40">
          <CardHeader>
            <div>
              <CardTitle className="flex items-center gap-2">
                <GitMerge aria-hidden className="size-4 text-warning" />
                Open identity conflicts
              </CardTitle>
              <CardDescription>
                A record matched this asset and another one. Merge them if they are the same
                machine, or keep them apart.
              </CardDescription>
            </div>
          </CardHeader>
          <ConflictsTable conflicts={asset.conflicts} canEdit={canEdit} />
        </Card>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>Attributes</CardTitle>
          </CardHeader>
          <CardContent className="py-2">
            <dl className="divide-y divide-border">
              <Field label="Criticality">
                <CriticalityEditor
                  assetId={asset.id}
                  criticality={asset.criticality}
                  canEdit={canEdit}
                />
              </Field>
              <Field label="Host name">{asset.hostname}</Field>
              <Field label="FQDN">{asset.fqdn}</Field>
              <Field label="IP addresses">
                {asset.ipAddresses.length ? (
                  <span className="font-mono text-xs">{asset.ipAddresses.join(", ")}</span>
                ) : null}
              </Field>
              <Field label="Operating system">{asset.os}</Field>
              <Field label="Tags">
                {asset.tags.length ? (
                  <span className="flex flex-wrap gap-1">
                    {asset.tags.map((t) => (
                      <Badge key={t}>{t}</Badge>
                    ))}
                  </span>
                ) : null}
              </Field>
              {attributes.map(([key, value]) => (
                <Field key={key} label={key}>
                  <span className="font-mono text-xs">
                    {typeof value === "string" ? value : JSON.stringify(value)}
                  </span>
                </Field>
              ))}
            </dl>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <div>
              <CardTitle>Risk breakdown</CardTitle>
              <CardDescription>
                What each level of open findings adds to the score of {asset.riskScore}.
              </CardDescription>
            </div>
          </CardHeader>
          <CardContent>
            <RiskBreakdownChart breakdown={asset.breakdown} />
            <details className="mt-4 rounded-md border border-border px-3 py-2">
              <summary className="cursor-pointer text-[13px] font-medium">
                How the score is computed
              </summary>
              <div className="mt-3">
                <ScoringRules />
              </div>
            </details>
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <div>
              <CardTitle>Sources</CardTitle>
              <CardDescription>
                Every record merged into this asset, and the identification rule that put it here.
              </CardDescription>
            </div>
          </CardHeader>
          <SourcesTable sources={asset.sources} identifiers={asset.identifiers} canEdit={canEdit} />
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <CardTitle>Identifiers</CardTitle>
          </CardHeader>
          <CardContent>
            {asset.identifiers.length ? (
              <ul className="flex flex-wrap gap-1.5">
                {asset.identifiers.map((i) => (
                  <li
                    key={i.id}
                    className="rounded-md border border-border bg-muted/40 px-2 py-1 text-xs"
                  >
                    <span className="text-muted-foreground">{i.kind}</span>{" "}
                    <span className="font-mono">{i.value}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-[13px] text-muted-foreground">No identifiers recorded.</p>
            )}
          </CardContent>
        </Card>

        <Card className="lg:col-span-2">
          <CardHeader>
            <div>
              <CardTitle>Findings</CardTitle>
              <CardDescription>
                {asset.findingsTotal > asset.findings.length
                  ? `The ${formatCount(asset.findings.length)} most severe of ${formatCount(asset.findingsTotal)}, open first.`
                  : `${formatCount(asset.findingsTotal)} findings, open first. A * marks a QDS derived from CVSS or severity.`}
              </CardDescription>
            </div>
          </CardHeader>
          {asset.findings.length ? (
            <FindingsTable rows={asset.findings} showAsset={false} />
          ) : (
            <CardContent>
              <p className="text-[13px] text-muted-foreground">
                No findings on this asset. Vulnerability connectors attach them after their runs.
              </p>
            </CardContent>
          )}
        </Card>
      </div>
    </>
  );
}
