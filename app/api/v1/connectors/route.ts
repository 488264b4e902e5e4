import { NextResponse } from "next/server";
import { withApi } from "@/lib/api/handler";
import { connectorCreateSchema } from "@/lib/connectors/schema";
import { createConnector, listConnectors } from "@/lib/connectors/service";

/** GET /api/v1/connectors: every connector of the tenant with its state and last run, by name. */
export const GET = withApi({}, async ({ user }) =>
  NextResponse.json({ items: await listConnectors({ tenantId: user.tenantId }) }),
);

/**
 * POST /api/v1/connectors: a whole connector in one body, under the wizard's
 * step keys (basic, source, dataModel, transformMap, profile, identification),
 * validated with the wizard's schemas. Answers 201 with the connector as GET
 * /api/v1/connectors/{id} shows it; credentials come back only as flags.
 */
export const POST = withApi(
  { body: connectorCreateSchema, role: "operator" },
  async ({ user, body }) => {
    const connector = await createConnector({
      tenantId: user.tenantId,
      userId: user.id,
      input: body,
    });
    return NextResponse.json(connector, {
      status: 201,
      headers: { Location: `/api/v1/connectors/${connector.id}` },
    });
  },
);
