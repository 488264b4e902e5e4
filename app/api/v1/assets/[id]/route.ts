import { NextResponse } from "next/server";
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { getAssetDetail } from "@/lib/inventory/service";

/** GET /api/v1/assets/{id}: the asset with identifiers, sources, findings and risk breakdown. */
export const GET = withApi(
  { params: z.object({ id: z.uuid("The asset id must be a UUID.") }) },
  async ({ user, params }) =>
    NextResponse.json(await getAssetDetail({ tenantId: user.tenantId, assetId: params.id })),
);
