import { z } from "zod";

export const startRunSchema = z.object({
  connectorId: z.string().uuid("Unknown connector."),
  profileId: z.string().uuid().optional(),
});

export const runErrorsQuerySchema = z.object({
  cursor: z.string().regex(/^\d+$/, "cursor must be a number").optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  format: z.enum(["json", "csv"]).default("json"),
});

export type StartRunInput = z.infer<typeof startRunSchema>;
