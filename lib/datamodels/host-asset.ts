import { buildRecordSchema } from "./record-schema";
import type { AttributeDataType, DataModelAttributeDefinition, DataModelDefinition } from "./types";

type Extra = Partial<Omit<DataModelAttributeDefinition, "name" | "label" | "dataType">>;

function attribute(
  name: string,
  label: string,
  dataType: AttributeDataType,
  description: string,
  extra: Extra = {},
): DataModelAttributeDefinition {
  return {
    name,
    label,
    dataType,
    // Every attribute under a `[]` segment is one value per element of that list.
    isList: extra.isList ?? (dataType === "list" || name.includes("[]")),
    required: extra.required ?? false,
    description,
    ...extra,
  };
}

/**
 * The Host Asset model follows the attribute table of the CSAM connector's
 * out-of-box data model, plus the asset id, cloud instance and tags every
 * CSAM asset carries, grouped into objects (bios, operatingSystem, ...) and
 * lists of objects (openPorts[], software[], ...) so one record holds one host.
 */
export const hostAssetAttributes: readonly DataModelAttributeDefinition[] = [
  attribute("assetUuid", "Asset UUID", "string", "Qualys asset UUID, stable across modules.", {
    aliases: ["Asset UUID", "UUID"],
  }),
  attribute(
    "hostId",
    "Host Id",
    "string",
    "Qualys host id; kept as text because ids can exceed 2^53.",
    {
      aliases: ["Host ID", "Host Id", "HostID"],
    },
  ),
  // Asset ID, cloud instance and tags are not rows of the CSAM table, but every
  // CSAM asset carries them and identification rules match on the first two.
  attribute(
    "assetId",
    "Asset ID",
    "string",
    "Qualys asset id; kept as text because ids can exceed 2^53.",
    { aliases: ["Asset ID", "AssetID", "Qualys Asset ID"] },
  ),
  attribute(
    "cloudInstanceId",
    "Cloud Instance ID",
    "string",
    "Instance id the cloud provider gave the host, e.g. an EC2 i-… id.",
    { aliases: ["Cloud Instance ID", "Instance ID", "InstanceId"] },
  ),
  attribute("tags", "Tags", "list", "Names of the asset tags the host carries.", {
    aliases: ["Tags", "Asset Tags"],
  }),
  attribute("dnsName", "DNS Name", "string", "Name the host resolves to in DNS.", {
    aliases: ["DNS", "DNS Name", "Hostname", "Host Name"],
  }),
  attribute("netbiosName", "NetBIOS Name", "string", "Windows NetBIOS name.", {
    aliases: ["NetBIOS", "NetBIOS Name"],
  }),
  attribute(
    "lastLoggedOnUser",
    "Last Logged On User",
    "string",
    "Account of the most recent interactive logon.",
  ),
  attribute("isContainer", "Is Container", "boolean", "Whether the asset is a container host."),

  attribute("bios.description", "Bios Description", "string", "Firmware description string."),
  attribute("bios.lastBoot", "Last BIOS Boot", "datetime", "When the host last booted."),
  attribute("bios.timeZone", "BIOS TimeZone", "string", "Time zone configured on the host."),
  attribute(
    "bios.serialNumber",
    "BIOS Serial Number",
    "string",
    // The vendor's table marks it required, but cloud instances and network-only
    // discoveries have none; identification rules decide what is needed instead.
    "Hardware serial number from the firmware.",
    {
      aliases: ["Serial Number", "BIOS Serial"],
    },
  ),
  attribute("bios.assetTag", "BIOS Asset", "string", "Asset tag stored in the firmware."),

  attribute("hardware.totalMemory", "Total Memory", "integer", "Installed memory in megabytes."),
  attribute("hardware.manufacturer", "Hardware Manufacturer", "string", "Vendor of the machine."),
  attribute("hardware.model", "Hardware Model", "string", "Model name of the machine."),

  attribute(
    "operatingSystem.name",
    "Operating System Name",
    "string",
    "Full operating system name.",
    {
      aliases: ["OS", "Operating System"],
    },
  ),
  attribute(
    "operatingSystem.version",
    "Operating System Version",
    "string",
    "Version or build of the operating system.",
  ),
  attribute(
    "operatingSystem.architecture",
    "Operating System Architecture",
    "string",
    "CPU architecture, e.g. x86_64.",
  ),
  attribute(
    "operatingSystem.publisher",
    "Operating System Publisher",
    "string",
    "Vendor of the operating system.",
  ),

  attribute(
    "cloudProvider.name",
    "Cloud Provider",
    "string",
    "Cloud the instance runs in: AWS, AZURE, GCP, OCI, IBM or ALIBABA.",
  ),
  attribute(
    "cloudProvider.accountId",
    "Cloud Account ID",
    "string",
    "Account, subscription or project that owns the instance.",
  ),
  attribute("cloudProvider.region", "Cloud Region", "string", "Region code, e.g. us-west-2."),
  attribute(
    "cloudProvider.zone",
    "Cloud Availability Zone",
    "string",
    "Availability zone, e.g. us-west-2a.",
  ),
  attribute(
    "cloudProvider.instanceType",
    "Cloud Instance Type",
    "string",
    "Machine size, e.g. m4.large.",
  ),
  attribute("cloudProvider.imageId", "Cloud Image ID", "string", "Image the instance booted from."),
  attribute(
    "cloudProvider.instanceState",
    "Cloud Instance State",
    "string",
    "Instance state the provider reported, e.g. RUNNING.",
  ),
  attribute(
    "cloudProvider.privateIpAddress",
    "Cloud Private IP Address",
    "ip",
    "Private address the provider assigned.",
  ),
  attribute(
    "cloudProvider.publicIpAddress",
    "Cloud Public IP Address",
    "ip",
    "Public address the provider assigned.",
  ),

  attribute("openPorts[].port", "Open Port Number", "integer", "Listening port number."),
  attribute(
    "openPorts[].description",
    "Open Port Description",
    "string",
    "What the port is used for.",
  ),
  attribute(
    "openPorts[].protocol",
    "Open Port Protocol",
    "string",
    "Transport protocol (tcp, udp).",
  ),
  attribute(
    "openPorts[].detectedService",
    "Open Port Detected Service",
    "string",
    "Service fingerprinted on the port.",
  ),
  attribute(
    "openPorts[].firstFound",
    "Open Port First Found Date",
    "datetime",
    "When the port was first seen open.",
  ),
  attribute(
    "openPorts[].lastUpdated",
    "Open Port Last Updated Date",
    "datetime",
    "When the port record last changed.",
  ),
  attribute(
    "openPorts[].authorization",
    "Open Port Authorization",
    "string",
    "Whether the open port is authorised by policy.",
  ),

  attribute(
    "networkInterfaces[].name",
    "Network Interface Name",
    "string",
    "Interface name, e.g. eth0.",
  ),
  attribute(
    "networkInterfaces[].hostname",
    "Network Interface Host Name",
    "string",
    "Host name bound to the interface.",
  ),
  attribute(
    "networkInterfaces[].ipv4Address",
    "Network Interface IPv4 Address",
    "ip",
    "IPv4 address of the interface.",
    {
      aliases: ["IP", "IP Address", "IPv4"],
    },
  ),
  attribute(
    "networkInterfaces[].ipv6Address",
    "Network Interface IPv6 Address",
    "ip",
    "IPv6 address of the interface.",
    {
      aliases: ["IPv6", "IPv6 Address"],
    },
  ),
  attribute(
    "networkInterfaces[].addresses",
    "Network Interface Addresses",
    "string",
    "Every address of the interface, as reported.",
  ),
  attribute(
    "networkInterfaces[].macAddress",
    "Network Interface MAC Address",
    "string",
    "Hardware (MAC) address.",
    {
      aliases: ["MAC", "MAC Address"],
    },
  ),
  attribute(
    "networkInterfaces[].gatewayAddress",
    "Network Interface Gateway Address",
    "ip",
    "Default gateway of the interface.",
  ),

  attribute("software[].name", "Software Name", "string", "Installed product name."),
  attribute("software[].version", "Software Version", "string", "Installed product version."),
  attribute(
    "software[].lastUpdated",
    "Software Last Updated Date",
    "datetime",
    "When the product was last updated.",
  ),
  attribute("software[].publisher", "Software Publisher", "string", "Vendor of the product."),
  attribute(
    "software[].language",
    "Software Language",
    "string",
    "Language of the installed product.",
  ),
  attribute(
    "software[].type",
    "Software Type",
    "string",
    "Kind of software, e.g. application or driver.",
  ),
  attribute(
    "software[].installPath",
    "Software Install Path",
    "string",
    "Directory the product is installed in.",
  ),
  attribute(
    "software[].lastUsed",
    "Software Last Used Date",
    "datetime",
    "When the product was last run.",
  ),

  attribute("volumes[].name", "Volume Name", "string", "Mount point or drive letter."),
  attribute("volumes[].size", "Volume Size", "integer", "Capacity in bytes."),
  attribute("volumes[].free", "Volume Free", "integer", "Free space in bytes."),

  attribute("services[].name", "Service Name", "string", "Operating system service name."),
  attribute("services[].status", "Service Status", "string", "Running state of the service."),
  attribute("services[].description", "Service Description", "string", "What the service does."),

  // The CSAM table lists "Business Operation Status" against a "Host ID"
  // source; we keep the target as its own attribute rather than guess.
  attribute(
    "businessInfo.operationStatus",
    "Business Operation Status",
    "string",
    "Operational status set by the business owner.",
  ),
  attribute(
    "businessInfo.environment",
    "Business Information Environment",
    "string",
    "Environment such as production or test.",
  ),
  attribute(
    "businessInfo.company",
    "Business Information Company",
    "string",
    "Company that owns the asset.",
  ),
  attribute(
    "businessInfo.department",
    "Business Information Department",
    "string",
    "Department that owns the asset.",
  ),
  attribute(
    "businessInfo.ownedBy",
    "Business Information Owned By",
    "string",
    "Owner of the asset.",
  ),
  attribute(
    "businessInfo.managedBy",
    "Business Information Managed By",
    "string",
    "Team or person managing the asset.",
  ),
  attribute(
    "businessInfo.supportedBy",
    "Business Information Supported By",
    "string",
    "Person supporting the asset.",
  ),
  attribute(
    "businessInfo.supportedGroup",
    "Business Information Supported Group",
    "string",
    "Group supporting the asset.",
  ),

  attribute("location.name", "Assigned Location Name", "string", "Site name."),
  attribute("location.city", "Assigned Location City", "string", "City of the site."),
  attribute("location.state", "Assigned Location State", "string", "State or region of the site."),
  attribute("location.country", "Assigned Location Country", "string", "Country of the site."),

  attribute(
    "businessApps[].id",
    "Business App Id",
    "string",
    "Identifier of a business application on the host.",
  ),
  attribute(
    "businessApps[].name",
    "Business App Name",
    "string",
    "Name of the business application.",
  ),
  attribute(
    "businessApps[].environment",
    "Business App Environment",
    "string",
    "Environment of the business application.",
  ),
  attribute(
    "businessApps[].managedBy",
    "Business App Managed By",
    "string",
    "Who manages the business application.",
  ),
  attribute(
    "businessApps[].ownedBy",
    "Business App Owned By",
    "string",
    "Who owns the business application.",
  ),
  attribute(
    "businessApps[].supportedBy",
    "Business App Supported By",
    "string",
    "Who supports the business application.",
  ),
  attribute(
    "businessApps[].supportedGroup",
    "Business App Supported Group",
    "string",
    "Group supporting the business application.",
  ),

  attribute(
    "customAttributes[].key",
    "Custom Attributes Key",
    "string",
    "Name of a user-defined attribute.",
  ),
  attribute(
    "customAttributes[].value",
    "Custom Attributes Value",
    "string",
    "Value of a user-defined attribute.",
  ),
];

export const hostAssetRecordSchema = buildRecordSchema(hostAssetAttributes);

export type HostAssetRecord = Record<string, unknown>;

export const hostAssetModel: DataModelDefinition<HostAssetRecord> = {
  key: "host-asset",
  name: "Host Asset",
  kind: "ASSET",
  // 2: assetId, cloudInstanceId, cloudProvider.* and tags.
  version: 2,
  attributes: hostAssetAttributes,
  recordSchema: hostAssetRecordSchema,
};
