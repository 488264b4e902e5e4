"use client";

import Link from "next/link";
import { FileCode } from "lucide-react";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import type { ConnectorMenuItemProps } from "../connector-menu-items";

/**
 * The list's quick action. It opens the connector's template dialog rather
 * than downloading at once: the stack needs Sluice's public URL and an intake
 * token, which are chosen there.
 */
export function CloudTemplateMenuItem({ connectorId }: ConnectorMenuItemProps) {
  return (
    <DropdownMenuItem asChild>
      <Link href={`/connectors/${connectorId}?template=1#events`}>
        <FileCode aria-hidden />
        Download Cloud Template
      </Link>
    </DropdownMenuItem>
  );
}
