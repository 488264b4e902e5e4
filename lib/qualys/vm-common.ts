import { z } from "zod";

import type { XmlElement } from "./xml";
import {
  describeIssues,
  xmlDateTime,
  xmlDecimal,
  xmlElement,
  xmlInt,
  xmlList,
  xmlRequiredText,
  xmlText,
} from "./xml-values";

/**
 * Pieces shared by HOST_LIST_OUTPUT and HOST_LIST_VM_DETECTION_OUTPUT: the
 * host fields both outputs carry, and the truncation WARNING that points at
 * the next page.
 */

/** Qualys's code for "more records than truncation_limit; follow URL". */
export const TRUNCATION_WARNING_CODE = 1980;

export const HOST_ARRAY_PATHS = [
  "HOST_LIST.HOST",
  "TAGS.TAG",
  "CLOUD_PROVIDER_TAGS.CLOUD_TAG",
  "EC2.ATTRIBUTE",
  "AZURE.ATTRIBUTE",
  "GOOGLE.ATTRIBUTE",
  "RESPONSE.WARNING",
] as const;

const metadataAttributeSchema = xmlElement({
  NAME: xmlText,
  LAST_STATUS: xmlText,
  VALUE: xmlText,
  LAST_SUCCESS_DATE: xmlDateTime,
  LAST_ERROR_DATE: xmlDateTime,
  LAST_ERROR: xmlText,
});

const metadataProviderSchema = xmlElement({
  ATTRIBUTE: xmlList(metadataAttributeSchema),
}).optional();

export const hostBaseShape = {
  ID: xmlRequiredText,
  ASSET_ID: xmlText,
  IP: xmlText,
  IPV6: xmlText,
  TRACKING_METHOD: xmlText,
  NETWORK_ID: xmlText,
  DNS: xmlText,
  DNS_DATA: xmlElement({ HOSTNAME: xmlText, DOMAIN: xmlText, FQDN: xmlText }).optional(),
  NETBIOS: xmlText,
  OS: xmlText,
  OS_CPE: xmlText,
  QG_HOSTID: xmlText,
  EC2_INSTANCE_ID: xmlText,
  CLOUD_PROVIDER: xmlText,
  CLOUD_SERVICE: xmlText,
  CLOUD_RESOURCE_ID: xmlText,
  LAST_SCAN_DATETIME: xmlDateTime,
  LAST_VULN_SCAN_DATETIME: xmlDateTime,
  LAST_VM_SCANNED_DATE: xmlDateTime,
  LAST_VM_SCANNED_DURATION: xmlInt,
  LAST_VM_AUTH_SCANNED_DATE: xmlDateTime,
  LAST_VM_AUTH_SCANNED_DURATION: xmlInt,
  LAST_PC_SCANNED_DATE: xmlDateTime,
  LAST_COMPLIANCE_SCAN_DATETIME: xmlDateTime,
  ASSET_RISK_SCORE: xmlDecimal,
  TRURISK_SCORE: xmlDecimal,
  ASSET_CRITICALITY_SCORE: xmlDecimal,
  TAGS: xmlElement({ TAG: xmlList(xmlElement({ TAG_ID: xmlText, NAME: xmlText })) }).optional(),
  CLOUD_PROVIDER_TAGS: xmlElement({
    CLOUD_TAG: xmlList(
      xmlElement({ NAME: xmlText, VALUE: xmlText, LAST_SUCCESS_DATE: xmlDateTime }),
    ),
  }).optional(),
  METADATA: xmlElement({
    EC2: metadataProviderSchema,
    AZURE: metadataProviderSchema,
    GOOGLE: metadataProviderSchema,
  }).optional(),
};

type RawHostBase = z.output<z.ZodObject<typeof hostBaseShape>>;

export type CloudMetadataAttribute = {
  provider: "EC2" | "AZURE" | "GOOGLE";
  name: string;
  value?: string;
  lastStatus?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
};

export type VmHostBase = {
  id: string;
  assetId?: string;
  ip?: string;
  ipv6?: string;
  trackingMethod?: string;
  networkId?: string;
  dns?: string;
  dnsHostname?: string;
  dnsDomain?: string;
  fqdn?: string;
  netbios?: string;
  os?: string;
  osCpe?: string;
  qgHostId?: string;
  cloudProvider?: string;
  cloudService?: string;
  cloudResourceId?: string;
  ec2InstanceId?: string;
  lastScanAt?: string;
  lastVulnScanAt?: string;
  lastVmScanAt?: string;
  lastVmScanDurationSeconds?: number;
  lastVmAuthScanAt?: string;
  lastVmAuthScanDurationSeconds?: number;
  lastPcScanAt?: string;
  lastComplianceScanAt?: string;
  assetRiskScore?: number;
  truRiskScore?: number;
  assetCriticalityScore?: number;
  tags: { id?: string; name: string }[];
  cloudTags: { name: string; value?: string; lastSuccessAt?: string }[];
  cloudMetadata: CloudMetadataAttribute[];
};

