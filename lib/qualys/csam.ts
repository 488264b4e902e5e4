import { z } from "zod";

import { parseJsonLosslessly } from "./lossless-json";

/**
 * CSAM (Global AssetView) asset search:
 *   POST {gateway}/rest/2.0/search/am/asset?pageSize=300&lastSeenAssetId=N
 *   Authorization: Bearer <token from POST {gateway}/auth>
 *
 * Paging is keyset paging: each page names the last asset ID it returned and
 * `hasMore`; the next request passes that ID as lastSeenAssetId. IDs can
 * exceed 2^53, so every ID is parsed losslessly and carried as a string.
 */

export const CSAM_SEARCH_PATH = "/rest/2.0/search/am/asset";
export const CSAM_DEFAULT_PAGE_SIZE = 300;

/**
 * Filter fields. The CSAM connector guide only says a profile's tag filter is
 * a comma-separated list of tag names; it does not show the request body.
 * These follow the QQL-style `filters` body of the CSAM v2 search API
 * (`{"filters":[{"field","operator","value"}]}`), with IN taking a
 * comma-separated list. The "updated since" field name is our reading of
 * that API and lives here so it can be corrected in one place.
 */
export const CSAM_TAG_FIELD = "tags.name";
export const CSAM_UPDATED_SINCE_FIELD = "asset.lastUpdated";

export type CsamFilter = {
  field: string;
  operator: "IN" | "EQUALS" | "GREATER" | "LESSER";
  value: string;
};
export type CsamSearchBody = { filters: CsamFilter[] };

/** Splits a profile's tag filter ("eval-214027-test, exec-220563") into names. */
export function parseTagFilter(tagFilter: string | undefined): string[] {
  if (!tagFilter) return [];
  const names = tagFilter
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return [...new Set(names)];
}

/**
 * The search body for a run, or `undefined` when nothing is filtered: the
 * API then returns every asset, and sending no body is the widely used form.
 */
export function buildCsamSearchBody(options: {
  tagNames?: readonly string[];
  updatedSince?: Date | string;
}): CsamSearchBody | undefined {
  const filters: CsamFilter[] = [];
  const tagNames = [
    ...new Set((options.tagNames ?? []).map((name) => name.trim()).filter(Boolean)),
  ];
  if (tagNames.length > 0)
    filters.push({ field: CSAM_TAG_FIELD, operator: "IN", value: tagNames.join(",") });
  if (options.updatedSince !== undefined) {
    const since = new Date(options.updatedSince);
    if (Number.isNaN(since.getTime()))
      throw new Error(`updatedSince is not a date: ${String(options.updatedSince)}`);
    // Second precision: the API's date filters do not take milliseconds.
    filters.push({
      field: CSAM_UPDATED_SINCE_FIELD,
      operator: "GREATER",
      value: since.toISOString().replace(/\.\d{3}Z$/, "Z"),
    });
  }
  return filters.length > 0 ? { filters } : undefined;
}

export function csamSearchUrl(
  baseUrl: string,
  options: { lastSeenAssetId?: string; pageSize?: number } = {},
): string {
  const url = new URL(baseUrl);
  // Append rather than resolve, so a gateway mounted under a path prefix keeps it.
  url.pathname = `${url.pathname.replace(/\/+$/, "")}${CSAM_SEARCH_PATH}`;
  url.search = "";
  url.searchParams.set("pageSize", String(options.pageSize ?? CSAM_DEFAULT_PAGE_SIZE));
  url.searchParams.set("lastSeenAssetId", options.lastSeenAssetId ?? "0");
  return url.toString();
}

// ---------------------------------------------------------------------------
// Response envelope

export class CsamApiError extends Error {
  constructor(
    readonly responseCode: string | undefined,
    readonly responseMessage: string | undefined,
  ) {
    super(
      `CSAM asset search failed: ${responseCode ?? "no response code"}${responseMessage ? ` (${responseMessage})` : ""}`,
    );
    this.name = "CsamApiError";
  }
}

