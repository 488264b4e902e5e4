import type { ReactNode } from "react";
import Link from "next/link";
import { History } from "lucide-react";
import type { ConnectorDetail } from "@/lib/connectors/service";
import { identifierLabels } from "@/lib/identity/identifiers";
import { Badge, RunStateBadge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount, pluralize } from "@/components/ui/format";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { findingTypeLabels, triggerLabels } from "./connector-state-badge";

function Facts({ children }: { children: ReactNode }) {
  return (
    <dl className="grid gap-x-6 gap-y-2.5 px-4 py-3 text-sm sm:grid-cols-[10rem_1fr]">
      {children}
    </dl>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">
        {children ?? <span className="text-muted-foreground">—</span>}
      </dd>
    </>
  );
}

const dateTime = new Intl.DateTimeFormat("en", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function scheduleText(profile: ConnectorDetail["profiles"][number]) {
  const at = (date: Date | null) => (date ? `${dateTime.format(date)} UTC` : null);
  if (profile.scheduleKind === "NONE") return "No schedule";
  if (profile.scheduleKind === "ONCE") return `Once, at ${at(profile.runAt)}`;
  const every = profile.cron
    ? `cron ${profile.cron} (${profile.timeZone})`
    : `every ${pluralize(profile.intervalMinutes ?? 0, "minute")}`;
  return `Recurring, ${every}${profile.endsAt ? `, until ${at(profile.endsAt)}` : ""}`;
}

export function ConnectorSettingsCard({ connector }: { connector: ConnectorDetail }) {
  const config = Object.entries(connector.config).filter(
    ([, v]) => v !== "" && v !== null && v !== undefined,
  );
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Settings</CardTitle>
          <CardDescription>
            Source settings as saved. Credentials are stored encrypted and never shown.
          </CardDescription>
        </div>
      </CardHeader>
      <Facts>
        <Fact label="Type">{connector.typeLabel}</Fact>
        <Fact label="Finding type">{findingTypeLabels[connector.findingType]}</Fact>
        <Fact label="Asset type">
          {connector.assetType === "HOST" ? "Host" : connector.assetType}
        </Fact>
        <Fact label="Data model">{connector.dataModel?.name}</Fact>
        {config.map(([key, value]) => (
          <Fact key={key} label={key}>
            <span className="font-mono text-[13px]">
              {typeof value === "object" ? JSON.stringify(value) : String(value)}
            </span>
          </Fact>
        ))}
        <Fact label="Credentials">
          {connector.savedSecrets.length > 0 ? (
            <span className="flex flex-wrap gap-3">
              {connector.savedSecrets.map((name) => (
                <span key={name} className="inline-flex items-center gap-1.5">
                  <span className="font-mono text-[13px]">{name}</span>
                  <Badge tone="success">••• saved</Badge>
                </span>
              ))}
            </span>
          ) : (
            <span className="text-muted-foreground">None stored</span>
          )}
        </Fact>
        <Fact label="Created">
          <TimeAgo date={connector.createdAt} />
        </Fact>
      </Facts>
    </Card>
  );
}

