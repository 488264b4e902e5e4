import { Badge, type BadgeTone } from "@/components/ui/badge";

export type ConnectorState = "REGISTERED" | "SCHEDULED" | "PROCESSING" | "PROCESSED" | "FAILED";

const states: Record<ConnectorState, { label: string; tone: BadgeTone; pulse?: boolean }> = {
  REGISTERED: { label: "Registered", tone: "neutral" },
  SCHEDULED: { label: "Scheduled", tone: "primary" },
  PROCESSING: { label: "Processing", tone: "info", pulse: true },
  PROCESSED: { label: "Processed", tone: "success" },
  FAILED: { label: "Failed", tone: "destructive" },
};

export function ConnectorStateBadge({ state }: { state: ConnectorState }) {
  const { label, tone, pulse } = states[state];
  return (
    <Badge tone={tone} dot pulse={pulse}>
      {label}
    </Badge>
  );
}

export const findingTypeLabels: Record<string, string> = {
  ASSET: "Assets",
  VULNERABILITY: "Vulnerabilities",
  LOG: "Logs",
};

export const triggerLabels: Record<string, string> = {
  MANUAL: "Manual",
  SCHEDULE: "Schedule",
  UPLOAD: "Upload",
  S3_EVENT: "S3 event",
  SQS: "SQS message",
  BACKFILL: "Backfill",
};
