// Bearer tokens for the REST API, issued by POST /auth as Qualys's gateway
// does: a JWT valid for four hours.
import { jwtVerify, SignJWT, errors as joseErrors } from "jose";
import { env } from "@/lib/env";
import { UnauthorizedError } from "@/lib/errors";
import { deriveKey } from "@/lib/secrets/keys";

export const API_TOKEN_TTL_SECONDS = 4 * 60 * 60;
const ISSUER = "sluice";
const AUDIENCE = "sluice-api";

function key() {
  return new Uint8Array(deriveKey(env().SLUICE_SECRET_KEY, "api-jwt"));
}

export async function signApiJwt(
  claims: { userId: string; tenantId: string },
  now = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({ tid: claims.tenantId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + API_TOKEN_TTL_SECONDS)
    .sign(key());
}

export async function verifyApiJwt(token: string): Promise<{ userId: string; tenantId: string }> {
  try {
    const { payload } = await jwtVerify(token, key(), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ["HS256"],
    });
    if (typeof payload.sub !== "string" || typeof payload.tid !== "string") {
      throw new UnauthorizedError("The bearer token is malformed.");
    }
    return { userId: payload.sub, tenantId: payload.tid };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) {
      throw new UnauthorizedError(
        "The bearer token has expired (tokens last 4 hours): request a new one from POST /auth.",
      );
    }
    if (error instanceof UnauthorizedError) throw error;
    throw new UnauthorizedError("The bearer token is not valid.");
  }
}
