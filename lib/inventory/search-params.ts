// Reads the inventory and findings pages' URL (?q=&sort=&dir=&cursor=&cols=)
// leniently: a hand-edited or outdated link falls back to defaults instead of
// failing, except for the query itself, whose errors the page shows.
import { parseColumns } from "./columns";
import {
  assetListQuerySchema,
  defaultDirection,
  findingListQuerySchema,
  type AssetListQuery,
  type FindingListQuery,
} from "./schema";

export type RawSearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}

function lenient<T extends { sort: string; dir?: "asc" | "desc" }>(
  schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } },
  raw: RawSearchParams,
): T {
  const input = {
    q: first(raw.q) ?? "",
    sort: first(raw.sort),
    dir: first(raw.dir),
    cursor: first(raw.cursor),
  };
  for (const attempt of [input, { q: input.q }, {}]) {
    const parsed = schema.safeParse(attempt);
    if (parsed.success) return parsed.data;
  }
  throw new Error("the default search must parse");
}

export function readAssetSearch(raw: RawSearchParams) {
  const query = lenient<AssetListQuery>(assetListQuerySchema, raw);
  const direction = query.dir ?? defaultDirection(query.sort);
  return {
    ...query,
    dir: direction,
    columns: parseColumns(first(raw.cols)),
    colsParam: first(raw.cols),
  };
}

export function readFindingSearch(raw: RawSearchParams) {
  const query = lenient<FindingListQuery>(findingListQuerySchema, raw);
  return { ...query, dir: query.dir ?? defaultDirection(query.sort) };
}
