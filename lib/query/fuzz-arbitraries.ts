// Random queries for the property tests (fuzz.test.ts) and for running
// through real PostgreSQL (compile.db.test.ts). Test-only; nothing in the
// application imports this file.
import fc from "fast-check";

const FIELDS = [
  "name",
  "hostname",
  "fqdn",
  "ip",
  "os",
  "criticality",
  "riskScore",
  "tag",
  "source",
  "connector",
  "firstSeen",
  "lastSeen",
  "mac",
  "biosSerial",
  "instanceId",
  "netbios",
  "inventory",
  "inventory.source",
  "vulnerabilities",
  "vulnerabilities.severity",
  "vulnerabilities.status",
  "asset",
  "asset.os",
  "attributes.cloud.region",
  "attributes",
  "attributes.",
  "qid",
  "title",
  "severity",
  "type",
  "status",
  "cve",
  "cvss",
  "cvss3",
  "qds",
  "port",
  "protocol",
  "firstDetected",
  "lastDetected",
  "category",
  "sorce",
  "RISKSCORE",
  "a.b",
  "x$y",
];

const OPERATORS = [":", ">", ">=", "<", "<=", "=", "::", ">>"];

const VALUES = [
  "Windows*",
  "*",
  "**",
  "win%",
  "a_b",
  "\\",
  "'",
  "';--",
  "$1",
  "0",
  "5",
  "-1",
  "500",
  "7.5",
  "1e3",
  "99999999999999999999999999",
  "2026-01-01",
  "2026-02",
  "2026",
  "2026-02-30",
  "2026-01-01T10:00:00Z",
  "9999-12-31",
  "now",
  "now-7d",
  "now+999999w",
  "10.0.0.0/8",
  "10.0.0.1",
  "::1",
  "fe80::/10",
  "10.0.*",
  "300.1.1.1",
  "Active",
  "re*",
  "IG",
  "CONFIRMED",
  "Actve",
  "CVE-2021-44228",
  "ünïcødé",
  "😀",
  '"quoted phrase"',
  '"esc\\"aped"',
  "`exact value`",
  "`a*b`",
  '""',
  "``",
  '"unterminated',
  "`unterminated",
];

const PUNCTUATION = [
  "(",
  ")",
  "((",
  "))",
  "AND",
  "and",
  "OR",
  "Or",
  "NOT",
  "not",
  "-",
  ":",
  '"',
  "`",
];

/** A plausible `field op value` term, sometimes broken. */
const term = fc
  .tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPERATORS), fc.constantFrom(...VALUES))
  .map(([field, operator, value]) => `${field}${operator}${value}`);

const group = fc
  .tuple(fc.constantFrom(...FIELDS), fc.array(term, { minLength: 1, maxLength: 3 }))
  .map(([field, terms]) => `${field}:(${terms.join(" ")})`);

/** Query-language pieces glued together with or without spaces. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        { weight: 4, arbitrary: term },
        { weight: 1, arbitrary: group },
        { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATION) },
        { weight: 1, arbitrary: fc.constantFrom(...VALUES, ...FIELDS) },
      ),
      fc.constantFrom(" ", " ", " ", "", "  "),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.map(([piece, gap]) => piece + gap).join(""));

// Field/value pairs that mostly type-check, so structured queries reach SQL.
const TYPED_TERMS: Record<string, { fields: string[]; operators: string[]; values: string[] }> = {
  text: {
    fields: [
      "name",
      "hostname",
      "fqdn",
      "os",
      "tag",
      "source",
      "connector",
      "mac",
      "biosSerial",
      "attributes.cloud.region",
      "inventory.source",
    ],
    operators: [":"],
    values: [
      "web*",
      "*",
      "a_b%",
      "\\",
      "';--",
      "$1",
      '"two words"',
      "`Exact*`",
      "ünï",
      "😀",
      "CSAM",
    ],
  },
  number: {
    fields: ["criticality", "riskScore", "vulnerabilities.severity"],
    operators: [":", ">", ">=", "<", "<=", "="],
    values: ["1", "5", "3", "+2", "4.0"],
  },
  date: {
    fields: ["firstSeen", "lastSeen", "vulnerabilities.lastDetected"],
    operators: [":", ">", ">=", "<", "<="],
    values: ["2026-01-01", "2026-02", "1000", "9999-12-31", "now-7d", "2026-01-01T10:00:00+05:30"],
  },
  ip: {
    fields: ["ip"],
    operators: [":"],
    values: ["10.0.0.0/8", "10.0.0.1", "::1", "fe80::/10", "10.0.*", "`x`", "::ffff:1.2.3.4/128"],
  },
  enum: {
    fields: ["vulnerabilities.status", "vulnerabilities.type"],
    operators: [":"],
    values: ["Active", "re*", "*", "IG", "`FIXED`", '"new"', "Confirmed", "potential"],
  },
};

const typedTerm = fc
  .constantFrom(...Object.values(TYPED_TERMS))
  .chain((kind) =>
    fc
      .tuple(
        fc.constantFrom(...kind.fields),
        fc.constantFrom(...kind.operators),
        fc.constantFrom(...kind.values),
      )
      .map(([field, operator, value]) => `${field}${operator}${value}`),
  );

/** Syntactically valid queries over the asset catalogue, nested and combined. */
export const structuredQuery: fc.Arbitrary<string> = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    { weight: 5, arbitrary: typedTerm },
    { weight: 1, arbitrary: fc.constantFrom("web", '"db 01"', "`10.1.2.3`") },
    { weight: 1, arbitrary: tie("query").map((q) => `NOT ${q}`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(tie("query"), fc.constantFrom(" AND ", " and ", " OR ", " "), tie("query"))
        .map(([left, operator, right]) => `(${left}${operator}${right})`),
    },
    { weight: 1, arbitrary: tie("query").map((q) => `inventory:(${q})`) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            "severity>=4",
            "status:Active",
            "cve:CVE-2021*",
            "cvss3>7",
            "asset:(os:Win*)",
            "type:(IG OR Potential)",
          ),
          fc.constantFrom("severity:5", "NOT status:Fixed", "port:443", "qds<50"),
        )
        .map(([a, b]) => `vulnerabilities:(${a} ${b})`),
    },
  ),
})).query;

