import { isIP } from "node:net";

import type { findingStatuses, findingTypes } from "@/lib/datamodels/vulnerability-finding";
import {
  compact,
  dateOrUndefined,
  ipOrUndefined,
  withIdentityHints,
  type HostAssetRecordValue,
} from "@/lib/qualys/host-asset-hints";
import type { KnowledgeBaseVuln } from "@/lib/qualys/knowledge-base";
import type { VmHostBase } from "@/lib/qualys/vm-common";
import type { VmDetection } from "@/lib/qualys/vm-detections";
import type { VmHost } from "@/lib/qualys/vm-hosts";

/**
 * Qualys VM hosts and detections → Host Asset and Vulnerability Finding
 * records. One finding per host × detection: a QID found on two ports is two
 * findings, each with its port and protocol.
 */

const TYPES: Record<string, (typeof findingTypes)[number]> = {
  confirmed: "CONFIRMED",
  potential: "POTENTIAL",
  info: "INFO",
};

const STATUSES: Record<string, (typeof findingStatuses)[number]> = {
  new: "NEW",
  active: "ACTIVE",
  "re-opened": "REOPENED",
  reopened: "REOPENED",
  fixed: "FIXED",
};

function wholeInRange(value: number | undefined, min: number, max: number): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  const rounded = Math.round(value);
  return rounded >= min && rounded <= max ? rounded : undefined;
}

function cvss(value: number | undefined): number | undefined {
  return value !== undefined && value >= 0 && value <= 10 ? value : undefined;
}

function hostIdentity(host: VmHostBase) {
  const ipv4 = ipOrUndefined(host.ip);
  const ipv6 = host.ipv6?.trim() && isIP(host.ipv6.trim()) === 6 ? host.ipv6.trim() : undefined;
  const ipAddresses = [ipv4, ipv6].filter((address): address is string => !!address);
  return {
    ip: ipv4,
    ipAddresses: ipAddresses.length > 0 ? ipAddresses : undefined,
    ipv6,
    dnsName: host.dns ?? host.fqdn,
    fqdn: host.fqdn,
    netbiosName: host.netbios,
    hostId: host.id,
    assetId: host.assetId,
    os: host.os,
    osCpe: host.osCpe,
    trackingMethod: host.trackingMethod,
    network: host.networkId,
    tags: host.tags.length > 0 ? host.tags.map((tag) => tag.name) : undefined,
    // Qualys scores asset criticality 1–5; anything else is not that score.
    assetCriticality: wholeInRange(host.assetCriticalityScore, 1, 5),
    truRiskScore: wholeInRange(host.truRiskScore, 0, Number.MAX_SAFE_INTEGER),
  };
}

export function detectionToFindingRecord(
  host: VmHostBase,
  detection: VmDetection,
  knowledge: KnowledgeBaseVuln | undefined,
): Record<string, unknown> {
  return compact({
    ...hostIdentity(host),
    qid: detection.qid,
    title: knowledge?.title,
    severity: detection.severity ?? knowledge?.severity,
    type: detection.type ? TYPES[detection.type.toLowerCase()] : undefined,
    status: detection.status ? STATUSES[detection.status.toLowerCase()] : undefined,
    cves: knowledge?.cves.length ? knowledge.cves.map((cve) => cve.id) : undefined,
    cvssBase: cvss(knowledge?.cvss?.base),
    cvss3Base: cvss(knowledge?.cvssV3?.base),
    cvss3Vector: knowledge?.cvssV3?.vectorString,
    qds: wholeInRange(detection.qds?.score, 0, 100),
    port: wholeInRange(detection.port, 0, 65535),
    protocol: detection.protocol,
    ssl: detection.ssl,
    instance: detection.instance,
    firstDetected: dateOrUndefined(detection.firstFoundAt),
    lastDetected: dateOrUndefined(detection.lastFoundAt),
    lastFixed: dateOrUndefined(detection.lastFixedAt),
    timesDetected: wholeInRange(detection.timesFound, 0, Number.MAX_SAFE_INTEGER),
    ignored: detection.isIgnored,
    disabled: detection.isDisabled,
    pciVuln: knowledge?.pciFlag,
    vendorReferences: knowledge?.vendorReferences.length
      ? knowledge.vendorReferences.map((reference) => reference.id)
      : undefined,
    bugtraqIds: knowledge?.bugtraqs.length
      ? knowledge.bugtraqs.map((reference) => reference.id)
      : undefined,
    results: detection.results,
    threat: knowledge?.threat,
    impact: knowledge?.impact,
    solution: knowledge?.solution,
    category: knowledge?.category,
  });
}

export function vmHostToHostAssetRecord(host: VmHost): HostAssetRecordValue {
  const ipv4 = ipOrUndefined(host.ip);
  const ipv6 = ipOrUndefined(host.ipv6);
  const record: HostAssetRecordValue = compact({
    hostId: host.id,
    dnsName: host.dns ?? host.fqdn,
    netbiosName: host.netbios,
    bios:
      host.serialNumber || host.lastBootAt
        ? compact({ serialNumber: host.serialNumber, lastBoot: dateOrUndefined(host.lastBootAt) })
        : undefined,
    operatingSystem: host.os ? { name: host.os } : undefined,
    networkInterfaces:
      ipv4 || ipv6 ? [compact({ ipv4Address: ipv4, ipv6Address: ipv6 })] : undefined,
  });
  return withIdentityHints(record, {
    assetId: host.assetId,
    cloudInstanceId: host.ec2InstanceId ?? host.cloudResourceId,
  });
}
