import { builtInDataModels } from "@/lib/datamodels/built-in-models";
import { upsertBuiltInDataModels } from "./repository";

/**
 * Inserts (or brings up to date) the built-in Host Asset and Vulnerability
 * Finding models shared by every tenant, and returns their ids by key. Safe to
 * call at start-up and before every connector save: an unchanged model costs
 * one query.
 */
export function ensureBuiltInDataModels(): Promise<Map<string, string>> {
  return upsertBuiltInDataModels(builtInDataModels);
}
