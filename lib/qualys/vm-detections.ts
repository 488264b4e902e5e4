import { z } from "zod";

import { openQualysDocument } from "./simple-return";
import {
  HOST_ARRAY_PATHS,
  hostBaseShape,
  parseEach,
  peekQid,
  readTruncation,
  rejectedHost,
  toHostBase,
  type RejectedRecord,
  type Truncation,
  type VmHostBase,
} from "./vm-common";
import {
  xmlAttribute,
  xmlDateTime,
  xmlDecimal,
  xmlElement,
  xmlFlag,
  xmlInt,
  xmlList,
  xmlRequiredInt,
  xmlText,
} from "./xml-values";

/**
 * HOST_LIST_VM_DETECTION_OUTPUT from /api/2.0/fo/asset/host/vm/detection/.
 * One call returns one page of at most truncation_limit hosts, so a page is
 * parsed as a whole string; the caller streams pages by following nextUrl.
 */

export const DETECTION_ROOT = "HOST_LIST_VM_DETECTION_OUTPUT";

const ARRAY_PATHS = [...HOST_ARRAY_PATHS, "DETECTION_LIST.DETECTION", "QDS_FACTORS.QDS_FACTOR"];

export type VmDetection = {
  uniqueVulnId?: string;
  qid: number;
  /** Confirmed, Potential or Info. */
  type?: string;
  severity?: number;
  port?: number;
  protocol?: string;
  fqdn?: string;
  ssl?: boolean;
  instance?: string;
  service?: string;
  results?: string;
  /** New, Active, Fixed or Re-Opened. */
  status?: string;
  firstFoundAt?: string;
  lastFoundAt?: string;
  lastTestAt?: string;
  lastUpdateAt?: string;
  lastFixedAt?: string;
  firstReopenedAt?: string;
  lastReopenedAt?: string;
  lastProcessedAt?: string;
  timesFound?: number;
  timesReopened?: number;
  isIgnored?: boolean;
  isDisabled?: boolean;
  affectRunningKernel?: boolean;
  affectRunningService?: boolean;
  affectExploitableConfig?: boolean;
  /** Qualys Detection Score, 1–100, with its band (LOW … CRITICAL) when given. */
  qds?: { score: number; severity?: string };
  qdsFactors: { name: string; value?: string }[];
};

export type VmDetectionHost = VmHostBase & { detections: VmDetection[] };

const qdsFactorSchema = z.unknown().transform((raw) => ({
  name: xmlAttribute(raw, "name"),
  value: xmlText.safeParse(raw).data,
}));

