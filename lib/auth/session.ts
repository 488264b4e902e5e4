import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { findUserWithTenant } from "@/lib/users/repository";
import { auth } from "./config";

export type Role = "admin" | "operator" | "viewer";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  tenantId: string;
  tenantName: string;
};

const rank: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export function hasRole(user: { role: Role }, role: Role) {
  return rank[user.role] >= rank[role];
}

/**
 * The signed-in user, read fresh from the database on every request so that a
 * disabled account or a changed role takes effect at once. Tenant comes from
 * the stored user, never from anything the browser sent.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const user = await findUserWithTenant(id);
  if (!user || user.disabled) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    tenantId: user.tenantId,
    tenantName: user.tenant.name,
  };
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

export async function requireRole(role: Exclude<Role, "viewer">): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user, role)) notFound();
  return user;
}
