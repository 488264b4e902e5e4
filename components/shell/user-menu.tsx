"use client";

import { useFormStatus } from "react-dom";
import { LogOut, Monitor, Moon, Sun } from "lucide-react";
import { useTheme } from "next-themes";
import { logoutAction } from "@/lib/auth/actions";
import { RoleBadge, type Role } from "@/components/ui/badge";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

export type ShellUser = { name: string; email: string; role: Role };

function initials(name: string, email: string) {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    parts.length >= 2 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

function SignOutItem() {
  const { pending } = useFormStatus();
  return (
    <DropdownMenuItem
      asChild
      // Keep the menu (and with it the form) mounted until the submission has
      // started; closing first would detach the form and cancel the sign-out.
      onSelect={(event) => event.preventDefault()}
      disabled={pending}
    >
      <button type="submit" className="w-full">
        <LogOut aria-hidden />
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </DropdownMenuItem>
  );
}

export function UserMenu({ user }: { user: ShellUser }) {
  const { theme, setTheme } = useTheme();

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label="User menu"
        className="focus-ring flex items-center gap-2 rounded-full p-0.5 transition-colors hover:bg-accent sm:rounded-md sm:py-1 sm:pr-2 sm:pl-1"
      >
        <span
          aria-hidden
          className="flex size-7 items-center justify-center rounded-full bg-primary-soft text-[11px] font-semibold text-primary ring-1 ring-primary/20"
        >
          {initials(user.name, user.email)}
        </span>
        <span className="hidden max-w-40 truncate text-sm font-medium sm:block">{user.name}</span>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <div className="px-2 pt-1.5 pb-2">
          <div className="flex items-center justify-between gap-2">
            <p className="truncate text-sm font-medium">{user.name}</p>
            <RoleBadge role={user.role} />
          </div>
          <p className="truncate text-[13px] text-muted-foreground">{user.email}</p>
        </div>
        <DropdownMenuSeparator />
        <DropdownMenuLabel>Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={theme ?? "system"} onValueChange={setTheme}>
          <DropdownMenuRadioItem value="light">
            <Sun aria-hidden />
            Light
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">
            <Moon aria-hidden />
            Dark
          </DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="system">
            <Monitor aria-hidden />
            System
          </DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        <form action={logoutAction}>
          <SignOutItem />
        </form>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
