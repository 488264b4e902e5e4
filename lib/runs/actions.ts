"use server";

import { action } from "@/lib/action";
import { startRunSchema } from "./schema";
import { startRun } from "./service";

/** Queues a scan of the connector's source and returns at once. */
export const startRunAction = action({ schema: startRunSchema, role: "operator" }, (input, user) =>
  startRun({ tenantId: user.tenantId, connectorId: input.connectorId, profileId: input.profileId }),
);
