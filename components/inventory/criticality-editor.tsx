"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { LoaderCircle } from "lucide-react";
import { toast } from "sonner";
import { setCriticalityAction } from "@/lib/inventory/actions";
import { Select } from "@/components/ui/select";
import { resultMessage } from "@/components/settings/action-result";
import { CRITICALITY_LABELS, Criticality } from "./risk";

/** Operators change the Asset Criticality Score here; the risk score follows at once. */
export function CriticalityEditor({
  assetId,
  criticality,
  canEdit,
}: {
  assetId: string;
  criticality: number;
  canEdit: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [value, setValue] = useState(criticality);
  const [stored, setStored] = useState(criticality);
  if (criticality !== stored) {
    setStored(criticality);
    setValue(criticality);
  }

  if (!canEdit) return <Criticality value={criticality} />;

  function change(next: number) {
    const previous = value;
    setValue(next);
    startTransition(async () => {
      const failure = resultMessage(await setCriticalityAction({ assetId, criticality: next }));
      if (failure) {
        setValue(previous);
        toast.error("Could not change the criticality", { description: failure });
        return;
      }
      toast.success(`Criticality set to ${next} · ${CRITICALITY_LABELS[next]}`, {
        description: "The risk score was recomputed.",
      });
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-2">
      <Select
        aria-label="Asset criticality"
        value={value}
        disabled={pending}
        onChange={(e) => change(Number(e.target.value))}
        wrapperClassName="w-40"
        className="h-8 text-[13px]"
      >
        {[5, 4, 3, 2, 1].map((n) => (
          <option key={n} value={n}>
            {n} · {CRITICALITY_LABELS[n]}
          </option>
        ))}
      </Select>
      {pending ? (
        <LoaderCircle aria-label="Saving" className="size-4 animate-spin text-muted-foreground" />
      ) : null}
    </div>
  );
}
