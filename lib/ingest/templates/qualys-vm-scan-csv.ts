import { statusVocabulary, typeVocabulary } from "@/lib/datamodels/vulnerability-finding";
import type { TransformInput } from "../transforms";
import { column, defineTemplate } from "./transform-map-template";

const scanDate: TransformInput = {
  type: "dateFormat",
  format: "MM/DD/YYYY HH:mm:ss",
  timeZone: "UTC",
};
const list: TransformInput = { type: "split", delimiter: "," };

/**
 * The Qualys VM scan report CSV: one row per host and QID, 37 columns,
 * month-first timestamps, multi-line Threat/Impact/Solution cells.
 */
export const qualysVmScanCsvTemplate = defineTemplate({
  key: "qualys-vm-scan-csv",
  name: "Qualys VM scan report (CSV)",
  description:
    "Host detections from a Qualys VM scan report exported as CSV. Each row becomes one vulnerability finding " +
    "on the host named by IP, DNS and NetBIOS. Timestamps are read as MM/DD/YYYY HH:mm:ss in UTC; change the " +
    "zone of the date transforms if the report was exported in local time.",
  dataModelKey: "vulnerability-finding",
  preambleLines: 0,
  delimiter: ",",
  signature: ["IP", "QID", "Vuln Status", "First Detected"],
  mappings: [
    column("IP", "ip", "ip"),
    column("IP", "ipAddresses", "ip", list),
    column("Network", "network", "string"),
    column("DNS", "dnsName", "string"),
    column("NetBIOS", "netbiosName", "string"),
    column("Tracking Method", "trackingMethod", "string"),
    column("OS", "os", "string"),
    column("QID", "qid", "integer"),
    column("Title", "title", "string"),
    column("Vuln Status", "status", "string", { type: "valueMap", map: { ...statusVocabulary } }),
    column("Type", "type", "string", { type: "valueMap", map: { ...typeVocabulary } }),
    column("Severity", "severity", "integer"),
    column("Port", "port", "integer"),
    column("Protocol", "protocol", "string", { type: "case", to: "lower" }),
    column("FQDN", "fqdn", "string"),
    column("First Detected", "firstDetected", "datetime", scanDate),
    column("Last Detected", "lastDetected", "datetime", scanDate),
    column("Times Detected", "timesDetected", "integer"),
    column("Date Last Fixed", "lastFixed", "datetime", scanDate),
    column("CVE ID", "cves", "string", list),
    column("Vendor Reference", "vendorReferences", "string", list),
    column("Bugtraq ID", "bugtraqIds", "string", list),
    // "8.1 (AV:N/AC:H/...)": the score before the bracket, the vector inside it.
    column("CVSS3 Base", "cvss3Base", "float", {
      type: "extract",
      pattern: "^\\s*([0-9]+(?:\\.[0-9]+)?)",
    }),
    column("CVSS3 Base", "cvss3Vector", "string", {
      type: "extract",
      pattern: "^[^(]*(?:\\(([^)]*)\\))?",
    }),
    column("Threat", "threat", "string", { type: "stripHtml" }),
    column("Impact", "impact", "string", { type: "stripHtml" }),
    column("Solution", "solution", "string", { type: "stripHtml" }),
    column("PCI Vuln", "pciVuln", "boolean"),
    column("Instance", "instance", "string"),
    column("OS CPE", "osCpe", "string"),
    column("Category", "category", "string"),
    column("Associated Tags", "tags", "string", list),
  ],
});

/** Every column of the scan report CSV, in export order (fixtures and benchmarks build files from it). */
export const qualysScanReportColumns = [
  "IP",
  "Network",
  "DNS",
  "NetBIOS",
  "Tracking Method",
  "OS",
  "IP Status",
  "QID",
  "Title",
  "Vuln Status",
  "Type",
  "Severity",
  "Port",
  "Protocol",
  "FQDN",
  "SSL",
  "First Detected",
  "Last Detected",
  "Times Detected",
  "Date Last Fixed",
  "CVE ID",
  "Vendor Reference",
  "Bugtraq ID",
  "CVSS3",
  "CVSS3 Base",
  "CVSS3 Temporal",
  "Threat",
  "Impact",
  "Solution",
  "Exploitability",
  "Associated Malware",
  "PCI Vuln",
  "Ticket State",
  "Instance",
  "OS CPE",
  "Category",
  "Associated Tags",
];
