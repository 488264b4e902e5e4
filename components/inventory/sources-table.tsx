"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Scissors } from "lucide-react";
import { toast } from "sonner";
import { splitSourceAction } from "@/lib/inventory/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
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
import { resultMessage } from "@/components/settings/action-result";

export type SourceRow = {
  id: string;
  sourceName: string;
  sourceRecordId: string;
  matchedRule: string | null;
  matchedValue: string | null;
  matchDescription: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  connector: { id: string; name: string; type: string };
};

export type IdentifierRow = { id: string; kind: string; value: string };

/** Identifiers that most likely came with this record: the one it matched on and its own id. */
function likelyIdentifiers(source: SourceRow, identifiers: IdentifierRow[]) {
  return identifiers
    .filter(
      (i) =>
        (i.kind === source.matchedRule && i.value === source.matchedValue) ||
        source.sourceRecordId === `${i.kind}:${i.value}`,
    )
    .map((i) => i.id);
}

function SplitDialog({
  source,
  identifiers,
  onClose,
}: {
  source: SourceRow;
  identifiers: IdentifierRow[];
  onClose: () => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [chosen, setChosen] = useState<string[]>(() => likelyIdentifiers(source, identifiers));

  function split() {
    startTransition(async () => {
      const result = await splitSourceAction({ assetSourceId: source.id, identifierIds: chosen });
      const failure = resultMessage(result);
      if (failure || !("data" in result)) {
        toast.error("Could not split the source off", { description: failure ?? undefined });
        return;
      }
      toast.success(`${source.sourceName} record split into its own asset`, {
        description:
          result.data.movedFindings > 0
            ? `${result.data.movedFindings} findings moved with it.`
            : "Its findings arrive with the next run of its connector.",
        action: { label: "Open", onClick: () => router.push(`/assets/${result.data.newAssetId}`) },
      });
      onClose();
      router.refresh();
    });
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="max-w-xl">
        <DialogHeader>
          <DialogTitle>Split this source off into its own asset</DialogTitle>
          <DialogDescription>
            The {source.sourceName} record{" "}
            <code className="font-mono">{source.sourceRecordId}</code> moves to a new asset. Later
            runs keep it there, because a known record always returns to its asset first. Choose the
            identifiers that belong to that machine; they move too.
          </DialogDescription>
        </DialogHeader>
        <fieldset className="grid max-h-60 gap-1 overflow-y-auto rounded-md border border-border p-2">
          <legend className="sr-only">Identifiers to move</legend>
          {identifiers.length === 0 ? (
            <p className="text-[13px] text-muted-foreground">This asset has no identifiers.</p>
          ) : null}
          {identifiers.map((i) => (
            <label
              key={i.id}
              className="flex items-center gap-2 rounded px-1 py-0.5 text-[13px] hover:bg-muted/60"
            >
              <input
                type="checkbox"
                className="size-4 accent-[var(--primary)]"
                checked={chosen.includes(i.id)}
                onChange={(e) =>
                  setChosen((c) => (e.target.checked ? [...c, i.id] : c.filter((x) => x !== i.id)))
                }
              />
              <span className="w-32 shrink-0 text-muted-foreground">{i.kind}</span>
              <span className="truncate font-mono text-xs">{i.value}</span>
            </label>
          ))}
        </fieldset>
        <DialogFooter>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={split} disabled={pending}>
            <Scissors aria-hidden />
            {pending ? "Splitting…" : "Split off"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

export function SourcesTable({
  sources,
  identifiers,
  canEdit,
}: {
  sources: SourceRow[];
  identifiers: IdentifierRow[];
  canEdit: boolean;
}) {
  const [splitting, setSplitting] = useState<SourceRow | null>(null);
  return (
    <>
      <Table>
        <TableCaption>Sources that reported this asset</TableCaption>
        <TableHeader>
          <TableRow className="hover:bg-transparent">
            <TableHead>Source</TableHead>
            <TableHead>Record</TableHead>
            <TableHead>Why it is this asset</TableHead>
            <TableHead>Last seen</TableHead>
            {canEdit ? (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {sources.map((s) => (
            <TableRow key={s.id}>
              <TableCell>
                <div className="flex items-center gap-2">
                  <Badge>{s.sourceName}</Badge>
                  <span className="text-xs text-muted-foreground">{s.connector.name}</span>
                </div>
              </TableCell>
              <TableCell className="max-w-48 truncate font-mono text-xs" title={s.sourceRecordId}>
                {s.sourceRecordId}
              </TableCell>
              <TableCell className="text-[13px]">{s.matchDescription}</TableCell>
              <TableCell className="whitespace-nowrap text-muted-foreground">
                <TimeAgo date={s.lastSeenAt} />
              </TableCell>
              {canEdit ? (
                <TableCell className="text-right">
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={sources.length < 2}
                    title={
                      sources.length < 2
                        ? "The only source of an asset cannot be split off"
                        : undefined
                    }
                    onClick={() => setSplitting(s)}
                    aria-label={`Split ${s.sourceName} record ${s.sourceRecordId} off`}
                  >
                    <Scissors aria-hidden />
                    Split off
                  </Button>
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {splitting ? (
        <SplitDialog
          source={splitting}
          identifiers={identifiers}
          onClose={() => setSplitting(null)}
        />
      ) : null}
    </>
  );
}
