import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { findingListQuerySchema } from "@/lib/inventory/schema";
import { listFindings } from "@/lib/inventory/service";

/** GET /api/v1/findings?q=…&sort=severity&cursor=…&limit=50: one keyset page of findings. */
export const GET = withApi({ query: findingListQuerySchema }, async ({ user, query }) =>
  NextResponse.json(
    await listFindings({ ...query, tenantId: user.tenantId, withTotal: !query.cursor }),
  ),
);
