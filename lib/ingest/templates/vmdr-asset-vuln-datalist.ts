import { statusVocabulary, typeVocabulary } from "@/lib/datamodels/vulnerability-finding";
import type { FieldMappingInput, TransformInput } from "../transforms";
import { column, defineTemplate } from "./transform-map-template";

// VMDR writes the literal '- for "no value"; every column reads it as empty.
const empty: TransformInput = { type: "default", emptyMarkers: ["'-"] };
const datalistDate: TransformInput = {
  type: "dateFormat",
  format: "MMM DD, YYYY hh:mm A",
  timeZone: "UTC",
};
const list: TransformInput = { type: "split", delimiter: "," };

function cell(
  sourceField: string,
  targetField: string,
  dataType: FieldMappingInput["dataType"],
  ...transforms: TransformInput[]
): FieldMappingInput {
  return column(sourceField, targetField, dataType, empty, ...transforms);
}

/**
 * Columns both datalist layouts share. "Asset IPV4" may hold several
 * addresses ("10.0.0.20,10.0.0.21") for one asset: the row stays one finding,
 * `ip` takes the first address and `ipAddresses` all of them, IPv6 included.
 */
const detectionColumns: FieldMappingInput[] = [
  cell("QID", "qid", "integer"),
  cell("Title", "title", "string"),
  cell("Severity", "severity", "integer"),
  cell("Type Detected", "type", "string", { type: "valueMap", map: { ...typeVocabulary } }),
  cell("Last Detected", "lastDetected", "datetime", datalistDate),
  cell("First Detected", "firstDetected", "datetime", datalistDate),
  cell("Protocol", "protocol", "string", { type: "case", to: "lower" }),
  cell("Port", "port", "integer"),
  cell("Status", "status", "string", { type: "valueMap", map: { ...statusVocabulary } }),
  cell("Asset Id", "assetId", "string"),
  cell("Asset Name", "assetName", "string"),
  cell("Asset IPV4", "ip", "ip", list, { type: "pick", index: 0 }),
  cell("Asset IPV4", "ipAddresses", "ip", list),
  cell("Asset IPV6", "ipv6", "ip", list, { type: "pick", index: 0 }),
  cell("Asset IPV6", "ipAddresses", "ip", list),
  cell("Solution", "solution", "string", { type: "stripHtml" }),
  cell("Asset Tags", "tags", "string", list),
  cell("Disabled", "disabled", "boolean"),
  cell("Ignored", "ignored", "boolean"),
  cell("Category", "category", "string"),
  cell("Operating System", "os", "string"),
  cell("Last Fixed", "lastFixed", "datetime", datalistDate),
  cell("Times Detected", "timesDetected", "integer"),
  cell("Threat", "threat", "string", { type: "stripHtml" }),
  cell("Asset Critical Score", "assetCriticality", "integer"),
  cell("TruRisk Score", "truRiskScore", "integer"),
  cell("Results", "results", "string", { type: "stripHtml" }),
];

const timestampsNote =
  'Timestamps ("Feb 03, 2026 07:00 AM") are read in UTC; the report states its own zone in the first line ' +
  "(detectPreamble returns it as reportTimeZone) and withTimeZone() makes a copy that reads them there. " +
  "Reports exported without the three metadata lines need preamble detection instead of the stored count.";

/** VMDR "Asset Vuln Datalist Report", QID layout: one row per asset and QID. */
export const vmdrAssetVulnDatalistTemplate = defineTemplate({
  key: "vmdr-asset-vuln-datalist",
  name: "Qualys VMDR Asset Vuln Datalist (QID layout)",
  description:
    "Detections from a VMDR Asset Vuln Datalist CSV report grouped by QID. Each row becomes one vulnerability " +
    `finding on the asset named by Asset Id, Asset Name and its addresses. ${timestampsNote}`,
  dataModelKey: "vulnerability-finding",
  preambleLines: 3,
  delimiter: ",",
  signature: ["QID", "Asset Id", "Asset IPV4", "QDS"],
  mappings: [...detectionColumns, cell("QDS", "qds", "integer")],
});

/**
 * The same report in its CVE layout: one row per CVE, QID and asset. Rows of
 * one QID on one asset share the finding key (asset, QID, port, protocol), so
 * the loader must merge their `cves` rather than keep the last row.
 */
export const vmdrAssetVulnDatalistCveTemplate = defineTemplate({
  key: "vmdr-asset-vuln-datalist-cve",
  name: "Qualys VMDR Asset Vuln Datalist (CVE layout)",
  description:
    "Detections from a VMDR Asset Vuln Datalist CSV report grouped by CVE. Each row becomes one vulnerability " +
    "finding carrying its CVE and NVD CVSS scores; rows for the same QID on the same asset describe one " +
    `finding with several CVEs. ${timestampsNote}`,
  dataModelKey: "vulnerability-finding",
  preambleLines: 3,
  delimiter: ",",
  signature: ["CVE", "CVE-Description", "QID", "Asset Id"],
  mappings: [
    cell("CVE", "cves", "string", list),
    cell("CVSSv2 Base (nvd)", "cvssBase", "float"),
    cell("CVSSv3.1 Base (nvd)", "cvss3Base", "float"),
    ...detectionColumns,
  ],
});
