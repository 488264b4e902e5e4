import type { EventSetup } from "@/lib/events/service";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount, pluralize } from "@/components/ui/format";
import { TimeAgo } from "@/components/ui/time-ago";
import {
  CloudTemplateDialog,
  IntakeTokenControl,
  NotificationStepList,
  ProcessExistingButton,
} from "./event-run-controls";

/**
 * Event-driven runs of an S3 CSV connector: the CloudFormation template, the
 * intake token it needs, the bucket notification steps, and a backfill for
 * the objects that were there before the stack.
 */
export function EventRunsCard({
  setup,
  canEdit,
  openTemplate,
}: {
  setup: EventSetup;
  canEdit: boolean;
  openTemplate: boolean;
}) {
  const { stats } = setup;
  return (
    <Card id="events" aria-labelledby="event-runs-title">
      <CardHeader>
        <div>
          <CardTitle id="event-runs-title">Event-driven runs</CardTitle>
          <CardDescription>
            Uploads to s3://{setup.bucket}/{setup.prefix} start runs through S3 event notifications.
            Events queue up in Sluice and are ingested {pluralize(setup.concurrency, "object")} at a
            time (the connector&apos;s concurrency setting); each object version is ingested once.
          </CardDescription>
        </div>
      </CardHeader>
      <div className="grid gap-4 px-4 py-3 text-sm">
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted-foreground">Intake token</dt>
          <dd>
            {setup.hasToken ? (
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone="success">••• set</Badge>
                {setup.tokenChangedAt ? (
                  <span className="text-[13px] text-muted-foreground">
                    changed <TimeAgo date={setup.tokenChangedAt} />
                    {setup.tokenChangedBy ? ` by ${setup.tokenChangedBy}` : ""}
                  </span>
                ) : null}
              </span>
            ) : (
              <span className="text-muted-foreground">None yet: generate one for the stack.</span>
            )}
          </dd>
          <dt className="text-muted-foreground">Intake URL</dt>
          <dd className="font-mono text-[13px] break-all">POST {setup.intakePath}</dd>
          <dt className="text-muted-foreground">Ledger</dt>
          <dd>
            {formatCount(stats.ingested)} ingested · {formatCount(stats.skipped)} skipped ·{" "}
            {formatCount(stats.failed)} failed
            {stats.queued > 0 ? ` · ${formatCount(stats.queued)} queued` : ""}
          </dd>
        </dl>
        {canEdit ? (
          <>
            <IntakeTokenControl connectorId={setup.connectorId} hasToken={setup.hasToken} />
            <div className="flex flex-wrap gap-2">
              <CloudTemplateDialog
                connectorId={setup.connectorId}
                sluiceUrl={setup.sluiceUrl}
                steps={setup.steps}
                defaultOpen={openTemplate}
              />
              <ProcessExistingButton connectorId={setup.connectorId} />
            </div>
          </>
        ) : null}
        <details className="rounded-md border border-border px-3 py-2">
          <summary className="cursor-pointer font-medium">
            Connect the bucket to the stack (SQS variant)
          </summary>
          <div className="mt-3">
            <NotificationStepList steps={setup.steps.sqs} />
          </div>
        </details>
      </div>
    </Card>
  );
}
