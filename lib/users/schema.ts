import { z } from "zod";

export const roleSchema = z.enum(["admin", "operator", "viewer"], {
  error: "Choose admin, operator or viewer.",
});

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address."),
  name: z.string().trim().min(1, "Enter a name.").max(100, "Keep the name under 100 characters."),
  role: roleSchema,
  password: z
    .string()
    .min(12, "Use at least 12 characters.")
    .max(200, "Use at most 200 characters."),
});

export const updateUserRoleSchema = z.object({
  userId: z.string().uuid("Unknown user."),
  role: roleSchema,
});

export const setUserDisabledSchema = z.object({
  userId: z.string().uuid("Unknown user."),
  disabled: z.boolean(),
});

export type CreateUserInput = z.infer<typeof createUserSchema>;
export type UpdateUserRoleInput = z.infer<typeof updateUserRoleSchema>;
export type SetUserDisabledInput = z.infer<typeof setUserDisabledSchema>;
