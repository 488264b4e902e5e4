import {
  Boxes,
  Cable,
  LayoutDashboard,
  ScrollText,
  Settings,
  ShieldAlert,
  Upload,
  type LucideIcon,
} from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon; adminOnly?: boolean };
export type NavGroup = { label: string | null; items: NavItem[] };

// Grouped the way a run flows: pull data in, look at it, send it out.
export const navGroups: NavGroup[] = [
  { label: null, items: [{ href: "/", label: "Dashboard", icon: LayoutDashboard }] },
  {
    label: "Collect",
    items: [{ href: "/connectors", label: "Connectors", icon: Cable }],
  },
  {
    label: "Explore",
    items: [
      { href: "/inventory", label: "Inventory", icon: Boxes },
      { href: "/findings", label: "Findings", icon: ShieldAlert },
      { href: "/logs", label: "Logs", icon: ScrollText },
    ],
  },
  {
    label: "Deliver",
    items: [{ href: "/exports", label: "Exports", icon: Upload }],
  },
];

// Settings only holds admin pages today (users, jobs); other roles would get a 404.
export const settingsItem: NavItem = {
  href: "/settings",
  label: "Settings",
  icon: Settings,
  adminOnly: true,
};

export function isActive(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
