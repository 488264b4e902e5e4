// Per-connector intake tokens: what the forwarder Lambda sends as its bearer
// token. Only the SHA-256 is stored (connectors.intakeTokenHash); the token
// itself is shown once, when it is generated or rotated. A recognisable
// prefix tells the intake route a token from a JWT without trying both.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const INTAKE_TOKEN_PREFIX = "sluice_it_";

/** 32 random bytes, base64url: 53 characters in all, above the template's MinLength of 16. */
export function generateIntakeToken(): string {
  return INTAKE_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashIntakeToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeIntakeToken(token: string): boolean {
  return token.startsWith(INTAKE_TOKEN_PREFIX);
}

/** Compares in constant time; false when either side is missing. */
export function intakeTokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const presented = Buffer.from(hashIntakeToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
