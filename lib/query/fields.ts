// The field catalogues of the inventory (assets) and findings query languages.
// Each field knows its type, which drives validation and autocomplete, and how
// to reach its value in SQL from a row of its table. Identifiers that appear
// in SQL come only from here; user values always travel as parameters.

export type FieldType = "string" | "number" | "date" | "enum" | "string-list" | "ip";

export interface EnumValue {
  /** How the console shows the value, e.g. "Active". */
  label: string;
  /** The PostgreSQL enum label, e.g. "ACTIVE". */
  sql: string;
  /** Other spellings accepted, case-insensitively. */
  aliases?: readonly string[];
}

/** What SQL generation needs from the caller while it builds one clause. */
export interface SqlScope {
  /** Table alias of the current row, e.g. `a` for assets. */
  alias: string;
  /** Placeholder of the caller's tenant id, when it gave one, e.g. `$1`. */
  tenant?: string;
  /** A table alias unused anywhere else in the clause. */
  freshAlias(hint: string): string;
  /** Adds a parameter and returns its placeholder. */
  param(value: string): string;
}

/**
 * Wraps a predicate on one value into the SQL that reaches it from the current
 * row. For list-valued and related fields the predicate is applied to each
 * element inside EXISTS, i.e. "any element matches".
 */
export type Reach = (scope: SqlScope, predicate: (value: string) => string) => string;

export interface FieldDef {
  name: string;
  type: FieldType;
  description: string;
  reach: Reach;
  /** The value may be NULL, so a predicate on it must not leak NULL into NOT. */
  nullable?: boolean;
  /** For enum fields. */
  values?: readonly EnumValue[];
  /** For enum fields: the PostgreSQL enum type, quoted as needed. */
  sqlEnumType?: string;
  /** For number fields. */
  range?: { min?: number; max?: number; integer?: boolean };
  /** Extra spellings accepted for the field name. */
  aliases?: readonly string[];
  /**
   * For ip fields: reaches the value already parsed as inet (NULL where the
   * stored text is not an address), so CIDR containment can use an index.
   */
  reachInet?: Reach;
}

/**
 * A name that leads to other fields: `inventory.` (the asset itself) or
 * `vulnerabilities.` (any finding of the asset). Written `name:( … )` it
 * applies a whole sub-query to the related record.
 */
export interface Relation {
  name: string;
  description: string;
  aliases?: readonly string[];
  target: () => Catalogue;
  /**
   * SQL of an EXISTS over the related rows, or undefined when the relation is
   * the row itself (the `inventory` namespace on assets).
   */
  exists?: (scope: SqlScope, innerAlias: string, condition: string) => string;
}

export interface Catalogue {
  key: "assets" | "findings";
  /** Alias the compiled clause uses for the catalogue's own table. */
  alias: string;
  fields: readonly FieldDef[];
  relations: readonly Relation[];
  /** JSONB column searchable as `attributes.<dotted path>`. */
  attributesColumn: string;
  /** Fields searched by a value typed without a field name. */
  freeText: readonly string[];
  /**
   * The same search as one condition, when the table has a faster way than
   * OR-ing the fields one by one. Must match exactly the rows that any of
   * the freeText fields would.
   */
  freeTextReach?: Reach;
}

export const ATTRIBUTES_PREFIX = "attributes";
/** One segment of `attributes.<path>`: letters, digits, `_` and `-` only. */
export const ATTRIBUTE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;
const MAX_ATTRIBUTE_DEPTH = 8;

export function isAttributePath(segments: readonly string[]): boolean {
  return (
    segments.length > 0 &&
    segments.length <= MAX_ATTRIBUTE_DEPTH &&
    segments.every((segment) => ATTRIBUTE_SEGMENT.test(segment))
  );
}

// ---- ways to reach a value ----------------------------------------------

function column(name: string): Reach {
  return (scope, predicate) => predicate(`${scope.alias}."${name}"`);
}

function eachElement(name: string): Reach {
  return (scope, predicate) => {
    const element = scope.freshAlias("e");
    return `EXISTS (SELECT 1 FROM unnest(${scope.alias}."${name}") AS ${element}(v) WHERE ${predicate(`${element}.v`)})`;
  };
}

