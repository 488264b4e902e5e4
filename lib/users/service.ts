import { hashPassword } from "@/lib/auth/password";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  countActiveAdmins,
  findUserWithTenant,
  findUserInTenant,
  insertUser,
  listUsersInTenant,
  updateUser,
  writeAudit,
} from "./repository";
import type { CreateUserInput, SetUserDisabledInput, UpdateUserRoleInput } from "./schema";

export function listUsers(options: { tenantId: string }) {
  return listUsersInTenant(options.tenantId);
}

export async function createUser(options: CreateUserInput & { tenantId: string; actorId: string }) {
  try {
    const user = await insertUser({
      tenantId: options.tenantId,
      email: options.email,
      name: options.name,
      role: options.role,
      passwordHash: await hashPassword(options.password),
    });
    await writeAudit({
      tenantId: options.tenantId,
      userId: options.actorId,
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      details: { email: user.email, role: user.role },
    });
    return user;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ConflictError("That e-mail address already has an account.", {
        email: ["That e-mail address already has an account."],
      });
    }
    throw error;
  }
}

async function changeUser(
  options: { tenantId: string; actorId: string; userId: string },
  change: { role?: UpdateUserRoleInput["role"]; disabled?: boolean },
) {
  const target = await findUserInTenant(options.tenantId, options.userId);
  if (!target) throw new NotFoundError("That user does not exist in your tenant.");
  if (target.id === options.actorId) {
    throw new ValidationError(
      "You cannot change your own role or disable yourself; ask another admin.",
    );
  }
  const losesAdmin =
    target.role === "admin" &&
    !target.disabled &&
    (change.disabled === true || (change.role && change.role !== "admin"));
  if (losesAdmin && (await countActiveAdmins(options.tenantId)) <= 1) {
    throw new ValidationError("A tenant needs at least one active admin.");
  }
  const user = await updateUser(target.id, change);
  await writeAudit({
    tenantId: options.tenantId,
    userId: options.actorId,
    action: change.role ? "user.role_changed" : change.disabled ? "user.disabled" : "user.enabled",
    targetType: "user",
    targetId: user.id,
    details: { role: user.role, disabled: user.disabled },
  });
  return user;
}

export function updateUserRole(
  options: UpdateUserRoleInput & { tenantId: string; actorId: string },
) {
  return changeUser(options, { role: options.role });
}

export function setUserDisabled(
  options: SetUserDisabledInput & { tenantId: string; actorId: string },
) {
  return changeUser(options, { disabled: options.disabled });
}

export async function getProfile(options: { userId: string }) {
  const user = await findUserWithTenant(options.userId);
  if (!user) throw new NotFoundError("That user no longer exists.");
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    tenant: { id: user.tenantId, name: user.tenant.name },
  };
}
