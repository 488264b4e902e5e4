import { NextResponse } from "next/server";
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { ValidationError } from "@/lib/errors";
import { startRun } from "@/lib/runs/service";
import { receiveUpload } from "@/lib/runs/upload";

const params = z.object({ id: z.string().uuid("Unknown connector.") });

/**
 * Starts a run and answers 202 at once. multipart/form-data with fields
 * transformMapId then file: ingest that CSV. Anything else: scan the source.
 */
export const POST = withApi({ params, role: "operator" }, async ({ request, user, params }) => {
  const type = request.headers.get("content-type") ?? "";
  let result: { runId: string };
  if (type.startsWith("multipart/form-data")) {
    if (!request.body) throw new ValidationError("The upload has no body.");
    result = await receiveUpload({
      tenantId: user.tenantId,
      connectorId: params.id,
      contentType: type,
      body: request.body,
    });
  } else {
    const body = (await request.json().catch(() => ({}))) as { profileId?: unknown };
    result = await startRun({
      tenantId: user.tenantId,
      connectorId: params.id,
      profileId: typeof body.profileId === "string" ? body.profileId : undefined,
    });
  }
  return NextResponse.json({ ...result, status: `/api/v1/runs/${result.runId}` }, { status: 202 });
});
