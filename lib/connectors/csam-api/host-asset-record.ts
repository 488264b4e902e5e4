import { isIP } from "node:net";

import type { CsamHostAsset } from "@/lib/qualys/csam";
import {
  compact,
  dateOrUndefined,
  ipOrUndefined,
  type HostAssetRecordValue,
} from "@/lib/qualys/host-asset-hints";

/**
 * CSAM asset → Host Asset record, attribute for attribute as in the CSAM
 * connector's out-of-box transform map, plus the asset id, cloud instance
 * and tag names the identification rules and inventory read. Datetimes become Date objects and
 * IP-typed attributes keep only real addresses, as the model's record schema
 * requires; IDs stay strings because CSAM's exceed 2^53.
 */

function integer(value: number | undefined): number | undefined {
  return value === undefined || !Number.isFinite(value) ? undefined : Math.round(value);
}

export function csamToHostAssetRecord(asset: CsamHostAsset): HostAssetRecordValue {
  const interfaces = asset.networkInterfaces.map((nic) =>
    compact({
      name: nic.name,
      hostname: nic.hostname,
      ipv4Address: ipOrUndefined(nic.ipv4),
      ipv6Address: ipOrUndefined(nic.ipv6),
      addresses: nic.addresses,
      macAddress: nic.macAddress,
      gatewayAddress: ipOrUndefined(nic.gatewayAddress),
    }),
  );
  // The asset's primary address is not always among its listed interfaces;
  // keep it so the IP rule can still match the host.
  const primary = ipOrUndefined(asset.address);
  if (
    primary &&
    !interfaces.some((nic) => nic.ipv4Address === primary || nic.ipv6Address === primary)
  ) {
    interfaces.unshift(isIP(primary) === 4 ? { ipv4Address: primary } : { ipv6Address: primary });
  }

  const cloud = asset.cloud;
  const record: HostAssetRecordValue = compact({
    assetId: asset.assetId,
    assetUuid: asset.assetUuid,
    hostId: asset.hostId,
    dnsName: asset.dnsName,
    netbiosName: asset.netbiosName,
    lastLoggedOnUser: asset.lastLoggedOnUser,
    isContainer: asset.isContainerHost,
    cloudInstanceId: cloud?.instanceId,
    cloudProvider: compact({
      name: cloud?.provider,
      accountId: cloud?.accountId,
      region: cloud?.region,
      zone: cloud?.zone,
      instanceType: cloud?.instanceType,
      imageId: cloud?.imageId,
      instanceState: cloud?.state,
      privateIpAddress: ipOrUndefined(cloud?.privateIpAddress),
      publicIpAddress: ipOrUndefined(cloud?.publicIpAddress),
    }),
    tags: asset.tags.length > 0 ? [...new Set(asset.tags.map((tag) => tag.name))] : undefined,
    bios: compact({
      description: asset.biosDescription,
      lastBoot: dateOrUndefined(asset.lastBootAt),
      timeZone: asset.timeZone,
      serialNumber: asset.biosSerialNumber,
      assetTag: asset.biosAssetTag,
    }),
    hardware: compact({
      totalMemory: integer(asset.totalMemory),
      manufacturer: asset.hardwareManufacturer,
      model: asset.hardwareModel,
    }),
    operatingSystem: compact({
      name: asset.osFullName ?? asset.osName,
      version: asset.osVersion,
      architecture: asset.osArchitecture,
      publisher: asset.osPublisher,
    }),
    openPorts: asset.openPorts.map((port) =>
      compact({
        port: integer(port.port),
        description: port.description,
        protocol: port.protocol,
        detectedService: port.detectedService,
        firstFound: dateOrUndefined(port.firstFoundAt),
        lastUpdated: dateOrUndefined(port.lastUpdatedAt),
        authorization: port.authorization,
      }),
    ),
    networkInterfaces: interfaces,
    software: asset.software.map((item) =>
      compact({
        name: item.name,
        version: item.version,
        lastUpdated: dateOrUndefined(item.lastUpdatedAt),
        publisher: item.publisher,
        language: item.language,
        type: item.type,
        installPath: item.installPath,
        lastUsed: dateOrUndefined(item.lastUsedAt),
      }),
    ),
    volumes: asset.volumes.map((volume) =>
      compact({ name: volume.name, size: integer(volume.size), free: integer(volume.free) }),
    ),
    services: asset.services.map((service) =>
      compact({ name: service.name, status: service.status, description: service.description }),
    ),
    businessInfo: compact({
      operationStatus: asset.business.operationalStatus,
      environment: asset.business.environment,
      company: asset.business.company,
      department: asset.business.department,
      ownedBy: asset.business.ownedBy,
      managedBy: asset.business.managedBy,
      supportedBy: asset.business.supportedBy,
      supportedGroup: asset.business.supportGroup,
    }),
    location: compact({ ...asset.assignedLocation }),
    businessApps: asset.businessApps.map((app) =>
      compact({
        id: app.id,
        name: app.name,
        environment: app.environment,
        managedBy: app.managedBy,
        ownedBy: app.ownedBy,
        supportedBy: app.supportedBy,
        supportedGroup: app.supportGroup,
      }),
    ),
    customAttributes: asset.customAttributes.map((attribute) =>
      compact({ key: attribute.key, value: attribute.value }),
    ),
  });
  for (const key of [
    "bios",
    "hardware",
    "operatingSystem",
    "cloudProvider",
    "businessInfo",
    "location",
  ] as const) {
    if (Object.keys(record[key] as object).length === 0) delete record[key];
  }
  return record;
}
