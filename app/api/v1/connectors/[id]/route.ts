import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { connectorIdParamsSchema, connectorUpdateSchema } from "@/lib/connectors/schema";
import { deleteConnector, getConnectorForApi, updateConnector } from "@/lib/connectors/service";

/** GET /api/v1/connectors/{id}: the connector in the shape POST takes; secrets only as `<name>Set` flags. */
export const GET = withApi({ params: connectorIdParamsSchema }, async ({ user, params }) =>
  NextResponse.json(await getConnectorForApi({ tenantId: user.tenantId, connectorId: params.id })),
);

/** PATCH /api/v1/connectors/{id}: changes only what the body names; secrets only when given. */
export const PATCH = withApi(
  { params: connectorIdParamsSchema, body: connectorUpdateSchema, role: "operator" },
  async ({ user, params, body }) =>
    NextResponse.json(
      await updateConnector({
        tenantId: user.tenantId,
        userId: user.id,
        connectorId: params.id,
        input: body,
      }),
    ),
);

/**
 * DELETE /api/v1/connectors/{id}: 204. Its transform maps, profiles, rules,
 * runs and asset-source links go with it; assets and findings stay (findings
 * lose their connector). 409 while one of its runs is queued or processing.
 */
export const DELETE = withApi(
  { params: connectorIdParamsSchema, role: "operator" },
  async ({ user, params }) => {
    await deleteConnector({ tenantId: user.tenantId, userId: user.id, connectorId: params.id });
    return new NextResponse(null, { status: 204 });
  },
);
