"use server";

import { action } from "@/lib/action";
import { startBackfill } from "./backfill";
import { connectorRefSchema } from "./schema";
import { rotateIntakeToken } from "./service";

/** A new intake token, shown once; the old one stops working. */
export const rotateIntakeTokenAction = action(
  { schema: connectorRefSchema, role: "operator" },
  (input, user) =>
    rotateIntakeToken({ tenantId: user.tenantId, connectorId: input.connectorId, userId: user.id }),
);

/** Process existing objects: queues a backfill run and returns its id. */
export const startBackfillAction = action(
  { schema: connectorRefSchema, role: "operator" },
  (input, user) => startBackfill({ tenantId: user.tenantId, connectorId: input.connectorId }),
);
