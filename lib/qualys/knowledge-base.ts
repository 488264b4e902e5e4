import { z } from "zod";

import { openQualysDocument } from "./simple-return";
import {
  parseEach,
  peekQid,
  readTruncation,
  type RejectedRecord,
  type Truncation,
} from "./vm-common";
import {
  xmlAttribute,
  xmlDateTime,
  xmlDecimal,
  xmlElement,
  xmlFlag,
  xmlList,
  xmlRequiredInt,
  xmlText,
  xmlInt,
} from "./xml-values";

/**
 * KNOWLEDGE_BASE_VULN_LIST_OUTPUT from /api/2.0/fo/knowledge_base/vuln/.
 * Qualys names the narrative fields DIAGNOSIS, CONSEQUENCE and SOLUTION; the
 * product calls the first two threat and impact, so the record does too.
 * Narrative fields are HTML fragments and are kept as sent; rendering
 * decides how to sanitise them.
 */

export const KNOWLEDGE_BASE_ROOT = "KNOWLEDGE_BASE_VULN_LIST_OUTPUT";

const ARRAY_PATHS = [
  "VULN_LIST.VULN",
  "CVE_LIST.CVE",
  "BUGTRAQ_LIST.BUGTRAQ",
  "VENDOR_REFERENCE_LIST.VENDOR_REFERENCE",
  "SOFTWARE_LIST.SOFTWARE",
  "THREAT_INTELLIGENCE.THREAT_INTEL",
  "AUTH_TYPE_LIST.AUTH_TYPE",
  "RESPONSE.WARNING",
];

export type KnowledgeBaseReference = { id: string; url?: string };

export type CvssScores = {
  base?: number;
  temporal?: number;
  vectorString?: string;
  /** Where the base score came from when Qualys says (e.g. "service", "nvd"). */
  baseSource?: string;
};

export type KnowledgeBaseVuln = {
  qid: number;
  vulnType?: string;
  severity?: number;
  title?: string;
  category?: string;
  technology?: string;
  publishedAt?: string;
  lastServiceModificationAt?: string;
  codeModifiedAt?: string;
  patchable?: boolean;
  patchPublishedAt?: string;
  pciFlag?: boolean;
  isDisabled?: boolean;
  cves: KnowledgeBaseReference[];
  bugtraqs: KnowledgeBaseReference[];
  vendorReferences: KnowledgeBaseReference[];
  software: { product?: string; vendor?: string }[];
  threatIntelligence: { id?: string; text?: string }[];
  /** DIAGNOSIS: how the issue arises and how Qualys detects it. */
  threat?: string;
  /** CONSEQUENCE: what an attacker gains. */
  impact?: string;
  solution?: string;
  cvss?: CvssScores;
  cvssV3?: CvssScores;
  discovery?: { remote?: boolean; authTypes: string[]; additionalInfo?: string };
};

const referenceSchema = xmlElement({ ID: xmlText, URL: xmlText });

function references(list: { ID?: string; URL?: string }[] | undefined): KnowledgeBaseReference[] {
  return (list ?? []).flatMap((reference) =>
    reference.ID ? [{ id: reference.ID, url: reference.URL }] : [],
  );
}

const cvssSchema = xmlElement({
  BASE: z.unknown().optional(),
  TEMPORAL: xmlDecimal,
  VECTOR_STRING: xmlText,
}).transform((raw): CvssScores => ({
  base: xmlDecimal.safeParse(raw.BASE).data,
  baseSource: xmlAttribute(raw.BASE, "source"),
  temporal: raw.TEMPORAL,
  vectorString: raw.VECTOR_STRING,
}));

