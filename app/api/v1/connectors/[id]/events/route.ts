import { NextResponse, type NextRequest } from "next/server";
import { authenticate, errorResponse, parseOrThrow } from "@/lib/api/handler";
import { hasRole } from "@/lib/auth/session";
import { AppError, ForbiddenError, ValidationError } from "@/lib/errors";
import { acceptS3Events, authenticateIntake } from "@/lib/events/intake";
import { intakeParamsSchema, MAX_INTAKE_BODY_BYTES } from "@/lib/events/schema";

class PayloadTooLargeError extends AppError {
  constructor() {
    super(
      "payload_too_large",
      413,
      `The body is larger than ${MAX_INTAKE_BODY_BYTES} bytes; send fewer notifications per request.`,
    );
  }
}

async function readJson(request: NextRequest): Promise<unknown> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_INTAKE_BODY_BYTES) {
    throw new PayloadTooLargeError();
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_INTAKE_BODY_BYTES) throw new PayloadTooLargeError();
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError("The request body must be JSON (an S3 event notification).");
  }
}

/**
 * S3 event intake. Authenticated by the connector's intake token (what the
 * forwarder Lambda sends) or by an operator's JWT or session. Queues one job
 * per CSV object and answers 202 before anything is read from S3.
 *
 * Not wrapped in withApi: that wrapper knows users, and the intake token
 * belongs to a connector, not to a user.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ id: string }> }) {
  try {
    const params = parseOrThrow(intakeParamsSchema, await context.params, "path");
    const connector = await authenticateIntake({
      connectorId: params.id,
      authorization: request.headers.get("authorization"),
      asUser: async () => {
        const user = await authenticate(request);
        if (!hasRole(user, "operator")) throw new ForbiddenError();
        return user;
      },
    });
    const result = await acceptS3Events({ connector, body: await readJson(request) });
    return NextResponse.json(result, { status: 202 });
  } catch (error) {
    return errorResponse(error);
  }
}