// The field readers below take any JSON value and coerce what they can,
// instead of zod unions: a union per field made parsing an asset cost about
// half a millisecond, which capped a run near 1,500 assets/s. A value of the
// wrong kind (an object where text belongs) reads as absent.
const blank = (value: unknown) => value === null || value === undefined || value === "";

const idLike = z
  .unknown()
  .transform((value): string | undefined =>
    blank(value) || (typeof value !== "string" && typeof value !== "number")
      ? undefined
      : String(value),
  )
  .optional();

const numberLike = z
  .unknown()
  .transform((value): number | undefined => {
    if (blank(value) || (typeof value !== "string" && typeof value !== "number")) return undefined;
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  })
  .optional();

const text = z
  .unknown()
  .transform((value): string | undefined =>
    blank(value) ||
    (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
      ? undefined
      : String(value),
  )
  .optional();

const flag = z
  .unknown()
  .transform((value): boolean | undefined => {
    if (blank(value)) return undefined;
    if (typeof value === "boolean") return value;
    if (typeof value !== "number" && typeof value !== "string") return undefined;
    return value === 1 || value === "1" || String(value).toLowerCase() === "true";
  })
  .optional();

/** CSAM mixes ISO strings and epoch milliseconds; 0 means "never". */
const dateLike = z
  .unknown()
  .transform((value): string | undefined => {
    if (blank(value) || value === 0 || value === "0") return undefined;
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    const millis =
      typeof value === "number" || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(millis) ? new Date(millis).toISOString() : undefined;
  })
  .optional();

const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);

const object = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish();

export const csamPageSchema = z.object({
  responseCode: z.string().nullish(),
  responseMessage: z.string().nullish(),
  count: numberLike,
  hasMore: flag,
  lastSeenAssetId: idLike,
  assetListData: object({ asset: listOf(z.unknown()) }),
});

export type CsamPage = {
  count: number;
  /** Raw assets with IDs as strings, for storing the source record as sent. */
  assets: unknown[];
  hasMore: boolean;
  /** False when the response left out hasMore and it was inferred from the page size. */
  hasMoreReported: boolean;
  /** Pass as lastSeenAssetId for the next page; undefined when there is none. */
  nextLastSeenAssetId?: string;
};

function largestId(ids: (string | undefined)[]): string | undefined {
  let best: bigint | undefined;
  for (const id of ids) {
    if (id === undefined || !/^-?\d+$/.test(id)) continue;
    const value = BigInt(id);
    if (best === undefined || value > best) best = value;
  }
  return best?.toString();
}

/**
 * Parses one page. `pageSize` is what was requested; it is only used when
 * the response omits `hasMore` (seen intermittently in the wild), where a
 * full page is taken to mean there may be more.
 */
export function parseCsamPage(body: string, options: { pageSize?: number } = {}): CsamPage {
  // An HTTP 204 arrives with an empty body and means there are no more assets.
  if (body.trim() === "") return { count: 0, assets: [], hasMore: false, hasMoreReported: false };
  const envelope = csamPageSchema.parse(parseJsonLosslessly(body));
  if (envelope.responseCode && envelope.responseCode !== "SUCCESS") {
    throw new CsamApiError(envelope.responseCode, envelope.responseMessage ?? undefined);
  }
  const assets = envelope.assetListData?.asset ?? [];
  const pageSize = options.pageSize ?? CSAM_DEFAULT_PAGE_SIZE;
  const hasMoreReported = envelope.hasMore !== undefined;
  const hasMore = envelope.hasMore ?? assets.length >= pageSize;
  const assetIds = assets.map(
    (asset) => idLike.safeParse((asset as { assetId?: unknown } | null)?.assetId).data,
  );
  const nextLastSeenAssetId = hasMore
    ? (envelope.lastSeenAssetId ?? largestId(assetIds))
    : undefined;
  return {
    count: envelope.count ?? assets.length,
    assets,
    hasMore: hasMore && nextLastSeenAssetId !== undefined,
    hasMoreReported,
    nextLastSeenAssetId,
  };
}

