import { NextResponse } from "next/server";
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { testConnectorConnection } from "@/lib/connectors/test-connection";

/** Runs the connector's connection test and answers its result (200 whether or not it passed). */
export const POST = withApi(
  { role: "operator", params: z.object({ id: z.uuid("Connector ids are UUIDs.") }) },
  async ({ request, user, params }) =>
    NextResponse.json(
      await testConnectorConnection({
        tenantId: user.tenantId,
        connectorId: params.id,
        signal: request.signal,
      }),
    ),
);
