import { NextResponse } from "next/server";
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { getRunView } from "@/lib/runs/service";

const params = z.object({ id: z.string().uuid("Unknown run.") });

export const GET = withApi({ params }, async ({ user, params }) =>
  NextResponse.json(await getRunView({ tenantId: user.tenantId, runId: params.id }), {
    headers: { "cache-control": "no-store" },
  }),
);