const vulnSchema = xmlElement({
  QID: xmlRequiredInt,
  VULN_TYPE: xmlText,
  SEVERITY_LEVEL: xmlInt,
  TITLE: xmlText,
  CATEGORY: xmlText,
  TECHNOLOGY: xmlText,
  PUBLISHED_DATETIME: xmlDateTime,
  LAST_SERVICE_MODIFICATION_DATETIME: xmlDateTime,
  CODE_MODIFIED_DATETIME: xmlDateTime,
  PATCHABLE: xmlFlag,
  PATCH_PUBLISHED_DATE: xmlDateTime,
  PCI_FLAG: xmlFlag,
  IS_DISABLED: xmlFlag,
  CVE_LIST: xmlElement({ CVE: xmlList(referenceSchema) }).optional(),
  BUGTRAQ_LIST: xmlElement({ BUGTRAQ: xmlList(referenceSchema) }).optional(),
  VENDOR_REFERENCE_LIST: xmlElement({ VENDOR_REFERENCE: xmlList(referenceSchema) }).optional(),
  SOFTWARE_LIST: xmlElement({
    SOFTWARE: xmlList(xmlElement({ PRODUCT: xmlText, VENDOR: xmlText })),
  }).optional(),
  THREAT_INTELLIGENCE: xmlElement({ THREAT_INTEL: xmlList(z.unknown()) }).optional(),
  DIAGNOSIS: xmlText,
  CONSEQUENCE: xmlText,
  SOLUTION: xmlText,
  CVSS: cvssSchema.optional(),
  CVSS_V3: cvssSchema.optional(),
  DISCOVERY: xmlElement({
    REMOTE: xmlFlag,
    AUTH_TYPE_LIST: xmlElement({ AUTH_TYPE: xmlList(xmlText) }).optional(),
    ADDITIONAL_INFO: xmlText,
  }).optional(),
}).transform((raw): KnowledgeBaseVuln => ({
  qid: raw.QID,
  vulnType: raw.VULN_TYPE,
  severity: raw.SEVERITY_LEVEL,
  title: raw.TITLE,
  category: raw.CATEGORY,
  technology: raw.TECHNOLOGY,
  publishedAt: raw.PUBLISHED_DATETIME,
  lastServiceModificationAt: raw.LAST_SERVICE_MODIFICATION_DATETIME,
  codeModifiedAt: raw.CODE_MODIFIED_DATETIME,
  patchable: raw.PATCHABLE,
  patchPublishedAt: raw.PATCH_PUBLISHED_DATE,
  pciFlag: raw.PCI_FLAG,
  isDisabled: raw.IS_DISABLED,
  cves: references(raw.CVE_LIST?.CVE),
  bugtraqs: references(raw.BUGTRAQ_LIST?.BUGTRAQ),
  vendorReferences: references(raw.VENDOR_REFERENCE_LIST?.VENDOR_REFERENCE),
  software: (raw.SOFTWARE_LIST?.SOFTWARE ?? []).map((item) => ({
    product: item.PRODUCT,
    vendor: item.VENDOR,
  })),
  threatIntelligence: (raw.THREAT_INTELLIGENCE?.THREAT_INTEL ?? []).map((item) => ({
    id: xmlAttribute(item, "id"),
    text: xmlText.safeParse(item).data,
  })),
  threat: raw.DIAGNOSIS,
  impact: raw.CONSEQUENCE,
  solution: raw.SOLUTION,
  cvss: raw.CVSS,
  cvssV3: raw.CVSS_V3,
  discovery: raw.DISCOVERY && {
    remote: raw.DISCOVERY.REMOTE,
    authTypes: (raw.DISCOVERY.AUTH_TYPE_LIST?.AUTH_TYPE ?? []).filter(
      (type): type is string => !!type,
    ),
    additionalInfo: raw.DISCOVERY.ADDITIONAL_INFO,
  },
}));

export type KnowledgeBasePage = Truncation & {
  datetime?: string;
  vulns: KnowledgeBaseVuln[];
  rejected: RejectedRecord[];
};

export function parseKnowledgeBasePage(
  xml: string,
  options: { maxChars?: number; httpStatus?: number } = {},
): KnowledgeBasePage {
  const response = openQualysDocument(xml, KNOWLEDGE_BASE_ROOT, {
    ...options,
    arrayPaths: ARRAY_PATHS,
  });
  const rejected: RejectedRecord[] = [];
  const vulnList = response.VULN_LIST;
  const vulns = parseEach(
    typeof vulnList === "object" && !Array.isArray(vulnList) ? vulnList.VULN : undefined,
    vulnSchema,
    (index, reason, raw) => rejected.push({ kind: "vuln", index, qid: peekQid(raw), reason }),
  );
  return {
    datetime: xmlDateTime.safeParse(response.DATETIME).data,
    vulns,
    rejected,
    ...readTruncation(response),
  };
}
