import { hostAssetModel } from "./host-asset";
import type { DataModelDefinition } from "./types";
import { vulnerabilityFindingModel } from "./vulnerability-finding";

/** Models every tenant gets; seeded into data_models with a null tenant. */
export const builtInDataModels: readonly DataModelDefinition<unknown>[] = [
  hostAssetModel,
  vulnerabilityFindingModel,
];

export function findBuiltInDataModel(key: string): DataModelDefinition<unknown> | undefined {
  return builtInDataModels.find((model) => model.key === key);
}
