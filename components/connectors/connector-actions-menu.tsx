"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ExternalLink, LoaderCircle, MoreHorizontal, Play } from "lucide-react";
import { toast } from "sonner";
import { startRunAction } from "@/lib/runs/actions";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { resultMessage } from "@/components/settings/action-result";
import { connectorMenuItems } from "./connector-menu-items";

export function ConnectorActionsMenu({
  connector,
  canRun,
}: {
  connector: { id: string; name: string; type: string };
  canRun: boolean;
}) {
  const router = useRouter();
  const [starting, setStarting] = useState(false);
  const extras = connectorMenuItems[connector.type] ?? [];

  async function runNow() {
    setStarting(true);
    const result = await startRunAction({ connectorId: connector.id });
    setStarting(false);
    if ("data" in result) {
      router.push(`/runs/${result.data.runId}`);
    } else {
      toast.error(`${connector.name} could not start`, {
        description: resultMessage(result) ?? undefined,
      });
    }
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="size-8"
          aria-label={`Actions for ${connector.name}`}
        >
          {starting ? (
            <LoaderCircle aria-hidden className="animate-spin" />
          ) : (
            <MoreHorizontal aria-hidden />
          )}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem asChild>
          <Link href={`/connectors/${connector.id}`}>
            <ExternalLink aria-hidden />
            Open
          </Link>
        </DropdownMenuItem>
        {canRun ? (
          <DropdownMenuItem onSelect={runNow} disabled={starting}>
            <Play aria-hidden />
            Run now
          </DropdownMenuItem>
        ) : null}
        {extras.length > 0 ? <DropdownMenuSeparator /> : null}
        {extras.map((Item, i) => (
          <Item key={i} connectorId={connector.id} connectorName={connector.name} />
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
