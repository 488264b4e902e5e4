import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/service";
import { AddUserDialog } from "@/components/settings/add-user-dialog";
import { UsersTable } from "@/components/settings/users-table";
import { SectionHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Users · Settings" };

export default async function UsersSettingsPage() {
  const admin = await requireRole("admin");
  const users = await listUsers({ tenantId: admin.tenantId });

  return (
    <section>
      <SectionHeader
        title="Users"
        description="Viewers can look, operators can also run connectors, admins can also manage users and jobs."
        actions={<AddUserDialog />}
      />
      <UsersTable users={users} currentUserId={admin.id} />
    </section>
  );
}
