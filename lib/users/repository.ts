import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

const publicUser = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  tenantId: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export function findUserForLogin(email: string) {
  return db.user.findUnique({
    where: { email },
    select: { ...publicUser, passwordHash: true },
  });
}

export function findUserWithTenant(id: string) {
  return db.user.findUnique({
    where: { id },
    select: { ...publicUser, tenant: { select: { name: true } } },
  });
}

export function findUserInTenant(tenantId: string, id: string) {
  return db.user.findFirst({ where: { id, tenantId }, select: publicUser });
}

export function listUsersInTenant(tenantId: string) {
  return db.user.findMany({
    where: { tenantId },
    select: publicUser,
    orderBy: [{ createdAt: "asc" }],
  });
}

export function countActiveAdmins(tenantId: string) {
  return db.user.count({ where: { tenantId, role: "admin", disabled: false } });
}

export function insertUser(data: {
  tenantId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}) {
  return db.user.create({ data, select: publicUser });
}

export function updateUser(id: string, data: { role?: Role; disabled?: boolean }) {
  return db.user.update({ where: { id }, data, select: publicUser });
}

export function markLoggedIn(id: string) {
  return db.user.update({ where: { id }, data: { lastLoginAt: new Date() }, select: { id: true } });
}

export function recordLoginAttempt(key: string, succeeded: boolean) {
  return db.loginAttempt.create({ data: { key, succeeded }, select: { id: true } });
}

export function countFailedLogins(key: string, since: Date) {
  return db.loginAttempt.count({ where: { key, succeeded: false, createdAt: { gte: since } } });
}

export function oldestFailedLogin(key: string, since: Date) {
  return db.loginAttempt.findFirst({
    where: { key, succeeded: false, createdAt: { gte: since } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
  });
}

export function deleteLoginAttemptsBefore(before: Date) {
  return db.loginAttempt.deleteMany({ where: { createdAt: { lt: before } } });
}

export function writeAudit(entry: {
  tenantId: string;
  userId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, string | number | boolean | null>;
}) {
  return db.auditLog.create({
    data: { ...entry, details: entry.details ?? {} },
    select: { id: true },
  });
}