// ---------------------------------------------------------------------------
// Asset → flat Host Asset record

const cloudBlock = z.record(z.string(), z.unknown()).nullish();

const csamAssetSchema = z.object({
  assetId: idLike,
  assetUUID: text,
  hostId: idLike,
  agentId: text,
  assetName: text,
  assetType: text,
  address: text,
  dnsName: text,
  netbiosName: text,
  timeZone: text,
  biosDescription: text,
  biosSerialNumber: text,
  biosAssetTag: text,
  hwUUID: text,
  lastBoot: dateLike,
  totalMemory: numberLike,
  cpuCount: numberLike,
  lastLoggedOnUser: text,
  domainRole: text,
  isContainerHost: flag,
  createdDate: dateLike,
  lastModifiedDate: dateLike,
  sensorLastUpdatedDate: dateLike,
  riskScore: numberLike,
  operatingSystem: object({
    osName: text,
    fullName: text,
    category: text,
    category1: text,
    category2: text,
    publisher: text,
    edition: text,
    version: text,
    architecture: text,
    cpe: text,
    lifecycle: object({ stage: text, eolDate: dateLike, eosDate: dateLike }),
  }),
  hardware: object({
    fullName: text,
    category: text,
    manufacturer: text,
    model: text,
    productName: text,
  }),
  processor: object({ description: text, speed: numberLike, numCPUs: numberLike }),
  networkInterfaceListData: object({
    networkInterface: listOf(
      z.object({
        interfaceName: text,
        hostname: text,
        addressIpV4: text,
        addressIpV6: text,
        addresses: text,
        macAddress: text,
        gatewayAddress: text,
        dnsAddress: text,
        manufacturer: text,
      }),
    ),
  }),
  openPortListData: object({
    openPort: listOf(
      z.object({
        port: numberLike,
        protocol: text,
        description: text,
        detectedService: text,
        firstFound: dateLike,
        lastUpdated: dateLike,
        authorization: text,
      }),
    ),
  }),
  softwareListData: object({
    software: listOf(
      z.object({
        id: idLike,
        fullName: text,
        productName: text,
        publisher: text,
        version: text,
        language: text,
        softwareType: text,
        category: text,
        installPath: text,
        installDate: dateLike,
        lastUpdated: dateLike,
        lastUseDate: dateLike,
        isIgnored: flag,
        lifecycle: object({ stage: text, eolDate: dateLike }),
      }),
    ),
  }),
  volumeListData: object({
    volume: listOf(z.object({ name: text, size: numberLike, free: numberLike })),
  }),
  serviceList: object({
    service: listOf(z.object({ name: text, status: text, description: text })),
  }),
  tagList: object({
    tag: listOf(
      z.object({
        tagId: idLike,
        tagName: text,
        criticalityScore: numberLike,
        businessImpact: text,
      }),
    ),
  }),
  provider: text,
  cloudProvider: object({
    aws: cloudBlock,
    azure: cloudBlock,
    gcp: cloudBlock,
    oci: cloudBlock,
    ibm: cloudBlock,
    alibaba: cloudBlock,
  }),
  agent: object({ version: text, lastCheckedIn: dateLike, lastActivity: dateLike }),
  criticality: object({ score: numberLike }),
  businessInformation: object({
    operationalStatus: text,
    environment: text,
    company: text,
    department: text,
    ownedBy: text,
    managedBy: text,
    supportedBy: text,
    supportGroup: text,
  }),
  assignedLocation: object({ name: text, city: text, state: text, country: text }),
  businessAppListData: object({
    businessApp: listOf(
      z.object({
        id: idLike,
        name: text,
        environment: text,
        managedBy: text,
        ownedBy: text,
        supportedBy: text,
        supportGroup: text,
      }),
    ),
  }),
  customAttributes: listOf(z.object({ key: text, value: text, connectorName: text })),
});

