import { z } from "zod";

import { openQualysDocument } from "./simple-return";
import {
  HOST_ARRAY_PATHS,
  hostBaseShape,
  parseEach,
  readTruncation,
  rejectedHost,
  toHostBase,
  type RejectedRecord,
  type Truncation,
  type VmHostBase,
} from "./vm-common";
import { xmlDateTime, xmlElement, xmlList, xmlText } from "./xml-values";

/**
 * HOST_LIST_OUTPUT from GET/POST /api/2.0/fo/asset/host/?action=list.
 * With details=Basic|All the hosts come as HOST_LIST/HOST; with details=None
 * only their IDs come, as ID_SET/ID and ID_SET/ID_RANGE ("min-max").
 */

export const HOST_LIST_ROOT = "HOST_LIST_OUTPUT";

const ARRAY_PATHS = [...HOST_ARRAY_PATHS, "ID_SET.ID", "ID_SET.ID_RANGE"];

export type VmHost = VmHostBase & {
  firstFoundAt?: string;
  lastActivityAt?: string;
  lastBootAt?: string;
  serialNumber?: string;
  hardwareUuid?: string;
  agentStatus?: string;
  owner?: string;
  comments?: string;
};

const hostSchema = z
  .object({
    ...hostBaseShape,
    FIRST_FOUND_DATE: xmlDateTime,
    LAST_ACTIVITY: xmlDateTime,
    LAST_BOOT: xmlDateTime,
    SERIAL_NUMBER: xmlText,
    HARDWARE_UUID: xmlText,
    AGENT_STATUS: xmlText,
    OWNER: xmlText,
    COMMENTS: xmlText,
  })
  .transform((raw): VmHost => ({
    ...toHostBase(raw),
    firstFoundAt: raw.FIRST_FOUND_DATE,
    lastActivityAt: raw.LAST_ACTIVITY,
    lastBootAt: raw.LAST_BOOT,
    serialNumber: raw.SERIAL_NUMBER,
    hardwareUuid: raw.HARDWARE_UUID,
    agentStatus: raw.AGENT_STATUS,
    owner: raw.OWNER,
    comments: raw.COMMENTS,
  }));

const idSetSchema = xmlElement({ ID: xmlList(xmlText), ID_RANGE: xmlList(xmlText) }).optional();

export type VmHostIdRange = { min: string; max: string };

export type VmHostPage = Truncation & {
  datetime?: string;
  hosts: VmHost[];
  /** details=None: single host IDs. */
  hostIds: string[];
  /** details=None: contiguous ID ranges Qualys collapses IDs into. */
  hostIdRanges: VmHostIdRange[];
  rejected: RejectedRecord[];
};

export function parseHostListPage(
  xml: string,
  options: { maxChars?: number; httpStatus?: number } = {},
): VmHostPage {
  const response = openQualysDocument(xml, HOST_LIST_ROOT, { ...options, arrayPaths: ARRAY_PATHS });
  const rejected: RejectedRecord[] = [];
  const hostList = response.HOST_LIST;
  const hosts = parseEach(
    typeof hostList === "object" && !Array.isArray(hostList) ? hostList.HOST : undefined,
    hostSchema,
    (index, reason, raw) => rejected.push(rejectedHost(index, reason, raw)),
  );
  const idSet = idSetSchema.parse(response.ID_SET);
  const hostIds = (idSet?.ID ?? []).filter((id): id is string => id !== undefined);
  const hostIdRanges = (idSet?.ID_RANGE ?? []).flatMap((range) => {
    const match = range && /^(\d+)\s*-\s*(\d+)$/.exec(range);
    return match ? [{ min: match[1], max: match[2] }] : [];
  });
  return {
    datetime: xmlDateTime.safeParse(response.DATETIME).data,
    hosts,
    hostIds,
    hostIdRanges,
    rejected,
    ...readTruncation(response),
  };
}
