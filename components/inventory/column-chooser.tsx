"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import * as Menu from "@radix-ui/react-dropdown-menu";
import { Check, Columns3 } from "lucide-react";
import { ASSET_COLUMNS, DEFAULT_ASSET_COLUMNS, type AssetColumnKey } from "@/lib/inventory/columns";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

/** Which columns the table (and the CSV export) show; kept in `?cols=` so a shared link keeps them. */
export function ColumnChooser({ columns }: { columns: AssetColumnKey[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();

  function apply(next: AssetColumnKey[]) {
    const params = new URLSearchParams(searchParams.toString());
    const isDefault =
      next.length === DEFAULT_ASSET_COLUMNS.length &&
      DEFAULT_ASSET_COLUMNS.every((key) => next.includes(key));
    if (isDefault) params.delete("cols");
    else params.set("cols", next.join(","));
    router.replace(`${pathname}?${params.toString()}`, { scroll: false });
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="secondary" size="sm">
          <Columns3 aria-hidden />
          Columns
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel>Show columns</DropdownMenuLabel>
        {ASSET_COLUMNS.map((column) => {
          const always = "always" in column && column.always;
          const checked = always || columns.includes(column.key);
          return (
            <Menu.CheckboxItem
              key={column.key}
              checked={checked}
              disabled={always}
              // Keep the menu open so several columns can be toggled in a row.
              onSelect={(e) => e.preventDefault()}
              onCheckedChange={(on) =>
                apply(
                  ASSET_COLUMNS.filter((c) =>
                    c.key === column.key ? on : columns.includes(c.key),
                  ).map((c) => c.key),
                )
              }
              className="relative flex cursor-default items-center gap-2 rounded-md py-1.5 pr-2 pl-8 text-sm outline-none select-none data-[disabled]:opacity-50 data-[highlighted]:bg-accent data-[highlighted]:text-accent-foreground"
            >
              <Menu.ItemIndicator className="absolute left-2 flex items-center">
                <Check aria-hidden className="size-4 text-primary" />
              </Menu.ItemIndicator>
              {column.label}
            </Menu.CheckboxItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => apply(DEFAULT_ASSET_COLUMNS)}>
          Reset to default
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