function tenantCheck(scope: SqlScope, alias: string) {
  // Redundant with the join to an already tenant-scoped row, but it lets the
  // planner use the (tenantId, …) indexes and is a second fence between tenants.
  return scope.tenant ? ` AND ${alias}."tenantId" = ${scope.tenant}` : "";
}

function assetSourceName(): Reach {
  return (scope, predicate) => {
    const source = scope.freshAlias("s");
    return `EXISTS (SELECT 1 FROM asset_sources ${source} WHERE ${source}."assetId" = ${scope.alias}."id" AND ${predicate(`${source}."sourceName"`)})`;
  };
}

function assetConnectorName(): Reach {
  return (scope, predicate) => {
    const source = scope.freshAlias("s");
    const connector = scope.freshAlias("c");
    return (
      `EXISTS (SELECT 1 FROM asset_sources ${source} JOIN connectors ${connector} ON ${connector}."id" = ${source}."connectorId"` +
      ` WHERE ${source}."assetId" = ${scope.alias}."id"${tenantCheck(scope, connector)} AND ${predicate(`${connector}."name"`)})`
    );
  };
}

function findingConnectorName(): Reach {
  return (scope, predicate) => {
    const connector = scope.freshAlias("c");
    return `EXISTS (SELECT 1 FROM connectors ${connector} WHERE ${connector}."id" = ${scope.alias}."connectorId"${tenantCheck(scope, connector)} AND ${predicate(`${connector}."name"`)})`;
  };
}

// name, hostname, fqdn and the addresses are matched in asset_search_terms,
// a copy kept beside the assets table by triggers (migration
// 20261124000000_asset_search_side_tables), where trigram and inet indexes
// serve them without slowing the risk recompute, which rewrites assets rows.
// `field` names come only from this file, never from user text.

type SearchTermField = "name" | "hostname" | "fqdn" | "ip";

const FREE_TEXT_TERM_FIELDS: readonly SearchTermField[] = ["name", "hostname", "fqdn", "ip"];

function assetSearchTerm(
  fields: readonly SearchTermField[],
  column: "value" | "ip" = "value",
): Reach {
  const fieldCondition =
    fields.length === 1
      ? `= '${fields[0]}'`
      : `IN (${fields.map((field) => `'${field}'`).join(", ")})`;
  return (scope, predicate) => {
    const term = scope.freshAlias("t");
    return `EXISTS (SELECT 1 FROM asset_search_terms ${term} WHERE ${term}."assetId" = ${scope.alias}."id"${tenantCheck(scope, term)} AND ${term}."field" ${fieldCondition} AND ${predicate(`${term}."${column}"`)})`;
  };
}

/** `kind` is a constant of this file (see IDENTIFIER_KINDS), never user text. */
function assetIdentifier(kind: string): Reach {
  return (scope, predicate) => {
    const identifier = scope.freshAlias("i");
    return `EXISTS (SELECT 1 FROM asset_identifiers ${identifier} WHERE ${identifier}."assetId" = ${scope.alias}."id"${tenantCheck(scope, identifier)} AND ${identifier}."kind" = '${kind}' AND ${predicate(`${identifier}."value"`)})`;
  };
}

/** A field reading `attributes.<path>` as text; the path is a parameter. */
export function attributeField(catalogue: Catalogue, segments: readonly string[]): FieldDef {
  const name = `${ATTRIBUTES_PREFIX}.${segments.join(".")}`;
  return {
    name,
    type: "string",
    description: `Attribute ${segments.join(".")} of the record`,
    nullable: true,
    reach: (scope, predicate) => {
      const path = scope.param(segments.join("."));
      return predicate(
        `(${scope.alias}."${catalogue.attributesColumn}" #>> string_to_array(${path}::text, '.'))`,
      );
    },
  };
}

// ---- assets ----------------------------------------------------------------

// Identification rule kinds as lib/identity stores them in asset_identifiers.
const IDENTIFIER_KINDS = [
  { name: "mac", kind: "MAC", description: "MAC address of any network interface" },
  { name: "biosSerial", kind: "BIOS_SERIAL", description: "BIOS serial number" },
  { name: "hostId", kind: "HOST_ID", description: "Qualys host id" },
  { name: "instanceId", kind: "CLOUD_INSTANCE_ID", description: "Cloud instance id, e.g. i-0abc…" },
  { name: "netbios", kind: "NETBIOS", description: "NetBIOS name" },
  { name: "assetUuid", kind: "ASSET_UUID", description: "Qualys asset UUID" },
] as const;

