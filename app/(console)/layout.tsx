import type { ReactNode } from "react";
import { requireUser } from "@/lib/auth/session";
import { AppShell } from "@/components/shell/app-shell";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell
      user={{ name: user.name, email: user.email, role: user.role }}
      tenantName={user.tenantName}
    >
      {children}
    </AppShell>
  );
}