export type CsamCloudInfo = {
  provider: string;
  instanceId?: string;
  accountId?: string;
  region?: string;
  zone?: string;
  instanceType?: string;
  imageId?: string;
  state?: string;
  privateIpAddress?: string;
  publicIpAddress?: string;
  tags: { key: string; value?: string }[];
};

export type CsamHostAsset = {
  assetId: string;
  assetUuid?: string;
  hostId?: string;
  agentId?: string;
  assetName?: string;
  assetType?: string;
  address?: string;
  dnsName?: string;
  netbiosName?: string;
  timeZone?: string;
  biosDescription?: string;
  biosSerialNumber?: string;
  biosAssetTag?: string;
  hardwareUuid?: string;
  lastBootAt?: string;
  totalMemory?: number;
  cpuCount?: number;
  lastLoggedOnUser?: string;
  domainRole?: string;
  isContainerHost?: boolean;
  createdAt?: string;
  lastModifiedAt?: string;
  lastSeenAt?: string;
  riskScore?: number;
  criticalityScore?: number;
  osName?: string;
  osFullName?: string;
  osCategory?: string;
  osVersion?: string;
  osArchitecture?: string;
  osPublisher?: string;
  osEdition?: string;
  osCpe?: string;
  osLifecycleStage?: string;
  osEndOfLifeAt?: string;
  hardwareManufacturer?: string;
  hardwareModel?: string;
  hardwareCategory?: string;
  processorDescription?: string;
  agentVersion?: string;
  agentLastCheckedInAt?: string;
  /** Every IPv4/IPv6 address the asset reported, deduplicated. */
  ipAddresses: string[];
  macAddresses: string[];
  networkInterfaces: {
    name?: string;
    hostname?: string;
    ipv4?: string;
    ipv6?: string;
    addresses?: string;
    macAddress?: string;
    gatewayAddress?: string;
    dnsAddress?: string;
    manufacturer?: string;
  }[];
  openPorts: {
    port: number;
    protocol?: string;
    description?: string;
    detectedService?: string;
    firstFoundAt?: string;
    lastUpdatedAt?: string;
    authorization?: string;
  }[];
  software: {
    id?: string;
    name: string;
    productName?: string;
    version?: string;
    publisher?: string;
    language?: string;
    type?: string;
    category?: string;
    installPath?: string;
    installedAt?: string;
    lastUpdatedAt?: string;
    lastUsedAt?: string;
    isIgnored?: boolean;
    lifecycleStage?: string;
    endOfLifeAt?: string;
  }[];
  volumes: { name?: string; size?: number; free?: number }[];
  services: { name?: string; status?: string; description?: string }[];
  tags: { id?: string; name: string; criticalityScore?: number; businessImpact?: string }[];
  cloud?: CsamCloudInfo;
  business: {
    operationalStatus?: string;
    environment?: string;
    company?: string;
    department?: string;
    ownedBy?: string;
    managedBy?: string;
    supportedBy?: string;
    supportGroup?: string;
  };
  assignedLocation: { name?: string; city?: string; state?: string; country?: string };
  businessApps: {
    id?: string;
    name?: string;
    environment?: string;
    managedBy?: string;
    ownedBy?: string;
    supportedBy?: string;
    supportGroup?: string;
  }[];
  customAttributes: { key: string; value?: string; connectorName?: string }[];
};

export class CsamAssetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsamAssetError";
  }
}

function stringAt(
  record: Record<string, unknown> | undefined,
  ...keys: string[]
): string | undefined {
  for (const key of keys) {
    const value = record?.[key];
    if (typeof value === "string" && value) return value;
    if (typeof value === "number") return String(value);
    // Region blocks look like { code: "us-west-2", name: "US West (Oregon)" }.
    if (value && typeof value === "object" && "code" in value && typeof value.code === "string")
      return value.code;
  }
  return undefined;
}

