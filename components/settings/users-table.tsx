"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { LoaderCircle, UserCheck, UserX } from "lucide-react";
import { toast } from "sonner";
import { setUserDisabledAction, updateUserRoleAction } from "@/lib/users/actions";
import { Badge, type Role } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/select";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { TimeAgo } from "@/components/ui/time-ago";
import { resultMessage } from "./action-result";

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: Date | null;
  createdAt: Date;
};

const roleLabels: Record<Role, string> = { admin: "Admin", operator: "Operator", viewer: "Viewer" };

const SELF_HINT = "You can't change your own role or disable yourself. Ask another admin.";

function RoleSelect({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  // Local so the select shows the new role at once. When the stored role changes
  // (after a refresh, or another admin's edit) it wins; adjusting state during
  // render is React's pattern for this and avoids remounting the row.
  const [role, setRole] = useState<Role>(user.role);
  const [storedRole, setStoredRole] = useState<Role>(user.role);
  if (user.role !== storedRole) {
    setStoredRole(user.role);
    setRole(user.role);
  }

  function change(next: Role) {
    const previous = role;
    setRole(next);
    startTransition(async () => {
      const result = await updateUserRoleAction({ userId: user.id, role: next });
      const failure = resultMessage(result);
      if (failure) {
        setRole(previous);
        toast.error(`Could not change the role of ${user.name}`, { description: failure });
        return;
      }
      toast.success(`${user.name} is now ${roleLabels[next].toLowerCase()}`);
      router.refresh();
    });
  }

  return (
    <div className="flex items-center gap-2">
      <Select
        aria-label={`Role of ${user.name}`}
        value={role}
        disabled={isSelf || pending}
        title={isSelf ? SELF_HINT : undefined}
        onChange={(e) => change(e.target.value as Role)}
        wrapperClassName="w-32"
        controlSize="sm"
      >
        <option value="admin">Admin</option>
        <option value="operator">Operator</option>
        <option value="viewer">Viewer</option>
      </Select>
      {pending ? (
        <LoaderCircle aria-label="Saving" className="size-4 animate-spin text-muted-foreground" />
      ) : null}
    </div>
  );
}

function AccessToggle({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirmOpen, setConfirmOpen] = useState(false);

  function apply(disabled: boolean) {
    startTransition(async () => {
      const result = await setUserDisabledAction({ userId: user.id, disabled });
      const failure = resultMessage(result);
      setConfirmOpen(false);
      if (failure) {
        toast.error(`Could not ${disabled ? "disable" : "enable"} ${user.name}`, {
          description: failure,
        });
        return;
      }
      toast.success(
        disabled ? `${user.name} can no longer sign in` : `${user.name} can sign in again`,
      );
      router.refresh();
    });
  }

  if (user.disabled) {
    return (
      <Button variant="secondary" size="sm" disabled={pending} onClick={() => apply(false)}>
        {pending ? (
          <LoaderCircle aria-hidden className="animate-spin" />
        ) : (
          <UserCheck aria-hidden />
        )}
        Enable
      </Button>
    );
  }

  return (
    <>
      <Button
        variant="ghost-destructive"
        size="sm"
        disabled={isSelf || pending}
        title={isSelf ? SELF_HINT : undefined}
        onClick={() => setConfirmOpen(true)}
        aria-label={`Disable ${user.name}`}
      >
        <UserX aria-hidden />
        Disable
      </Button>
      <ConfirmDialog
        open={confirmOpen}
        onOpenChange={setConfirmOpen}
        title={`Disable ${user.name}?`}
        description={`${user.email} will be signed out and cannot sign in until an admin enables the account again. Nothing they created is deleted.`}
        confirmLabel="Disable user"
        pending={pending}
        onConfirm={() => apply(true)}
      />
    </>
  );
}

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  return (
    <div className="overflow-hidden rounded-lg border border-border bg-card shadow-xs">
      <Table>
        <TableCaption>Users of this tenant</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead>E-mail</TableHead>
            <TableHead>Role</TableHead>
            <TableHead>Status</TableHead>
            <TableHead>Last sign-in</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            return (
              <TableRow
                key={user.id}
                className={user.disabled ? "text-muted-foreground" : undefined}
              >
                <TableCell className="font-medium">
                  <span className="flex items-center gap-2">
                    <span className="max-w-56 truncate">{user.name}</span>
                    {isSelf ? <Badge tone="primary">You</Badge> : null}
                  </span>
                </TableCell>
                <TableCell className="max-w-64 truncate text-muted-foreground">
                  {user.email}
                </TableCell>
                <TableCell>
                  <RoleSelect user={user} isSelf={isSelf} />
                </TableCell>
                <TableCell>
                  {user.disabled ? (
                    <Badge tone="neutral" dot>
                      Disabled
                    </Badge>
                  ) : (
                    <Badge tone="success" dot>
                      Active
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">
                  {user.lastLoginAt ? <TimeAgo date={user.lastLoginAt} /> : "Never"}
                </TableCell>
                <TableCell className="text-right">
                  <AccessToggle user={user} isSelf={isSelf} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