const detectionSchema = xmlElement({
  UNIQUE_VULN_ID: xmlText,
  QID: xmlRequiredInt,
  TYPE: xmlText,
  SEVERITY: xmlInt,
  PORT: xmlInt,
  PROTOCOL: xmlText,
  FQDN: xmlText,
  SSL: xmlFlag,
  INSTANCE: xmlText,
  SERVICE: xmlText,
  RESULTS: xmlText,
  STATUS: xmlText,
  FIRST_FOUND_DATETIME: xmlDateTime,
  LAST_FOUND_DATETIME: xmlDateTime,
  LAST_TEST_DATETIME: xmlDateTime,
  LAST_UPDATE_DATETIME: xmlDateTime,
  LAST_FIXED_DATETIME: xmlDateTime,
  FIRST_REOPENED_DATETIME: xmlDateTime,
  LAST_REOPENED_DATETIME: xmlDateTime,
  LAST_PROCESSED_DATETIME: xmlDateTime,
  TIMES_FOUND: xmlInt,
  TIMES_REOPENED: xmlInt,
  IS_IGNORED: xmlFlag,
  IS_DISABLED: xmlFlag,
  AFFECT_RUNNING_KERNEL: xmlFlag,
  AFFECT_RUNNING_SERVICE: xmlFlag,
  AFFECT_EXPLOITABLE_CONFIG: xmlFlag,
  QDS: z.unknown().optional(),
  QDS_FACTORS: xmlElement({ QDS_FACTOR: xmlList(qdsFactorSchema) }).optional(),
}).transform((raw): VmDetection => {
  const qdsScore = xmlDecimal.safeParse(raw.QDS).data;
  return {
    uniqueVulnId: raw.UNIQUE_VULN_ID,
    qid: raw.QID,
    type: raw.TYPE,
    severity: raw.SEVERITY,
    port: raw.PORT,
    protocol: raw.PROTOCOL,
    fqdn: raw.FQDN,
    ssl: raw.SSL,
    instance: raw.INSTANCE,
    service: raw.SERVICE,
    results: raw.RESULTS,
    status: raw.STATUS,
    firstFoundAt: raw.FIRST_FOUND_DATETIME,
    lastFoundAt: raw.LAST_FOUND_DATETIME,
    lastTestAt: raw.LAST_TEST_DATETIME,
    lastUpdateAt: raw.LAST_UPDATE_DATETIME,
    lastFixedAt: raw.LAST_FIXED_DATETIME,
    firstReopenedAt: raw.FIRST_REOPENED_DATETIME,
    lastReopenedAt: raw.LAST_REOPENED_DATETIME,
    lastProcessedAt: raw.LAST_PROCESSED_DATETIME,
    timesFound: raw.TIMES_FOUND,
    timesReopened: raw.TIMES_REOPENED,
    isIgnored: raw.IS_IGNORED,
    isDisabled: raw.IS_DISABLED,
    affectRunningKernel: raw.AFFECT_RUNNING_KERNEL,
    affectRunningService: raw.AFFECT_RUNNING_SERVICE,
    affectExploitableConfig: raw.AFFECT_EXPLOITABLE_CONFIG,
    qds:
      qdsScore === undefined
        ? undefined
        : { score: qdsScore, severity: xmlAttribute(raw.QDS, "severity") },
    qdsFactors: (raw.QDS_FACTORS?.QDS_FACTOR ?? []).flatMap((factor) =>
      factor.name ? [{ name: factor.name, value: factor.value }] : [],
    ),
  };
});

// The detection list stays unparsed here so each detection can be checked on
// its own in parseDetectionPage.
const detectionHostSchema = z.object({
  ...hostBaseShape,
  DETECTION_LIST: xmlElement({ DETECTION: z.unknown().optional() }).optional(),
});

/** Validates raw HOST elements (XML, or CSV rows shaped like them); bad records go to `rejected`. */
export function readDetectionHosts(items: unknown, rejected: RejectedRecord[]): VmDetectionHost[] {
  const rawHosts = parseEach(items, detectionHostSchema, (index, reason, raw) =>
    rejected.push(rejectedHost(index, reason, raw)),
  );
  return rawHosts.map((raw): VmDetectionHost => {
    const detections = parseEach(
      raw.DETECTION_LIST?.DETECTION,
      detectionSchema,
      (index, reason, rawDetection) =>
        rejected.push({
          kind: "detection",
          index,
          hostId: raw.ID,
          qid: peekQid(rawDetection),
          reason,
        }),
    );
    return { ...toHostBase(raw), detections };
  });
}

export type VmDetectionPage = Truncation & {
  datetime?: string;
  hosts: VmDetectionHost[];
  rejected: RejectedRecord[];
};

export function parseDetectionPage(
  xml: string,
  options: { maxChars?: number; httpStatus?: number } = {},
): VmDetectionPage {
  const response = openQualysDocument(xml, DETECTION_ROOT, { ...options, arrayPaths: ARRAY_PATHS });
  const rejected: RejectedRecord[] = [];
  const hostList = response.HOST_LIST;
  const hosts = readDetectionHosts(
    typeof hostList === "object" && !Array.isArray(hostList) ? hostList.HOST : undefined,
    rejected,
  );
  return {
    datetime: xmlDateTime.safeParse(response.DATETIME).data,
    hosts,
    rejected,
    ...readTruncation(response),
  };
}
