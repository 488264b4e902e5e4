import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { verifyApiJwt } from "@/lib/auth/api-jwt";
import { getSessionUser, hasRole, type Role } from "@/lib/auth/session";
import {
  isAppError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
  ForbiddenError,
} from "@/lib/errors";
import { logger } from "@/lib/logger";
import { findUserWithTenant } from "@/lib/users/repository";

export type ApiUser = { id: string; tenantId: string; role: Role; email: string };

export function apiError(
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string[]>,
) {
  return NextResponse.json({ error: { code, message, ...(fields ? { fields } : {}) } }, { status });
}

export function errorResponse(error: unknown) {
  if (isAppError(error)) {
    const response = apiError(error.status, error.code, error.message, error.fields);
    if (error instanceof RateLimitedError)
      response.headers.set("Retry-After", String(error.retryAfterSeconds));
    if (error instanceof UnauthorizedError)
      response.headers.set("WWW-Authenticate", 'Bearer realm="sluice"');
    return response;
  }
  logger.error("api request failed", { error });
  return apiError(
    500,
    "internal_error",
    "Something went wrong on the server. It has been logged; try again.",
  );
}

export function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues)
    (fields[issue.path.join(".") || "body"] ??= []).push(issue.message);
  return fields;
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = zodFields(parsed.error);
    throw new ValidationError(
      `The ${what} is not valid: ${Object.keys(fields).join(", ")}.`,
      fields,
    );
  }
  return parsed.data;
}

/**
 * The caller of a REST request: a bearer token from POST /auth, or else the
 * console's own session cookie (the browser uses the same routes). Cookie
 * requests that change state must come from our own origin.
 */
export async function authenticate(request: NextRequest): Promise<ApiUser> {
  const header = request.headers.get("authorization");
  if (!header) return authenticateSession(request);
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match)
    throw new UnauthorizedError(
      "Send an Authorization: Bearer <token> header (get a token from POST /auth).",
    );
  const claims = await verifyApiJwt(match[1].trim());
  const user = await findUserWithTenant(claims.userId);
  if (!user || user.disabled || user.tenantId !== claims.tenantId) {
    throw new UnauthorizedError("The account behind this token no longer exists or is disabled.");
  }
  return { id: user.id, tenantId: user.tenantId, role: user.role, email: user.email };
}

async function authenticateSession(request: NextRequest): Promise<ApiUser> {
  const user = await getSessionUser();
  if (!user) {
    throw new UnauthorizedError(
      "Send an Authorization: Bearer <token> header (get a token from POST /auth).",
    );
  }
  if (!["GET", "HEAD", "OPTIONS"].includes(request.method)) {
    const origin = request.headers.get("origin");
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    if (!origin || !host || new URL(origin).host !== host) {
      throw new ForbiddenError("Cross-site request refused.");
    }
  }
  return { id: user.id, tenantId: user.tenantId, role: user.role, email: user.email };
}

type Handler<Q, B, P> = (context: {
  request: NextRequest;
  user: ApiUser;
  query: Q;
  body: B;
  params: P;
}) => Promise<Response>;

/**
 * The one wrapper for REST handlers under app/api: authenticates the bearer
 * token, checks the role, zod-parses params, query and JSON body, and answers
 * every error as { error: { code, message, fields? } } with the right status.
 */
export function withApi<
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
  P extends z.ZodType = z.ZodType<Record<string, string>>,
>(
  options: { query?: Q; body?: B; params?: P; role?: Exclude<Role, "viewer"> },
  handler: Handler<z.infer<Q>, z.infer<B>, z.infer<P>>,
) {
  return async (request: NextRequest, context: { params: Promise<Record<string, string>> }) => {
    try {
      const user = await authenticate(request);
      if (options.role && !hasRole(user, options.role)) throw new ForbiddenError();
      const params = options.params
        ? parseOrThrow(options.params, await context.params, "path")
        : await context.params;
      const query = options.query
        ? parseOrThrow(
            options.query,
            Object.fromEntries(request.nextUrl.searchParams),
            "query string",
          )
        : {};
      let body: unknown = undefined;
      if (options.body) {
        const raw = await request.json().catch(() => {
          throw new ValidationError("The request body must be JSON.");
        });
        body = parseOrThrow(options.body, raw, "request body");
      }
      return await handler({
        request,
        user,
        query: query as z.infer<Q>,
        body: body as z.infer<B>,
        params: params as z.infer<P>,
      });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