// Each provider block holds one instance object (aws.ec2, gcp.compute, …)
// plus a tags list. Only the AWS and GCP shapes are known from samples, so the
// instance fields are read by the names those use, with the obvious Azure
// spellings as alternatives.
function cloudInfo(
  provider: string | undefined,
  blocks: Record<string, Record<string, unknown> | null | undefined> | null | undefined,
): CsamCloudInfo | undefined {
  const entry = Object.entries(blocks ?? {}).find(([, block]) => block);
  if (!entry) return undefined;
  const [key, block] = entry as [string, Record<string, unknown>];
  const instance = Object.values(block).find(
    (value): value is Record<string, unknown> =>
      !!value && typeof value === "object" && !Array.isArray(value),
  );
  const rawTags = Array.isArray(block.tags) ? block.tags : [];
  return {
    provider: provider ?? key.toUpperCase(),
    instanceId: stringAt(instance, "instanceId", "vmId", "id"),
    accountId: stringAt(instance, "accountId", "subscriptionId", "projectId"),
    region: stringAt(instance, "region", "location"),
    zone: stringAt(instance, "availabilityZone", "zone"),
    instanceType: stringAt(instance, "instanceType", "machineType", "vmSize"),
    imageId: stringAt(instance, "imageId"),
    state: stringAt(instance, "instanceState", "state"),
    privateIpAddress: stringAt(instance, "privateIpAddress"),
    publicIpAddress: stringAt(instance, "publicIpAddress"),
    tags: rawTags.flatMap((tag) =>
      tag && typeof tag === "object" && typeof tag.key === "string"
        ? [{ key: tag.key, value: typeof tag.value === "string" ? tag.value : undefined }]
        : [],
    ),
  };
}

const MAC_ADDRESS = /^[0-9a-f]{2}([:-][0-9a-f]{2}){5}$/i;

