"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { Users, Workflow } from "lucide-react";
import { cn } from "@/components/ui/cn";

const tabs = [
  { href: "/settings/users", label: "Users", icon: Users },
  { href: "/settings/jobs", label: "Jobs", icon: Workflow },
];

/** Links styled as tabs: each settings page has its own URL, so these are navigation, not ARIA tabs. */
export function SettingsTabs() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-border">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((tab) => {
          const active = pathname === tab.href || pathname.startsWith(`${tab.href}/`);
          const Icon = tab.icon;
          return (
            <li key={tab.href}>
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "focus-ring flex h-10 items-center gap-2 rounded-t-md border-b-2 px-3 text-sm font-medium transition-colors",
                  active
                    ? "border-primary text-foreground"
                    : "border-transparent text-muted-foreground hover:border-border hover:text-foreground",
                )}
              >
                <Icon
                  aria-hidden
                  className={cn("size-4", active && "text-primary")}
                  strokeWidth={1.9}
                />
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