const assetFields: FieldDef[] = [
  // EXISTS is never NULL, so these need no `nullable` even where the column is.
  { name: "name", type: "string", description: "Asset name", reach: assetSearchTerm(["name"]) },
  {
    name: "hostname",
    type: "string",
    description: "Host name",
    reach: assetSearchTerm(["hostname"]),
  },
  {
    name: "fqdn",
    type: "string",
    description: "Fully qualified domain name",
    reach: assetSearchTerm(["fqdn"]),
  },
  {
    name: "ip",
    type: "ip",
    description: "Any IP address of the asset; accepts CIDR such as 10.0.0.0/8",
    reach: assetSearchTerm(["ip"]),
    reachInet: assetSearchTerm(["ip"], "ip"),
    aliases: ["ipAddress"],
  },
  {
    name: "os",
    type: "string",
    description: "Operating system",
    reach: column("os"),
    nullable: true,
    aliases: ["operatingSystem"],
  },
  {
    name: "criticality",
    type: "number",
    description: "Asset criticality score, 1 (low) to 5 (critical)",
    reach: column("criticality"),
    range: { min: 1, max: 5, integer: true },
  },
  {
    name: "riskScore",
    type: "number",
    description: "Risk score of the asset",
    reach: column("riskScore"),
    range: { min: 0, integer: true },
  },
  {
    name: "tag",
    type: "string-list",
    description: "Any tag of the asset",
    reach: eachElement("tags"),
    aliases: ["tags"],
  },
  {
    name: "source",
    type: "string",
    description: "Source that reported the asset, e.g. CSAM",
    reach: assetSourceName(),
  },
  {
    name: "connector",
    type: "string",
    description: "Name of a connector that reported the asset",
    reach: assetConnectorName(),
  },
  {
    name: "firstSeen",
    type: "date",
    description: "When the asset was first seen",
    reach: column("firstSeenAt"),
  },
  {
    name: "lastSeen",
    type: "date",
    description: "When the asset was last seen",
    reach: column("lastSeenAt"),
  },
  ...IDENTIFIER_KINDS.map((identifier): FieldDef => ({
    name: identifier.name,
    type: "string",
    description: identifier.description,
    reach: assetIdentifier(identifier.kind),
  })),
];

export const assetCatalogue: Catalogue = {
  key: "assets",
  alias: "a",
  fields: assetFields,
  relations: [
    {
      name: "inventory",
      description: "The asset itself, e.g. inventory:(source:`CSAM`)",
      aliases: ["asset"],
      target: () => assetCatalogue,
    },
    {
      name: "vulnerabilities",
      description: "Assets with at least one finding matching, e.g. vulnerabilities:(severity>=4)",
      aliases: ["vulnerability", "findings", "finding"],
      target: () => findingCatalogue,
      exists: (scope, inner, condition) =>
        `EXISTS (SELECT 1 FROM findings ${inner} WHERE ${inner}."assetId" = ${scope.alias}."id"${tenantCheck(scope, inner)} AND ${condition})`,
    },
  ],
  attributesColumn: "attributes",
  freeText: ["name", "hostname", "fqdn", "ip"],
  // One EXISTS over all four rather than four OR-ed ones, which the planner
  // cannot turn into a join and so runs against every asset when the value is rare.
  freeTextReach: assetSearchTerm(FREE_TEXT_TERM_FIELDS),
};

// ---- findings --------------------------------------------------------------