export function toCsamHostAsset(raw: unknown): CsamHostAsset {
  const parsed = csamAssetSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CsamAssetError(
      `CSAM asset is malformed at ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  const asset = parsed.data;
  if (!asset.assetId) throw new CsamAssetError("CSAM asset has no assetId");

  const interfaces = (asset.networkInterfaceListData?.networkInterface ?? []).map((nic) => ({
    name: nic.interfaceName,
    hostname: nic.hostname,
    ipv4: nic.addressIpV4,
    ipv6: nic.addressIpV6,
    addresses: nic.addresses,
    macAddress: nic.macAddress,
    gatewayAddress: nic.gatewayAddress,
    dnsAddress: nic.dnsAddress,
    manufacturer: nic.manufacturer,
  }));
  const ipAddresses = [
    ...new Set(
      [asset.address, ...interfaces.flatMap((nic) => [nic.ipv4, nic.ipv6])].filter(
        (ip): ip is string => !!ip,
      ),
    ),
  ];
  // Samples carry placeholder text in macAddress; only real MACs identify a host.
  const macAddresses = [
    ...new Set(
      interfaces
        .map((nic) => nic.macAddress?.toLowerCase())
        .filter((mac): mac is string => !!mac && MAC_ADDRESS.test(mac)),
    ),
  ];
  const os = asset.operatingSystem;
  const business = asset.businessInformation;
  const location = asset.assignedLocation;

  return {
    assetId: asset.assetId,
    assetUuid: asset.assetUUID,
    hostId: asset.hostId,
    agentId: asset.agentId,
    assetName: asset.assetName,
    assetType: asset.assetType,
    address: asset.address,
    dnsName: asset.dnsName,
    netbiosName: asset.netbiosName,
    timeZone: asset.timeZone,
    biosDescription: asset.biosDescription,
    biosSerialNumber: asset.biosSerialNumber,
    biosAssetTag: asset.biosAssetTag,
    hardwareUuid: asset.hwUUID,
    lastBootAt: asset.lastBoot,
    totalMemory: asset.totalMemory,
    cpuCount: asset.cpuCount,
    lastLoggedOnUser: asset.lastLoggedOnUser,
    domainRole: asset.domainRole,
    isContainerHost: asset.isContainerHost,
    createdAt: asset.createdDate,
    lastModifiedAt: asset.lastModifiedDate,
    lastSeenAt: asset.sensorLastUpdatedDate,
    riskScore: asset.riskScore,
    criticalityScore: asset.criticality?.score,
    osName: os?.osName,
    osFullName: os?.fullName,
    osCategory: os?.category,
    osVersion: os?.version,
    osArchitecture: os?.architecture,
    osPublisher: os?.publisher,
    osEdition: os?.edition,
    osCpe: os?.cpe,
    osLifecycleStage: os?.lifecycle?.stage,
    osEndOfLifeAt: os?.lifecycle?.eolDate,
    hardwareManufacturer: asset.hardware?.manufacturer,
    hardwareModel: asset.hardware?.model,
    hardwareCategory: asset.hardware?.category,
    processorDescription: asset.processor?.description,
    agentVersion: asset.agent?.version,
    agentLastCheckedInAt: asset.agent?.lastCheckedIn,
    ipAddresses,
    macAddresses,
    networkInterfaces: interfaces,
    openPorts: (asset.openPortListData?.openPort ?? []).flatMap((port) =>
      port.port === undefined
        ? []
        : [
            {
              port: port.port,
              protocol: port.protocol,
              description: port.description,
              detectedService: port.detectedService,
              firstFoundAt: port.firstFound,
              lastUpdatedAt: port.lastUpdated,
              authorization: port.authorization,
            },
          ],
    ),
    software: (asset.softwareListData?.software ?? []).flatMap((item) => {
      const name = item.fullName ?? item.productName;
      if (!name) return [];
      return [
        {
          id: item.id,
          name,
          productName: item.productName,
          version: item.version,
          publisher: item.publisher,
          language: item.language,
          type: item.softwareType,
          category: item.category,
          installPath: item.installPath,
          installedAt: item.installDate,
          lastUpdatedAt: item.lastUpdated,
          lastUsedAt: item.lastUseDate,
          isIgnored: item.isIgnored,
          lifecycleStage: item.lifecycle?.stage,
          endOfLifeAt: item.lifecycle?.eolDate,
        },
      ];
    }),
    volumes: (asset.volumeListData?.volume ?? []).map((volume) => ({
      name: volume.name,
      size: volume.size,
      free: volume.free,
    })),
    services: (asset.serviceList?.service ?? []).map((service) => ({
      name: service.name,
      status: service.status,
      description: service.description,
    })),
    tags: (asset.tagList?.tag ?? []).flatMap((tag) =>
      tag.tagName
        ? [
            {
              id: tag.tagId,
              name: tag.tagName,
              criticalityScore: tag.criticalityScore,
              businessImpact: tag.businessImpact,
            },
          ]
        : [],
    ),
    cloud: cloudInfo(
      asset.provider,
      asset.cloudProvider as Record<string, Record<string, unknown> | null> | null,
    ),
    business: {
      operationalStatus: business?.operationalStatus,
      environment: business?.environment,
      company: business?.company,
      department: business?.department,
      ownedBy: business?.ownedBy,
      managedBy: business?.managedBy,
      supportedBy: business?.supportedBy,
      supportGroup: business?.supportGroup,
    },
    assignedLocation: {
      name: location?.name,
      city: location?.city,
      state: location?.state,
      country: location?.country,
    },
    businessApps: (asset.businessAppListData?.businessApp ?? []).map((app) => ({
      id: app.id,
      name: app.name,
      environment: app.environment,
      managedBy: app.managedBy,
      ownedBy: app.ownedBy,
      supportedBy: app.supportedBy,
      supportGroup: app.supportGroup,
    })),
    customAttributes: asset.customAttributes.flatMap((attribute) =>
      attribute.key
        ? [{ key: attribute.key, value: attribute.value, connectorName: attribute.connectorName }]
        : [],
    ),
  };
}
