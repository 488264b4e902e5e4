import { z } from "zod";

// POST /auth takes the same form fields as Qualys's gateway:
// username, password and token=true.
export const tokenRequestSchema = z.object({
  username: z.string({ error: "username is required." }).trim().min(1, "username is required."),
  password: z.string({ error: "password is required." }).min(1, "password is required."),
  token: z.literal("true", { error: "token must be true." }),
});
