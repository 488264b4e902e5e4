import { beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { createTenantWithUser, createTestDatabase } from "@/test/support/db";
import { verifyLogin } from "@/lib/auth/login";
import { createUser, listUsers, setUserDisabled, updateUserRole } from "./service";

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

describe("user administration", () => {
  it("creates a user who can sign in, and writes the audit log", async () => {
    const { tenant, user: admin } = await createTenantWithUser(prisma);
    const created = await createUser({
      tenantId: tenant.id,
      actorId: admin.id,
      email: "analyst@example.test",
      name: "Analyst",
      role: "viewer",
      password: "a long enough password",
    });
    expect((await listUsers({ tenantId: tenant.id })).map((u) => u.email)).toContain(
      "analyst@example.test",
    );
    await expect(
      verifyLogin({
        email: "analyst@example.test",
        password: "a long enough password",
        clientIp: null,
      }),
    ).resolves.toMatchObject({ id: created.id, role: "viewer" });
    const audit = await prisma.auditLog.findFirst({
      where: { tenantId: tenant.id, action: "user.created" },
    });
    expect(audit?.targetId).toBe(created.id);
    expect(JSON.stringify(audit?.details)).not.toContain("a long enough password");
  });

  it("refuses a second account with the same e-mail, naming the field", async () => {
    const { tenant, user: admin } = await createTenantWithUser(prisma);
    const input = {
      tenantId: tenant.id,
      actorId: admin.id,
      email: "dup@example.test",
      name: "D",
      role: "viewer" as const,
      password: "x".repeat(12),
    };
    await createUser(input);
    const error = await createUser(input).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.fields.email[0]).toMatch(/already has an account/);
  });

  it("never reaches a user of another tenant", async () => {
    const a = await createTenantWithUser(prisma);
    const b = await createTenantWithUser(prisma, "viewer");
    await expect(
      updateUserRole({
        tenantId: a.tenant.id,
        actorId: a.user.id,
        userId: b.user.id,
        role: "admin",
      }),
    ).rejects.toThrow(NotFoundError);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: b.user.id } })).role).toBe("viewer");
  });

  it("keeps an admin from locking themself or the tenant out", async () => {
    const { tenant, user: admin } = await createTenantWithUser(prisma);
    await expect(
      setUserDisabled({ tenantId: tenant.id, actorId: admin.id, userId: admin.id, disabled: true }),
    ).rejects.toThrow(ValidationError);
    const other = await createUser({
      tenantId: tenant.id,
      actorId: admin.id,
      email: `op-${tenant.id}@example.test`,
      name: "Op",
      role: "operator",
      password: "y".repeat(12),
    });
    await updateUserRole({
      tenantId: tenant.id,
      actorId: admin.id,
      userId: other.id,
      role: "admin",
    });
    await setUserDisabled({
      tenantId: tenant.id,
      actorId: admin.id,
      userId: other.id,
      disabled: true,
    });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).disabled).toBe(true);
  });
});
