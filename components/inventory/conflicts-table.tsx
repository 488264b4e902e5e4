"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { GitMerge, Split } from "lucide-react";
import { toast } from "sonner";
import { resolveConflictAction } from "@/lib/inventory/actions";
import type { ResolveConflictInput } from "@/lib/inventory/schema";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
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

export type ConflictRow = {
  id: string;
  status: "OPEN" | "MERGED" | "KEPT_APART";
  kind: string;
  value: string;
  sourceRecordId: string;
  connectorName: string;
  createdAt: Date;
  resolvedAt: Date | null;
  asset: { id: string; name: string | null };
  other: { id: string; name: string | null };
};

function AssetLink({ asset }: { asset: ConflictRow["asset"] }) {
  if (!asset.name) return <span className="text-muted-foreground">deleted asset</span>;
  return (
    <Link
      href={`/assets/${asset.id}`}
      className="focus-ring rounded font-medium hover:text-primary hover:underline"
    >
      {asset.name}
    </Link>
  );
}

function Actions({ conflict }: { conflict: ConflictRow }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirm, setConfirm] = useState<"asset" | "other" | null>(null);

  function resolve(input: ResolveConflictInput, done: string) {
    startTransition(async () => {
      const failure = resultMessage(await resolveConflictAction(input));
      setConfirm(null);
      if (failure) {
        toast.error("Could not resolve the conflict", { description: failure });
        return;
      }
      toast.success(done);
      router.refresh();
    });
  }

  const keep = confirm === "other" ? conflict.other : conflict.asset;
  const fold = confirm === "other" ? conflict.asset : conflict.other;
  return (
    <div className="flex justify-end gap-1.5">
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => setConfirm("asset")}>
        <GitMerge aria-hidden />
        Merge
      </Button>
      <Button
        variant="ghost"
        size="sm"
        disabled={pending}
        onClick={() => resolve({ conflictId: conflict.id, resolution: "keepApart" }, "Kept apart")}
      >
        <Split aria-hidden />
        Keep apart
      </Button>
      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(open) => setConfirm(open ? confirm : null)}
        title={`Merge ${fold.name ?? "the asset"} into ${keep.name ?? "the other"}?`}
        tone="primary"
        description={
          <>
            Its sources, identifiers and findings move to{" "}
            <strong className="text-foreground">{keep.name}</strong>, and {fold.name} is deleted.
            Where both have the same finding, the more recently detected one is kept.{" "}
            <button
              type="button"
              className="text-primary underline"
              onClick={() => setConfirm(confirm === "asset" ? "other" : "asset")}
            >
              Keep {fold.name} instead
            </button>
          </>
        }
        confirmLabel="Merge assets"
        pending={pending}
        onConfirm={() =>
          resolve(
            { conflictId: conflict.id, resolution: "merge", keep: confirm ?? "asset" },
            `Merged into ${keep.name}`,
          )
        }
      />
    </div>
  );
}

export function ConflictsTable({
  conflicts,
  canEdit,
}: {
  conflicts: ConflictRow[];
  canEdit: boolean;
}) {
  return (
    <Table>
      <TableCaption>Identity conflicts</TableCaption>
      <TableHeader>
        <TableRow className="hover:bg-transparent">
          <TableHead>Record</TableHead>
          <TableHead>Placed on</TableHead>
          <TableHead>Also matches</TableHead>
          <TableHead>Shared identifier</TableHead>
          <TableHead>Seen</TableHead>
          <TableHead className="text-right">{canEdit ? "Decision" : "Status"}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {conflicts.map((c) => (
          <TableRow key={c.id}>
            <TableCell>
              <div className="text-[13px]">{c.connectorName}</div>
              <div className="max-w-48 truncate font-mono text-xs text-muted-foreground">
                {c.sourceRecordId}
              </div>
            </TableCell>
            <TableCell>
              <AssetLink asset={c.asset} />
            </TableCell>
            <TableCell>
              <AssetLink asset={c.other} />
            </TableCell>
            <TableCell className="text-[13px]">
              <span className="text-muted-foreground">{c.kind}</span>{" "}
              <span className="font-mono text-xs">{c.value}</span>
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">
              <TimeAgo date={c.resolvedAt ?? c.createdAt} />
            </TableCell>
            <TableCell className="text-right">
              {c.status === "OPEN" && canEdit ? (
                <Actions conflict={c} />
              ) : c.status === "OPEN" ? (
                <Badge tone="warning">Open</Badge>
              ) : c.status === "MERGED" ? (
                <Badge tone="success">Merged</Badge>
              ) : (
                <Badge>Kept apart</Badge>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
