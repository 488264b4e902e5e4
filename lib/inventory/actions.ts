"use server";

import { action } from "@/lib/action";
import {
  deleteSavedQuerySchema,
  resolveConflictSchema,
  saveQuerySchema,
  setCriticalitySchema,
  splitSourceSchema,
} from "./schema";
import {
  deleteSavedQuery,
  resolveConflict,
  saveQuery,
  setCriticality,
  splitSource,
} from "./service";

export const setCriticalityAction = action(
  { schema: setCriticalitySchema, role: "operator" },
  (input, user) => setCriticality({ ...input, tenantId: user.tenantId }),
);

export const resolveConflictAction = action(
  { schema: resolveConflictSchema, role: "operator" },
  (input, user) => resolveConflict({ ...input, tenantId: user.tenantId, userId: user.id }),
);

export const splitSourceAction = action(
  { schema: splitSourceSchema, role: "operator" },
  async (input, user) => {
    const result = await splitSource({ ...input, tenantId: user.tenantId, userId: user.id });
    return { newAssetId: result.newAssetId, movedFindings: result.movedFindings };
  },
);

// Saved queries are shared views, not changes to data: viewers may keep them too.
export const saveQueryAction = action({ schema: saveQuerySchema }, (input, user) =>
  saveQuery({ ...input, tenantId: user.tenantId, userId: user.id }),
);

export const deleteSavedQueryAction = action({ schema: deleteSavedQuerySchema }, (input, user) =>
  deleteSavedQuery({ ...input, tenantId: user.tenantId }),
);
