"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isActive, navGroups, settingsItem, type NavItem } from "./nav-items";

function NavLink({
  item,
  active,
  onNavigate,
}: {
  item: NavItem;
  active: boolean;
  onNavigate?: () => void;
}) {
  const Icon = item.icon;
  return (
    <Link
      href={item.href}
      onClick={onNavigate}
      aria-current={active ? "page" : undefined}
      className={cn(
        "focus-ring group relative flex h-8 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium transition-colors",
        active
          ? "bg-primary-soft text-foreground"
          : "text-sidebar-foreground hover:bg-accent hover:text-foreground",
      )}
    >
      {active ? (
        <span
          aria-hidden
          className="absolute top-1.5 bottom-1.5 -left-3 w-[3px] rounded-r bg-primary"
        />
      ) : null}
      <Icon
        aria-hidden
        className={cn(
          "size-4 shrink-0",
          active ? "text-primary" : "text-muted-foreground group-hover:text-foreground",
        )}
        strokeWidth={1.9}
      />
      {item.label}
    </Link>
  );
}

/** The main navigation, used by the desktop sidebar and the mobile drawer alike. */
export function SidebarNav({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    // The nav scrolls as a whole (not an inner div) so the active marker, which
    // sits in the nav's padding, is not clipped.
    <nav aria-label="Main" className="flex min-h-0 flex-1 flex-col overflow-y-auto px-3 py-3">
      <div className="flex-1 space-y-5">
        {navGroups.map((group, i) => (
          <div key={group.label ?? i}>
            {group.label ? (
              <p className="mb-1 px-2.5 text-[11px] font-semibold tracking-wider text-muted-foreground/80 uppercase">
                {group.label}
              </p>
            ) : null}
            <ul className="space-y-0.5">
              {group.items.map((item) => (
                <li key={item.href}>
                  <NavLink
                    item={item}
                    active={isActive(pathname, item.href)}
                    onNavigate={onNavigate}
                  />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
      {isAdmin ? (
        <ul className="mt-3 border-t border-border pt-3">
          <li>
            <NavLink
              item={settingsItem}
              active={isActive(pathname, settingsItem.href)}
              onNavigate={onNavigate}
            />
          </li>
        </ul>
      ) : null}
    </nav>
  );
}
