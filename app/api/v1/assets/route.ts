import { NextResponse } from "next/server";
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { parseColumns } from "@/lib/inventory/columns";
import { csvResponse } from "@/lib/inventory/csv";
import { assetListQuerySchema } from "@/lib/inventory/schema";
import { exportAssetsCsv, listAssets } from "@/lib/inventory/service";

const querySchema = assetListQuerySchema.extend({
  format: z.enum(["json", "csv"]).default("json"),
  cols: z.string().max(500).optional(),
});

/**
 * GET /api/v1/assets?q=…&sort=riskScore&dir=desc&cursor=…&limit=50
 * One keyset page of the inventory; `next`/`previous` are cursors to pass
 * back. `format=csv` streams every matching asset instead.
 */
export const GET = withApi({ query: querySchema }, async ({ user, query }) => {
  if (query.format === "csv") {
    return csvResponse(
      exportAssetsCsv({ ...query, tenantId: user.tenantId, columns: parseColumns(query.cols) }),
      "assets.csv",
    );
  }
  const page = await listAssets({ ...query, tenantId: user.tenantId, withTotal: !query.cursor });
  return NextResponse.json(page);
});
