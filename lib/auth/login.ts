// The one check behind both the console login and POST /auth: password,
// disabled account, and a sliding-window limit on failures per e-mail and per
// client address.
import { env } from "@/lib/env";
import { RateLimitedError, UnauthorizedError } from "@/lib/errors";
import {
  countFailedLogins,
  findUserForLogin,
  markLoggedIn,
  oldestFailedLogin,
  recordLoginAttempt,
  writeAudit,
} from "@/lib/users/repository";
import { verifyAgainstDummy, verifyPassword } from "./password";

export type LoggedInUser = {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: string;
};

function limitKeys(email: string, clientIp: string | null) {
  return [`email:${email}`, ...(clientIp ? [`ip:${clientIp}`] : [])];
}

async function assertNotLimited(keys: string[]) {
  const { SLUICE_LOGIN_MAX_FAILURES: max, SLUICE_LOGIN_WINDOW_MINUTES: minutes } = env();
  const since = new Date(Date.now() - minutes * 60_000);
  for (const key of keys) {
    // Addresses are shared (NAT, proxies), so they get more room than one account.
    const limit = key.startsWith("ip:") ? max * 4 : max;
    if ((await countFailedLogins(key, since)) >= limit) {
      const oldest = await oldestFailedLogin(key, since);
      const retryAt = (oldest?.createdAt.getTime() ?? Date.now()) + minutes * 60_000;
      const seconds = Math.max(1, Math.ceil((retryAt - Date.now()) / 1000));
      throw new RateLimitedError(
        `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""}.`,
        seconds,
      );
    }
  }
}

export async function verifyLogin(options: {
  email: string;
  password: string;
  clientIp: string | null;
}): Promise<LoggedInUser> {
  const email = options.email.trim().toLowerCase();
  const keys = limitKeys(email, options.clientIp);
  await assertNotLimited(keys);

  const user = await findUserForLogin(email);
  const ok = user ? await verifyPassword(options.password, user.passwordHash) : false;
  if (!user) await verifyAgainstDummy(options.password);

  if (!user || !ok || user.disabled) {
    await Promise.all(keys.map((key) => recordLoginAttempt(key, false)));
    if (user) {
      await writeAudit({
        tenantId: user.tenantId,
        userId: user.id,
        action: "user.login_failed",
        details: { reason: user.disabled && ok ? "disabled" : "wrong_password" },
      });
    }
    throw new UnauthorizedError("Wrong e-mail or password.");
  }

  await recordLoginAttempt(keys[0], true);
  await markLoggedIn(user.id);
  return {
    id: user.id,
    tenantId: user.tenantId,
    email: user.email,
    name: user.name,
    role: user.role,
  };
}

export function clientIpFrom(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || null;
}
