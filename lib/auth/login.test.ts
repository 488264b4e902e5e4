import { beforeAll, describe, expect, it } from "vitest";
import { createTenantWithUser, createTestDatabase } from "@/test/support/db";
import { RateLimitedError, UnauthorizedError } from "@/lib/errors";
import { verifyLogin } from "./login";

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

describe("verifyLogin", () => {
  it("accepts the right password, case-insensitive e-mail, and records the login", async () => {
    const { user, password } = await createTenantWithUser(prisma);
    const result = await verifyLogin({
      email: user.email.toUpperCase(),
      password,
      clientIp: "10.1.1.1",
    });
    expect(result).toMatchObject({ id: user.id, tenantId: user.tenantId, role: "admin" });
    const stored = await prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { lastLoginAt: true },
    });
    expect(stored.lastLoginAt).not.toBeNull();
  });

  it("refuses a wrong password and an unknown e-mail with the same message", async () => {
    const { user } = await createTenantWithUser(prisma);
    const wrong = verifyLogin({ email: user.email, password: "nope", clientIp: null });
    await expect(wrong).rejects.toThrow(UnauthorizedError);
    await expect(wrong).rejects.toThrow("Wrong e-mail or password.");
    await expect(
      verifyLogin({ email: "ghost@example.test", password: "x", clientIp: null }),
    ).rejects.toThrow("Wrong e-mail or password.");
  });

  it("refuses a disabled account even with the right password", async () => {
    const { user, password } = await createTenantWithUser(prisma, "viewer");
    await prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
    await expect(verifyLogin({ email: user.email, password, clientIp: null })).rejects.toThrow(
      UnauthorizedError,
    );
  });

  it("rate-limits after five failures, even for the right password", async () => {
    const { user, password } = await createTenantWithUser(prisma, "operator");
    for (let i = 0; i < 5; i++) {
      await expect(
        verifyLogin({ email: user.email, password: "bad", clientIp: null }),
      ).rejects.toThrow(UnauthorizedError);
    }
    const limited = verifyLogin({ email: user.email, password, clientIp: null });
    await expect(limited).rejects.toThrow(RateLimitedError);
    await expect(limited).rejects.toThrow(/Try again in 15 minutes/);
    const failures = await prisma.loginAttempt.count({
      where: { key: `email:${user.email}`, succeeded: false },
    });
    expect(failures).toBe(5);
  });
});