export function toHostBase(raw: RawHostBase): VmHostBase {
  const cloudMetadata: CloudMetadataAttribute[] = [];
  for (const provider of ["EC2", "AZURE", "GOOGLE"] as const) {
    for (const attribute of raw.METADATA?.[provider]?.ATTRIBUTE ?? []) {
      if (!attribute.NAME) continue;
      cloudMetadata.push({
        provider,
        // Metadata names are URL-like paths; Qualys's own samples wrap them
        // across lines, and a path never legitimately contains whitespace.
        name: attribute.NAME.replace(/\s+/g, ""),
        value: attribute.VALUE,
        lastStatus: attribute.LAST_STATUS,
        lastSuccessAt: attribute.LAST_SUCCESS_DATE,
        lastErrorAt: attribute.LAST_ERROR_DATE,
        lastError: attribute.LAST_ERROR,
      });
    }
  }
  return {
    id: raw.ID,
    assetId: raw.ASSET_ID,
    ip: raw.IP,
    ipv6: raw.IPV6,
    trackingMethod: raw.TRACKING_METHOD,
    networkId: raw.NETWORK_ID,
    dns: raw.DNS,
    dnsHostname: raw.DNS_DATA?.HOSTNAME,
    dnsDomain: raw.DNS_DATA?.DOMAIN,
    fqdn: raw.DNS_DATA?.FQDN,
    netbios: raw.NETBIOS,
    os: raw.OS,
    osCpe: raw.OS_CPE,
    qgHostId: raw.QG_HOSTID,
    cloudProvider: raw.CLOUD_PROVIDER,
    cloudService: raw.CLOUD_SERVICE,
    cloudResourceId: raw.CLOUD_RESOURCE_ID,
    ec2InstanceId: raw.EC2_INSTANCE_ID,
    lastScanAt: raw.LAST_SCAN_DATETIME,
    lastVulnScanAt: raw.LAST_VULN_SCAN_DATETIME,
    lastVmScanAt: raw.LAST_VM_SCANNED_DATE,
    lastVmScanDurationSeconds: raw.LAST_VM_SCANNED_DURATION,
    lastVmAuthScanAt: raw.LAST_VM_AUTH_SCANNED_DATE,
    lastVmAuthScanDurationSeconds: raw.LAST_VM_AUTH_SCANNED_DURATION,
    lastPcScanAt: raw.LAST_PC_SCANNED_DATE,
    lastComplianceScanAt: raw.LAST_COMPLIANCE_SCAN_DATETIME,
    assetRiskScore: raw.ASSET_RISK_SCORE,
    truRiskScore: raw.TRURISK_SCORE,
    assetCriticalityScore: raw.ASSET_CRITICALITY_SCORE,
    tags: (raw.TAGS?.TAG ?? []).flatMap((tag) =>
      tag.NAME ? [{ id: tag.TAG_ID, name: tag.NAME }] : [],
    ),
    cloudTags: (raw.CLOUD_PROVIDER_TAGS?.CLOUD_TAG ?? []).flatMap((tag) =>
      tag.NAME ? [{ name: tag.NAME, value: tag.VALUE, lastSuccessAt: tag.LAST_SUCCESS_DATE }] : [],
    ),
    cloudMetadata,
  };
}

export type QualysWarning = { code?: number; text?: string; url?: string };

const warningSchema = xmlElement({ CODE: xmlInt, TEXT: xmlText, URL: xmlText }).transform(
  (warning): QualysWarning => ({ code: warning.CODE, text: warning.TEXT, url: warning.URL }),
);

export type Truncation = {
  warnings: QualysWarning[];
  /** The URL Qualys says returns the next page; absent on the last page. */
  nextUrl?: string;
  /** The `id_min` of nextUrl, for resuming a run from a checkpoint. */
  nextIdMin?: string;
};

export function readTruncation(response: XmlElement): Truncation {
  const warnings = xmlList(warningSchema).parse(response.WARNING);
  const withUrl = warnings.filter((warning) => warning.url);
  const next = withUrl.find((warning) => warning.code === TRUNCATION_WARNING_CODE) ?? withUrl[0];
  if (!next?.url) return { warnings };
  let nextIdMin: string | undefined;
  try {
    nextIdMin = new URL(next.url).searchParams.get("id_min") ?? undefined;
  } catch {
    nextIdMin = undefined;
  }
  return { warnings, nextUrl: next.url, nextIdMin };
}

/**
 * The next-page URL comes from the response body, so a tampered or
 * misrouted response could point the connector anywhere. Only follow it when
 * it stays on the origin the connector was configured with.
 */
export function assertSameOrigin(nextUrl: string, baseUrl: string): URL {
  const next = new URL(nextUrl);
  const base = new URL(baseUrl);
  if (next.origin !== base.origin) {
    throw new Error(
      `Qualys pointed the next page at ${next.origin}, which is not the configured API URL ${base.origin}`,
    );
  }
  return next;
}

export type RejectedRecord = {
  kind: "host" | "detection" | "vuln";
  /** Position in the page (for a detection: within its host). */
  index: number;
  hostId?: string;
  qid?: number;
  reason: string;
};

function peekText(value: unknown, key: string): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" ? field.trim() || undefined : undefined;
}

/**
 * Parses each record on its own so one malformed host or vulnerability
 * becomes a row error instead of failing the whole page.
 */
export function parseEach<S extends z.ZodType>(
  items: unknown,
  schema: S,
  reject: (index: number, reason: string, raw: unknown) => void,
): z.output<S>[] {
  const list = items === undefined || items === "" ? [] : Array.isArray(items) ? items : [items];
  const parsed: z.output<S>[] = [];
  list.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) parsed.push(result.data);
    else reject(index, describeIssues(result.error), item);
  });
  return parsed;
}

export function rejectedHost(index: number, reason: string, raw: unknown): RejectedRecord {
  return { kind: "host", index, hostId: peekText(raw, "ID"), reason };
}

export function peekQid(raw: unknown): number | undefined {
  const qid = peekText(raw, "QID");
  return qid !== undefined && /^\d+$/.test(qid) ? Number(qid) : undefined;
}
