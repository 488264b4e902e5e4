import { z } from "zod";

export const ASSET_SORTS = ["riskScore", "name", "lastSeen", "criticality"] as const;
export const FINDING_SORTS = ["severity", "qid", "lastDetected"] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];
export type FindingSort = (typeof FINDING_SORTS)[number];
export type SortDirection = "asc" | "desc";

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

const pageFields = {
  q: z.string().max(2000, "Keep the query under 2,000 characters.").default(""),
  cursor: z.string().max(1000).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  dir: z.enum(["asc", "desc"]).optional(),
};

/** What the inventory page and GET /api/v1/assets accept. */
export const assetListQuerySchema = z.object({
  ...pageFields,
  sort: z.enum(ASSET_SORTS).default("riskScore"),
});
export type AssetListQuery = z.infer<typeof assetListQuerySchema>;

export const findingListQuerySchema = z.object({
  ...pageFields,
  sort: z.enum(FINDING_SORTS).default("severity"),
});
export type FindingListQuery = z.infer<typeof findingListQuerySchema>;

/** Name-like sorts read best A→Z, scores and dates highest first. */
export function defaultDirection(sort: AssetSort | FindingSort): SortDirection {
  return sort === "name" || sort === "qid" ? "asc" : "desc";
}

export const criticalitySchema = z.coerce
  .number({ error: "Choose a criticality from 1 to 5." })
  .int("Choose a whole number from 1 to 5.")
  .min(1, "Criticality is at least 1.")
  .max(5, "Criticality is at most 5.");

export const setCriticalitySchema = z.object({
  assetId: z.uuid(),
  criticality: criticalitySchema,
});

export const resolveConflictSchema = z.discriminatedUnion("resolution", [
  z.object({
    conflictId: z.uuid(),
    resolution: z.literal("merge"),
    /** Which of the two assets survives; the other one is folded into it. */
    keep: z.enum(["asset", "other"]),
  }),
  z.object({ conflictId: z.uuid(), resolution: z.literal("keepApart") }),
]);
export type ResolveConflictInput = z.infer<typeof resolveConflictSchema>;

export const splitSourceSchema = z.object({
  assetSourceId: z.uuid(),
  /** asset_identifiers ids (bigint, sent as strings) that belong to the split-off record. */
  identifierIds: z.array(z.string().regex(/^\d{1,19}$/)).max(500),
});
export type SplitSourceInput = z.infer<typeof splitSourceSchema>;

export const savedQueryScopeSchema = z.enum(["assets", "findings"]);
export type SavedQueryScope = z.infer<typeof savedQueryScopeSchema>;

export const saveQuerySchema = z.object({
  scope: savedQueryScopeSchema,
  name: z
    .string()
    .trim()
    .min(1, "Give the query a name.")
    .max(80, "Keep the name under 80 characters."),
  query: z
    .string()
    .trim()
    .min(1, "There is no query to save yet.")
    .max(2000, "Keep the query under 2,000 characters."),
});
export type SaveQueryInput = z.infer<typeof saveQuerySchema>;

export const deleteSavedQuerySchema = z.object({ id: z.uuid() });
