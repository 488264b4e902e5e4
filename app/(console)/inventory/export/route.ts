import { errorResponse } from "@/lib/api/handler";
import { getSessionUser } from "@/lib/auth/session";
import { UnauthorizedError } from "@/lib/errors";
import { csvResponse } from "@/lib/inventory/csv";
import { readAssetSearch } from "@/lib/inventory/search-params";
import { exportAssetsCsv } from "@/lib/inventory/service";

/** The inventory page's "Export CSV": every asset matching ?q=, in the chosen columns. */
export async function GET(request: Request) {
  try {
    const user = await getSessionUser();
    if (!user) throw new UnauthorizedError("Your session has ended. Sign in again.");
    const search = readAssetSearch(Object.fromEntries(new URL(request.url).searchParams));
    const stamp = new Date().toISOString().slice(0, 10);
    return await csvResponse(
      exportAssetsCsv({ ...search, tenantId: user.tenantId }),
      `sluice-assets-${stamp}.csv`,
    );
  } catch (error) {
    return errorResponse(error);
  }
}