export function ProfilesCard({ connector }: { connector: ConnectorDetail }) {
  const maps = new Map(connector.transformMaps.map((m) => [m.id, m.name]));
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Profiles</CardTitle>
          <CardDescription>When the connector runs and with which transform map.</CardDescription>
        </div>
      </CardHeader>
      <ul className="divide-y divide-border">
        {connector.profiles.map((profile) => (
          <li key={profile.id} className="grid gap-1 px-4 py-3 text-sm">
            <div className="flex items-center gap-2">
              <span className="font-medium">{profile.name}</span>
              <Badge tone={profile.status === "ACTIVE" ? "success" : "neutral"} dot>
                {profile.status === "ACTIVE" ? "Active" : "Inactive"}
              </Badge>
            </div>
            <p className="text-[13px] text-muted-foreground">
              {scheduleText(profile)}
              {profile.nextRunAt ? ` · next run ${dateTime.format(profile.nextRunAt)} UTC` : ""}
            </p>
            <p className="text-[13px] text-muted-foreground">
              Transform map: {profile.transformMapId ? maps.get(profile.transformMapId) : "none"}
              {profile.tagFilter ? ` · tags: ${profile.tagFilter}` : ""}
            </p>
            <p className="text-[13px] text-muted-foreground">
              Findings a later import no longer reports:{" "}
              {profile.keepFindingStatus ? "keep their status" : "marked Fixed"}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function IdentificationRulesCard({ connector }: { connector: ConnectorDetail }) {
  const enabled = connector.identificationRules.filter((rule) => rule.enabled);
  const disabled = connector.identificationRules.filter((rule) => !rule.enabled);
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Identification rules</CardTitle>
          <CardDescription>
            Records match existing assets by the first of these they carry.
          </CardDescription>
        </div>
      </CardHeader>
      <div className="grid gap-2 px-4 py-3">
        <ol className="flex flex-wrap gap-1.5">
          {enabled.map((rule, i) => (
            <li key={rule.identifier}>
              <Badge tone="primary">
                {i + 1}.{" "}
                {identifierLabels[rule.identifier as keyof typeof identifierLabels] ??
                  rule.identifier}
              </Badge>
            </li>
          ))}
        </ol>
        {disabled.length > 0 ? (
          <p className="text-[13px] text-muted-foreground">
            Off:{" "}
            {disabled
              .map(
                (rule) =>
                  identifierLabels[rule.identifier as keyof typeof identifierLabels] ??
                  rule.identifier,
              )
              .join(", ")}
          </p>
        ) : null}
      </div>
    </Card>
  );
}

export function TransformMapsCard({ connector }: { connector: ConnectorDetail }) {
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Transform maps</CardTitle>
          <CardDescription>
            How source columns become {connector.dataModel?.name ?? "model"} attributes.
          </CardDescription>
        </div>
      </CardHeader>
      <ul className="divide-y divide-border">
        {connector.transformMaps.map((map) => (
          <li key={map.id} className="px-4 py-3 text-sm">
            <p className="font-medium">{map.name}</p>
            <p className="text-[13px] text-muted-foreground">
              {pluralize(map._count.mappings, "mapping")} ·{" "}
              {pluralize(map.preambleLines, "preamble line")}
              {map.templateKey ? ` · from the ${map.templateKey} template` : ""}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

export function RecentRunsCard({ connector }: { connector: ConnectorDetail }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <div>
          <CardTitle>Recent runs</CardTitle>
          <CardDescription>The last ten runs of this connector.</CardDescription>
        </div>
      </CardHeader>
      {connector.runs.length === 0 ? (
        <EmptyState
          bordered={false}
          compact
          icon={History}
          title="No runs yet"
          description="Start one with Run: upload a CSV or scan the source."
        />
      ) : (
        <Table>
          <TableCaption>Recent runs of {connector.name}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Started</TableHead>
              <TableHead>State</TableHead>
              <TableHead>Trigger</TableHead>
              <TableHead>Source</TableHead>
              <TableHead align="right">Rows</TableHead>
              <TableHead align="right">Created</TableHead>
              <TableHead align="right">Updated</TableHead>
              <TableHead align="right">Rejected</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {connector.runs.map((run) => (
              <TableRow key={run.id}>
                <TableCell>
                  <Link
                    href={`/runs/${run.id}`}
                    className="focus-ring rounded-sm font-medium hover:text-primary hover:underline"
                  >
                    <TimeAgo date={run.createdAt} />
                  </Link>
                </TableCell>
                <TableCell>
                  <RunStateBadge state={run.state} />
                </TableCell>
                <TableCell>{triggerLabels[run.trigger] ?? run.trigger}</TableCell>
                <TableCell className="max-w-64 truncate font-mono text-[13px]">
                  {run.source}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatCount(run.rowsRead)}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatCount(run.created)}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatCount(run.updated)}
                </TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatCount(run.rejected)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Card>
  );
}
