"use server";

import { action } from "@/lib/action";
import { createUserSchema, setUserDisabledSchema, updateUserRoleSchema } from "./schema";
import { createUser, setUserDisabled, updateUserRole } from "./service";

export const createUserAction = action(
  { schema: createUserSchema, role: "admin" },
  async (input, user) => {
    const created = await createUser({ ...input, tenantId: user.tenantId, actorId: user.id });
    return { id: created.id };
  },
);

export const updateUserRoleAction = action(
  { schema: updateUserRoleSchema, role: "admin" },
  async (input, user) => {
    const updated = await updateUserRole({ ...input, tenantId: user.tenantId, actorId: user.id });
    return { id: updated.id };
  },
);

export const setUserDisabledAction = action(
  { schema: setUserDisabledSchema, role: "admin" },
  async (input, user) => {
    const updated = await setUserDisabled({ ...input, tenantId: user.tenantId, actorId: user.id });
    return { id: updated.id };
  },
);
