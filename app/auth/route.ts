import type { NextRequest } from "next/server";
import { errorResponse, parseOrThrow } from "@/lib/api/handler";
import { signApiJwt } from "@/lib/auth/api-jwt";
import { clientIpFrom, verifyLogin } from "@/lib/auth/login";
import { tokenRequestSchema } from "@/lib/auth/token-request";
import { ValidationError } from "@/lib/errors";

async function readForm(request: NextRequest): Promise<Record<string, string>> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    throw new ValidationError(
      "Send the fields as a form (application/x-www-form-urlencoded), not JSON.",
    );
  }
  const text = await request.text();
  if (type.includes("multipart/form-data")) {
    const form = await new Response(text, { headers: { "content-type": type } }).formData();
    return Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** Issues a JWT for the REST API, valid four hours; the body is the token itself. */
export async function POST(request: NextRequest) {
  try {
    const fields = parseOrThrow(tokenRequestSchema, await readForm(request), "token request");
    const user = await verifyLogin({
      email: fields.username,
      password: fields.password,
      clientIp: clientIpFrom(request.headers),
    });
    const token = await signApiJwt({ userId: user.id, tenantId: user.tenantId });
    return new Response(token, {
      status: 200,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
