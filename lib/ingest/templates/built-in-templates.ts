import { qualysVmScanCsvTemplate } from "./qualys-vm-scan-csv";
import { templateMatchesHeader, type TransformMapTemplate } from "./transform-map-template";
import {
  vmdrAssetVulnDatalistCveTemplate,
  vmdrAssetVulnDatalistTemplate,
} from "./vmdr-asset-vuln-datalist";

export const builtInTransformMapTemplates: readonly TransformMapTemplate[] = [
  qualysVmScanCsvTemplate,
  vmdrAssetVulnDatalistTemplate,
  vmdrAssetVulnDatalistCveTemplate,
];

export function findTemplate(key: string): TransformMapTemplate | undefined {
  return builtInTransformMapTemplates.find((template) => template.key === key);
}

/** The ready-made map whose signature columns the header has, to preselect on upload. */
export function findTemplateForHeader(header: readonly string[]): TransformMapTemplate | undefined {
  return builtInTransformMapTemplates.find((template) => templateMatchesHeader(template, header));
}
