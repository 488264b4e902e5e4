"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { FilePen, Trash2 } from "lucide-react";
import { toast } from "sonner";
import { discardDraftAction } from "@/lib/connectors/actions";
import { wizardStepLabels, type WizardStep } from "@/lib/connectors/wizard/steps";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/dialog";
import { TimeAgo } from "@/components/ui/time-ago";
import { resultMessage } from "@/components/settings/action-result";

export type DraftItem = {
  id: string;
  name: string;
  typeLabel: string | null;
  lastStep: WizardStep;
  updatedAt: Date;
  author: string | null;
};

export function DraftsList({ drafts }: { drafts: DraftItem[] }) {
  const router = useRouter();
  const [discarding, setDiscarding] = useState<DraftItem | null>(null);
  const [pending, setPending] = useState(false);

  async function discard() {
    if (!discarding) return;
    setPending(true);
    const result = await discardDraftAction({ draftId: discarding.id });
    setPending(false);
    if ("data" in result) {
      toast.success(`Draft “${discarding.name}” discarded`);
      setDiscarding(null);
      router.refresh();
    } else {
      toast.error(resultMessage(result) ?? "The draft could not be discarded.");
    }
  }

  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Drafts</CardTitle>
          <CardDescription>
            Connectors whose set-up is not finished. Resume where it was left.
          </CardDescription>
        </div>
      </CardHeader>
      <ul className="divide-y divide-border">
        {drafts.map((draft) => (
          <li key={draft.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
            <FilePen aria-hidden className="size-4 text-muted-foreground" />
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">{draft.name}</p>
              <p className="text-[13px] text-muted-foreground">
                {draft.typeLabel ? `${draft.typeLabel} · ` : ""}next:{" "}
                {wizardStepLabels[draft.lastStep]} · saved <TimeAgo date={draft.updatedAt} />
                {draft.author ? ` by ${draft.author}` : ""}
              </p>
            </div>
            <Link
              href={`/connectors/new/${draft.lastStep}?draft=${draft.id}`}
              className={buttonClasses({ variant: "secondary", size: "sm" })}
              aria-label={`Resume ${draft.name}`}
            >
              Resume
            </Link>
            <Button
              variant="ghost-destructive"
              size="sm"
              aria-label={`Discard draft ${draft.name}`}
              onClick={() => setDiscarding(draft)}
            >
              <Trash2 aria-hidden />
            </Button>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={discarding !== null}
        onOpenChange={(open) => (open ? null : setDiscarding(null))}
        title="Discard this draft?"
        description={`“${discarding?.name}” and the settings saved in it will be deleted.`}
        confirmLabel="Discard"
        pending={pending}
        onConfirm={discard}
      />
    </Card>
  );
}