const findingFields: FieldDef[] = [
  {
    name: "qid",
    type: "number",
    description: "Qualys vulnerability id (QID)",
    reach: column("qid"),
    range: { min: 0, integer: true },
  },
  { name: "title", type: "string", description: "Vulnerability title", reach: column("title") },
  {
    name: "severity",
    type: "number",
    description: "Severity, 1 (minimal) to 5 (urgent)",
    reach: column("severity"),
    range: { min: 1, max: 5, integer: true },
  },
  {
    name: "type",
    type: "enum",
    description: "Confirmed, Potential or IG (information gathered)",
    reach: column("type"),
    sqlEnumType: `"VulnType"`,
    values: [
      { label: "Confirmed", sql: "CONFIRMED" },
      { label: "Potential", sql: "POTENTIAL" },
      { label: "IG", sql: "INFO", aliases: ["Info", "Information"] },
    ],
  },
  {
    name: "status",
    type: "enum",
    description: "New, Active, Reopened or Fixed",
    reach: column("status"),
    sqlEnumType: `"FindingStatus"`,
    values: [
      { label: "New", sql: "NEW" },
      { label: "Active", sql: "ACTIVE" },
      { label: "Reopened", sql: "REOPENED", aliases: ["Re-Opened"] },
      { label: "Fixed", sql: "FIXED" },
    ],
  },
  {
    name: "cve",
    type: "string-list",
    description: "Any CVE id of the vulnerability",
    reach: eachElement("cves"),
    aliases: ["cves"],
  },
  {
    name: "cvss",
    type: "number",
    description: "CVSS v2 base score, 0 to 10",
    reach: column("cvssBase"),
    nullable: true,
    range: { min: 0, max: 10 },
  },
  {
    name: "cvss3",
    type: "number",
    description: "CVSS v3 base score, 0 to 10",
    reach: column("cvss3Base"),
    nullable: true,
    range: { min: 0, max: 10 },
  },
  {
    name: "qds",
    type: "number",
    description: "Qualys Detection Score, 1 to 100",
    reach: column("qds"),
    nullable: true,
    range: { min: 0, max: 100, integer: true },
  },
  {
    name: "port",
    type: "number",
    description: "Port (0 when the finding has none)",
    reach: column("port"),
    range: { min: 0, max: 65535, integer: true },
  },
  {
    name: "protocol",
    type: "string",
    description: "Protocol, e.g. tcp",
    reach: column("protocol"),
  },
  {
    name: "firstDetected",
    type: "date",
    description: "When the finding was first detected",
    reach: column("firstDetectedAt"),
    nullable: true,
  },
  {
    name: "lastDetected",
    type: "date",
    description: "When the finding was last detected",
    reach: column("lastDetectedAt"),
    nullable: true,
  },
  {
    name: "lastFixed",
    type: "date",
    description: "When the finding was last fixed",
    reach: column("lastFixedAt"),
    nullable: true,
  },
  {
    name: "category",
    type: "string",
    description: "Vulnerability category",
    reach: column("category"),
    nullable: true,
  },
  {
    name: "connector",
    type: "string",
    description: "Name of the connector that reported the finding",
    reach: findingConnectorName(),
  },
];

export const findingCatalogue: Catalogue = {
  key: "findings",
  alias: "f",
  fields: findingFields,
  relations: [
    {
      name: "asset",
      description: "The finding's asset, e.g. asset:(os:Windows*)",
      aliases: ["inventory"],
      target: () => assetCatalogue,
      exists: (scope, inner, condition) =>
        `EXISTS (SELECT 1 FROM assets ${inner} WHERE ${inner}."id" = ${scope.alias}."assetId"${tenantCheck(scope, inner)} AND ${condition})`,
    },
    {
      name: "vulnerability",
      description: "The finding itself",
      aliases: ["finding"],
      target: () => findingCatalogue,
    },
  ],
  attributesColumn: "attributes",
  freeText: ["title", "cve", "category"],
};

// ---- lookup ----------------------------------------------------------------

function sameName(a: string, b: string) {
  return a.toLowerCase() === b.toLowerCase();
}

/** Field names are matched case-insensitively so `riskscore` works too. */
export function findField(catalogue: Catalogue, name: string): FieldDef | undefined {
  return catalogue.fields.find(
    (field) => sameName(field.name, name) || field.aliases?.some((alias) => sameName(alias, name)),
  );
}

export function findRelation(catalogue: Catalogue, name: string): Relation | undefined {
  return catalogue.relations.find(
    (relation) =>
      sameName(relation.name, name) || relation.aliases?.some((alias) => sameName(alias, name)),
  );
}

/** Every name a user may type at the start of a field, for suggestions. */
export function fieldNames(catalogue: Catalogue): string[] {
  return [
    ...catalogue.fields.map((field) => field.name),
    ...catalogue.relations.map((relation) => relation.name),
    ATTRIBUTES_PREFIX,
  ];
}