/** Any text at all, including control characters and lone surrogates. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.string({
    unit: fc.constantFrom(..."ab:()\"`*<>= \\.-%_'AND OR NOT".split("")),
    maxLength: 60,
  }),
);

// Everything that may legitimately appear quoted in compiled SQL. A user value
// showing up anywhere else would mean it was interpolated.
const SQL_IDENTIFIERS = new Set([
  "id",
  "field",
  "value",
  "ip",
  "assetId",
  "tenantId",
  "connectorId",
  "name",
  "hostname",
  "fqdn",
  "ipAddresses",
  "os",
  "criticality",
  "riskScore",
  "tags",
  "sourceName",
  "firstSeenAt",
  "lastSeenAt",
  "kind",
  "value",
  "attributes",
  "qid",
  "title",
  "severity",
  "type",
  "status",
  "cves",
  "cvssBase",
  "cvss3Base",
  "qds",
  "port",
  "protocol",
  "firstDetectedAt",
  "lastDetectedAt",
  "lastFixedAt",
  "category",
  "FindingStatus",
  "VulnType",
]);
const SQL_LITERALS = new Set([
  "'.'",
  "'inet'",
  "'MAC'",
  "'BIOS_SERIAL'",
  "'HOST_ID'",
  "'CLOUD_INSTANCE_ID'",
  "'NETBIOS'",
  "'ASSET_UUID'",
  "'name'",
  "'hostname'",
  "'fqdn'",
  "'ip'",
]);
const SQL_WORDS = new Set(
  (
    "EXISTS SELECT FROM WHERE AND OR NOT IN AS JOIN ON CASE WHEN THEN END COALESCE FALSE TRUE ILIKE " +
    "unnest lower text numeric integer timestamp inet pg_input_is_valid string_to_array v a f " +
    "assets findings asset_sources asset_identifiers asset_search_terms connectors"
  ).split(" "),
);

/**
 * Problems with a compiled clause that would mean a value escaped its
 * parameter; an empty list means the clause is made of catalogue identifiers,
 * fixed literals, SQL keywords and well-numbered placeholders only.
 */
export function auditSql(
  where: string,
  params: readonly unknown[],
  paramOffset: number,
  tenantParam?: number,
) {
  const problems: string[] = [];
  let rest = where.replace(/"([^"]*)"/g, (_match, identifier: string) => {
    if (!SQL_IDENTIFIERS.has(identifier)) problems.push(`identifier "${identifier}"`);
    return " ";
  });
  rest = rest.replace(/'[^']*'/g, (literal) => {
    if (!SQL_LITERALS.has(literal)) problems.push(`literal ${literal}`);
    return " ";
  });
  const used = new Set<number>();
  rest = rest.replace(/\$(\d+)/g, (_match, digits: string) => {
    const n = Number(digits);
    const own = n > paramOffset && n <= paramOffset + params.length;
    if (!own && n !== tenantParam) problems.push(`placeholder $${n}`);
    used.add(n);
    return " ";
  });
  for (let n = paramOffset + 1; n <= paramOffset + params.length; n++) {
    if (!used.has(n)) problems.push(`unused parameter $${n}`);
  }
  rest = rest.replace(/SELECT 1/g, " ").replace(/\bq[a-z]\d+\b/g, " ");
  for (const word of rest.match(/[^\s(),.:=<>#]+/g) ?? []) {
    if (!SQL_WORDS.has(word)) problems.push(`word ${word}`);
  }
  return problems;
}
