import { describe, expect, it } from "vitest";
import { compileAssetQuery, compileFindingQuery, type CompileOptions } from "./compile";
import { QueryError } from "./errors";

// A fixed clock for relative dates, and one caller parameter ($1, the tenant)
// so every case also proves that placeholders start after the caller's own.
const NOW = new Date("2026-03-01T12:00:00Z");
const OPTIONS: CompileOptions = { paramOffset: 1, now: NOW };

type Case = {
  query: string;
  catalogue?: "assets" | "findings";
  options?: CompileOptions;
  where: string;
  params: string[];
};

// name, hostname, fqdn and addresses are matched in asset_search_terms.
const term = (alias: string, field: string, condition: string) =>
  `EXISTS (SELECT 1 FROM asset_search_terms ${alias} WHERE ${alias}."assetId" = a."id" AND ${alias}."field" ${field} AND ${condition})`;
const nameLike = (placeholder: string) =>
  term("qt1", "= 'name'", `qt1."value" ILIKE ${placeholder}::text`);
const ipAny = (alias: string, placeholder: string) =>
  term(alias, "= 'ip'", `${alias}."ip" <<= ${placeholder}::inet`);
const sourceIs = (alias: string, placeholder: string) =>
  `EXISTS (SELECT 1 FROM asset_sources ${alias} WHERE ${alias}."assetId" = a."id" AND lower(${alias}."sourceName") = lower(${placeholder}::text))`;

const compiles: Case[] = [
  { query: "", where: "TRUE", params: [] },
  { query: "  \t\n ", where: "TRUE", params: [] },
  // Text: contains, wildcard, exact.
  { query: "name:web01", where: nameLike("$2"), params: ["%web01%"] },
  { query: "NAME:web01", where: nameLike("$2"), params: ["%web01%"] },
  {
    query: "os:Windows*",
    where: `COALESCE(a."os" ILIKE $2::text, FALSE)`,
    params: ["Windows%"],
  },
  {
    query: 'os:"Windows Server 2019"',
    where: `COALESCE(a."os" ILIKE $2::text, FALSE)`,
    params: ["%Windows Server 2019%"],
  },
  {
    query: "os:`Windows 10`",
    where: `COALESCE(lower(a."os") = lower($2::text), FALSE)`,
    params: ["Windows 10"],
  },
  {
    query: "os:`Win*`",
    where: `COALESCE(lower(a."os") = lower($2::text), FALSE)`,
    params: ["Win*"],
  },
  {
    query: "operatingSystem:linux",
    where: `COALESCE(a."os" ILIKE $2::text, FALSE)`,
    params: ["%linux%"],
  },
  { query: "name:100%_done", where: nameLike("$2"), params: ["%100\\%\\_done%"] },
  { query: "name:c:\\temp", where: nameLike("$2"), params: ["%c:\\\\temp%"] },
  { query: "name:*web*01", where: nameLike("$2"), params: ["%web%01"] },
  { query: 'name:"say \\"hi\\""', where: nameLike("$2"), params: ['%say "hi"%'] },
  {
    query: `name:"'; DROP TABLE assets; --"`,
    where: nameLike("$2"),
    params: ["%'; DROP TABLE assets; --%"],
  },
  {
    query: "hostname:db fqdn:corp.example",
    where: `(${term("qt1", "= 'hostname'", `qt1."value" ILIKE $2::text`)} AND ${term("qt2", "= 'fqdn'", `qt2."value" ILIKE $3::text`)})`,
    params: ["%db%", "%corp.example%"],
  },
  // Numbers.
  { query: "criticality:5", where: `a."criticality" = $2::integer`, params: ["5"] },
  { query: "riskScore>500", where: `a."riskScore" > $2::integer`, params: ["500"] },
  { query: "riskScore>=500", where: `a."riskScore" >= $2::integer`, params: ["500"] },
  { query: "riskScore<500", where: `a."riskScore" < $2::integer`, params: ["500"] },
  { query: "riskScore<=500", where: `a."riskScore" <= $2::integer`, params: ["500"] },
  { query: "riskScore=500", where: `a."riskScore" = $2::integer`, params: ["500"] },
  { query: "riskscore:+500", where: `a."riskScore" = $2::integer`, params: ["500"] },
  { query: 'riskScore>"500"', where: `a."riskScore" > $2::integer`, params: ["500"] },
  // Dates: whole periods compare by their bounds, instants as points.
  {
    query: "lastSeen>=2026-01-01",
    where: `a."lastSeenAt" >= $2::timestamp`,
    params: ["2026-01-01 00:00:00.000"],
  },
  {
    query: "lastSeen>2026-01-01",
    where: `a."lastSeenAt" >= $2::timestamp`,
    params: ["2026-01-02 00:00:00.000"],
  },
  {
    query: "lastSeen<2026-01-01",
    where: `a."lastSeenAt" < $2::timestamp`,
    params: ["2026-01-01 00:00:00.000"],
  },
  {
    query: "lastSeen<=2026-01-31",
    where: `a."lastSeenAt" < $2::timestamp`,
    params: ["2026-02-01 00:00:00.000"],
  },
  {
    query: "lastSeen:2026-02",
    where: `(a."lastSeenAt" >= $2::timestamp AND a."lastSeenAt" < $3::timestamp)`,
    params: ["2026-02-01 00:00:00.000", "2026-03-01 00:00:00.000"],
  },
  {
    query: "firstSeen:2024",
    where: `(a."firstSeenAt" >= $2::timestamp AND a."firstSeenAt" < $3::timestamp)`,
    params: ["2024-01-01 00:00:00.000", "2025-01-01 00:00:00.000"],
  },
  {
    query: "lastSeen:2024-02-29",
    where: `(a."lastSeenAt" >= $2::timestamp AND a."lastSeenAt" < $3::timestamp)`,
    params: ["2024-02-29 00:00:00.000", "2024-03-01 00:00:00.000"],
  },
  {
    query: "lastSeen>=now-7d",
    where: `a."lastSeenAt" >= $2::timestamp`,
    params: ["2026-02-22 12:00:00.000"],
  },
  {
    query: "lastSeen<NOW-12h",
    where: `a."lastSeenAt" < $2::timestamp`,
    params: ["2026-03-01 00:00:00.000"],
  },
  {
    query: "firstSeen<=now",
    where: `a."firstSeenAt" <= $2::timestamp`,
    params: ["2026-03-01 12:00:00.000"],
  },
  {
    query: "lastSeen>2026-01-01T10:30:00Z",
    where: `a."lastSeenAt" > $2::timestamp`,
    params: ["2026-01-01 10:30:00.000"],
  },
  {
    query: "lastSeen>2026-01-01T10:30:00.25+02:00",
    where: `a."lastSeenAt" > $2::timestamp`,
    params: ["2026-01-01 08:30:00.250"],
  },
  {
    query: 'lastSeen>"2026-01-01 10:30"',
    where: `a."lastSeenAt" > $2::timestamp`,
    params: ["2026-01-01 10:30:00.000"],
  },
  // IP addresses.
  { query: "ip:10.0.0.0/8", where: ipAny("qt1", "$2"), params: ["10.0.0.0/8"] },
  { query: "ip:10.1.2.3", where: ipAny("qt1", "$2"), params: ["10.1.2.3"] },
  { query: "ip:FE80::1", where: ipAny("qt1", "$2"), params: ["fe80::1"] },
  { query: "ip:::ffff:10.0.0.1/120", where: ipAny("qt1", "$2"), params: ["::ffff:10.0.0.1/120"] },
  {
    query: "ip:10.0.*",
    where: term("qt1", "= 'ip'", `qt1."value" ILIKE $2::text`),
    params: ["10.0.%"],
  },
  {
    query: "ip:`10.0.0.1`",
    where: term("qt1", "= 'ip'", `lower(qt1."value") = lower($2::text)`),
    params: ["10.0.0.1"],
  },
  // Lists, related tables, identifiers, attributes.
  {
    query: "tag:prod",
    where: `EXISTS (SELECT 1 FROM unnest(a."tags") AS qe1(v) WHERE qe1.v ILIKE $2::text)`,
    params: ["%prod%"],
  },
  { query: "source:`CSAM`", where: sourceIs("qs1", "$2"), params: ["CSAM"] },
  { query: "inventory:(source:`CSAM`)", where: sourceIs("qs1", "$2"), params: ["CSAM"] },
  { query: "inventory.source:`CSAM`", where: sourceIs("qs1", "$2"), params: ["CSAM"] },
  {
    query: "connector:qualys",
    where: `EXISTS (SELECT 1 FROM asset_sources qs1 JOIN connectors qc2 ON qc2."id" = qs1."connectorId" WHERE qs1."assetId" = a."id" AND qc2."name" ILIKE $2::text)`,
    params: ["%qualys%"],
  },
  {
    query: "connector:qualys",
    options: { tenantParam: 1, now: NOW },
    where: `EXISTS (SELECT 1 FROM asset_sources qs1 JOIN connectors qc2 ON qc2."id" = qs1."connectorId" WHERE qs1."assetId" = a."id" AND qc2."tenantId" = $1 AND qc2."name" ILIKE $2::text)`,
    params: ["%qualys%"],
  },
  {
    query: "mac:00:11:22:33:44:55",
    where: `EXISTS (SELECT 1 FROM asset_identifiers qi1 WHERE qi1."assetId" = a."id" AND qi1."kind" = 'MAC' AND qi1."value" ILIKE $2::text)`,
    params: ["%00:11:22:33:44:55%"],
  },
  {
    query: "instanceId:`i-0abc`",
    where: `EXISTS (SELECT 1 FROM asset_identifiers qi1 WHERE qi1."assetId" = a."id" AND qi1."kind" = 'CLOUD_INSTANCE_ID' AND lower(qi1."value") = lower($2::text))`,
    params: ["i-0abc"],
  },
  {
    query: "attributes.cloud.region:us-east-1",
    where: `COALESCE((a."attributes" #>> string_to_array($3::text, '.')) ILIKE $2::text, FALSE)`,
    params: ["%us-east-1%", "cloud.region"],
  },
  {
    query: "vulnerabilities:(severity>=4 and status:Active)",
    options: { tenantParam: 1, now: NOW },
    where: `EXISTS (SELECT 1 FROM findings qf1 WHERE qf1."assetId" = a."id" AND qf1."tenantId" = $1 AND (qf1."severity" >= $2::integer AND qf1."status" = $3::"FindingStatus"))`,
    params: ["4", "ACTIVE"],
  },
  {
    query: "vulnerabilities.severity:5",
    where: `EXISTS (SELECT 1 FROM findings qf1 WHERE qf1."assetId" = a."id" AND qf1."severity" = $2::integer)`,
    params: ["5"],
  },
  {
    query: "vulnerabilities:(asset:(source:CSAM))",
    where: `EXISTS (SELECT 1 FROM findings qf1 WHERE qf1."assetId" = a."id" AND EXISTS (SELECT 1 FROM assets qa2 WHERE qa2."id" = qf1."assetId" AND EXISTS (SELECT 1 FROM asset_sources qs3 WHERE qs3."assetId" = qa2."id" AND qs3."sourceName" ILIKE $2::text)))`,
    params: ["%CSAM%"],
  },
  // Boolean structure.
  {
    query: "os:Windows AND NOT tag:lab",
    where: `(COALESCE(a."os" ILIKE $2::text, FALSE) AND NOT (EXISTS (SELECT 1 FROM unnest(a."tags") AS qe1(v) WHERE qe1.v ILIKE $3::text)))`,
    params: ["%Windows%", "%lab%"],
  },
  {
    query: "os:Windows criticality:5",
    where: `(COALESCE(a."os" ILIKE $2::text, FALSE) AND a."criticality" = $3::integer)`,
    params: ["%Windows%", "5"],
  },
  {
    query: "os:Windows or os:Linux and riskScore>10",
    where: `(COALESCE(a."os" ILIKE $2::text, FALSE) OR (COALESCE(a."os" ILIKE $3::text, FALSE) AND a."riskScore" > $4::integer))`,
    params: ["%Windows%", "%Linux%", "10"],
  },
  {
    query: "(os:Windows Or os:Linux) aNd riskScore>10",
    where: `((COALESCE(a."os" ILIKE $2::text, FALSE) OR COALESCE(a."os" ILIKE $3::text, FALSE)) AND a."riskScore" > $4::integer)`,
    params: ["%Windows%", "%Linux%", "10"],
  },
  {
    query: "not NOT criticality:1",
    where: `NOT (NOT (a."criticality" = $2::integer))`,
    params: ["1"],
  },
  {
    query: "os:(Windows OR `Ubuntu 22.04`)",
    where: `(COALESCE(a."os" ILIKE $2::text, FALSE) OR COALESCE(lower(a."os") = lower($3::text), FALSE))`,
    params: ["%Windows%", "Ubuntu 22.04"],
  },
  {
    query: "web01",
    // One EXISTS over the four name-like fields (see freeTextReach).
    where: term("qt1", "IN ('name', 'hostname', 'fqdn', 'ip')", `qt1."value" ILIKE $2::text`),
    params: ["%web01%"],
  },
  {
    query: "criticality:5",
    options: { paramOffset: 3 },
    where: `a."criticality" = $4::integer`,
    params: ["5"],
  },
  { query: "criticality:5", options: {}, where: `a."criticality" = $1::integer`, params: ["5"] },
  // Findings.
  {
    query: "status:active",
    catalogue: "findings",
    where: `f."status" = $2::"FindingStatus"`,
    params: ["ACTIVE"],
  },
  {
    query: "status:Re*",
    catalogue: "findings",
    where: `f."status" = $2::"FindingStatus"`,
    params: ["REOPENED"],
  },
  {
    query: "status:*",
    catalogue: "findings",
    where: `f."status" IN ($2::"FindingStatus", $3::"FindingStatus", $4::"FindingStatus", $5::"FindingStatus")`,
    params: ["NEW", "ACTIVE", "REOPENED", "FIXED"],
  },
  {
    query: "status:(Active OR New)",
    catalogue: "findings",
    where: `(f."status" = $2::"FindingStatus" OR f."status" = $3::"FindingStatus")`,
    params: ["ACTIVE", "NEW"],
  },
  { query: "type:IG", catalogue: "findings", where: `f."type" = $2::"VulnType"`, params: ["INFO"] },
  {
    query: "type:info",
    catalogue: "findings",
    where: `f."type" = $2::"VulnType"`,
    params: ["INFO"],
  },
  {
    query: "type:`Confirmed`",
    catalogue: "findings",
    where: `f."type" = $2::"VulnType"`,
    params: ["CONFIRMED"],
  },
  {
    query: "cve:CVE-2021-44228",
    catalogue: "findings",
    where: `EXISTS (SELECT 1 FROM unnest(f."cves") AS qe1(v) WHERE qe1.v ILIKE $2::text)`,
    params: ["%CVE-2021-44228%"],
  },
  {
    query: "cvss3>=7.5",
    catalogue: "findings",
    where: `COALESCE(f."cvss3Base" >= $2::numeric, FALSE)`,
    params: ["7.5"],
  },
  {
    query: "qid:38173 port:443 protocol:`tcp`",
    catalogue: "findings",
    where: `(f."qid" = $2::integer AND f."port" = $3::integer AND lower(f."protocol") = lower($4::text))`,
    params: ["38173", "443", "tcp"],
  },
  {
    query: "asset.os:Windows*",
    catalogue: "findings",
    where: `EXISTS (SELECT 1 FROM assets qa1 WHERE qa1."id" = f."assetId" AND COALESCE(qa1."os" ILIKE $2::text, FALSE))`,
    params: ["Windows%"],
  },
  {
    query: "asset:(os:Windows*)",
    catalogue: "findings",
    options: { tenantParam: 1 },
    where: `EXISTS (SELECT 1 FROM assets qa1 WHERE qa1."id" = f."assetId" AND qa1."tenantId" = $1 AND COALESCE(qa1."os" ILIKE $2::text, FALSE))`,
    params: ["Windows%"],
  },
  {
    query: "lastDetected>=2026-01-01 category:Windows",
    catalogue: "findings",
    where: `(COALESCE(f."lastDetectedAt" >= $2::timestamp, FALSE) AND COALESCE(f."category" ILIKE $3::text, FALSE))`,
    params: ["2026-01-01 00:00:00.000", "%Windows%"],
  },
  {
    query: "log4j",
    catalogue: "findings",
    where: `(f."title" ILIKE $2::text OR EXISTS (SELECT 1 FROM unnest(f."cves") AS qe1(v) WHERE qe1.v ILIKE $2::text) OR COALESCE(f."category" ILIKE $2::text, FALSE))`,
    params: ["%log4j%"],
  },
];

type ErrorCase = {
  query: string;
  catalogue?: "assets" | "findings";
  message: string;
  column: number;
  suggestion?: string;
};

const errors: ErrorCase[] = [
  {
    query: "sorce:CSAM",
    message: "unknown field 'sorce' at column 1 — did you mean 'source'?",
    column: 1,
    suggestion: "source",
  },
  {
    query: "os:Linux  sorce:x",
    message: "unknown field 'sorce' at column 11 — did you mean 'source'?",
    column: 11,
    suggestion: "source",
  },
  {
    query: "inventory.sorce:x",
    message: "unknown field 'sorce' at column 11 — did you mean 'source'?",
    column: 11,
    suggestion: "source",
  },
  { query: "zzzzzz:1", message: "unknown field 'zzzzzz' at column 1", column: 1 },
  {
    query: "status:Active",
    message: "unknown field 'status' at column 1 — did you mean 'vulnerabilities.status'?",
    column: 1,
    suggestion: "vulnerabilities.status",
  },
  { query: "criticality>abc", message: "'abc' at column 13 is not a number", column: 13 },
  { query: "riskScore>>5", message: "'>5' at column 11 is not a number", column: 11 },
  { query: "riskScore:5*", message: "'5*' at column 11 is not a number", column: 11 },
  {
    query: "riskScore>5.5",
    message: "'5.5' at column 11 is not a whole number, which 'riskScore' needs",
    column: 11,
  },
  {
    query: "criticality:7",
    message: "'7' at column 13 is out of range; 'criticality' is between 1 and 5",
    column: 13,
  },
  {
    query: "riskScore>-1",
    message: "'-1' at column 11 is out of range; 'riskScore' is at least 0",
    column: 11,
  },
  {
    query: "os>5",
    message: "'>' at column 3 compares numbers and dates, but 'os' is text; use os:value",
    column: 3,
    suggestion: ":",
  },
  {
    query: "tag<=a",
    message:
      "'<=' at column 4 compares numbers and dates, but 'tag' is a list of text values; use tag:value",
    column: 4,
    suggestion: ":",
  },
  {
    query: "ip>10.0.0.1",
    message: "'>' at column 3 compares numbers and dates, but 'ip' is an IP address; use ip:value",
    column: 3,
    suggestion: ":",
  },
  {
    query: "lastSeen>2026-13-01",
    message: "'2026-13-01' at column 10 is not a date; use YYYY-MM-DD, an ISO date-time or now-7d",
    column: 10,
  },
  {
    query: "lastSeen>=2026-02-30",
    message: "'2026-02-30' at column 11 is not a date; use YYYY-MM-DD, an ISO date-time or now-7d",
    column: 11,
  },
  {
    query: "lastSeen>yesterday",
    message: "'yesterday' at column 10 is not a date; use YYYY-MM-DD, an ISO date-time or now-7d",
    column: 10,
  },
  {
    query: "lastSeen:now-7d",
    message: "'now-7d' at column 10 is a point in time; compare with it, e.g. lastSeen>=now-7d",
    column: 10,
    suggestion: ">=",
  },
  {
    query: "ip:10.0",
    message:
      "'10.0' at column 4 is not an IP address or CIDR range; use a wildcard such as 10.0.* to match a prefix",
    column: 4,
  },
  {
    query: "ip:10.0.0.0/33",
    message:
      "'10.0.0.0/33' at column 4 is not an IP address or CIDR range; use a wildcard such as 10.0.* to match a prefix",
    column: 4,
  },
  {
    query: "ip:256.1.1.1",
    message:
      "'256.1.1.1' at column 4 is not an IP address or CIDR range; use a wildcard such as 10.0.* to match a prefix",
    column: 4,
  },
  {
    query: "status:Actve",
    catalogue: "findings",
    message:
      "'Actve' at column 8 is not a status; expected New, Active, Reopened, Fixed — did you mean 'Active'?",
    column: 8,
    suggestion: "Active",
  },
  {
    query: "type:Q*",
    catalogue: "findings",
    message: "'Q*' at column 6 is not a type; expected Confirmed, Potential, IG",
    column: 6,
  },
  {
    query: "status>1",
    catalogue: "findings",
    message:
      "'>' at column 7 compares numbers and dates, but 'status' is one of New, Active, Reopened, Fixed; use status:value",
    column: 7,
    suggestion: ":",
  },
  {
    query: "qid:abc",
    catalogue: "findings",
    message: "'abc' at column 5 is not a number",
    column: 5,
  },
  {
    query: "severity:0",
    catalogue: "findings",
    message: "'0' at column 10 is out of range; 'severity' is between 1 and 5",
    column: 10,
  },
  {
    query: "vulnerabilities:4",
    message:
      "'vulnerabilities' at column 1 is a group of fields; write vulnerabilities:( … ) or vulnerabilities.<field>",
    column: 1,
  },
  {
    query: "attributes:x",
    message:
      "'attributes' at column 1 needs an attribute path of up to 8 parts made of letters, digits, '_' or '-', e.g. attributes.cloud.region",
    column: 1,
  },
  {
    query: "attributes.a.b.c.d.e.f.g.h.i:x",
    message:
      "'attributes.a.b.c.d.e.f.g.h.i' at column 1 needs an attribute path of up to 8 parts made of letters, digits, '_' or '-', e.g. attributes.cloud.region",
    column: 1,
  },
  {
    query: "attributes..x:1",
    message: "'attributes..x' at column 1 is not a valid field name",
    column: 1,
  },
  { query: "na$me:x", message: "'na$me' at column 1 is not a valid field name", column: 1 },
  { query: "os.version:x", message: "field 'os' at column 1 has no sub-fields", column: 1 },
  { query: "(os:x", message: "missing ')' for '(' at column 1", column: 1 },
  { query: "((os:x) OR (os:y)", message: "missing ')' for '(' at column 1", column: 1 },
  { query: "os:x)", message: "unbalanced ')' at column 5", column: 5 },
  { query: ")", message: "unbalanced ')' at column 1", column: 1 },
  { query: "()", message: "empty parentheses at column 1", column: 1 },
  { query: "os:x AND", message: "'AND' at column 6 needs a term after it", column: 6 },
  { query: "os:x or", message: "'OR' at column 6 needs a term after it", column: 6 },
  { query: "OR os:x", message: "'OR' at column 1 needs a term before it", column: 1 },
  {
    query: "os:x AND OR os:y",
    message: "'AND' at column 6 needs a term after it, not 'OR'",
    column: 6,
  },
  { query: "(os:x AND)", message: "'AND' at column 7 needs a term after it, not ')'", column: 7 },
  { query: "NOT", message: "'NOT' at column 1 needs a term after it", column: 1 },
  { query: "os:", message: "'os:' at column 1 needs a value after it", column: 1 },
  { query: "os: Windows", message: "'os:' at column 1 needs a value after it", column: 1 },
  { query: "riskScore>", message: "'riskScore>' at column 1 needs a value after it", column: 1 },
  { query: 'os:""', message: "empty value at column 4", column: 4 },
  { query: "os:``", message: "empty value at column 4", column: 4 },
  {
    query: 'os:"abc',
    message: "unterminated quote starting at column 4",
    column: 4,
    suggestion: '"',
  },
  {
    query: "os:`abc",
    message: "unterminated backtick starting at column 4",
    column: 4,
    suggestion: "`",
  },
  { query: ":x", message: "':' at column 1 needs a field name before it", column: 1 },
  {
    query: "os:x(y)",
    message: "unexpected '(' at column 5; add a space before it or quote the value",
    column: 5,
  },
  {
    query: 'os:x"y"',
    message: `unexpected '"y"' at column 5; add a space before it or quote the value`,
    column: 5,
  },
  {
    query: "riskScore>(1)",
    message: "'>' at column 10 cannot be followed by '('; use 'riskScore:( … )'",
    column: 10,
  },
  {
    query: "os:(name:x)",
    message: "field 'name' at column 5 cannot be used inside 'os:( … )', which takes values only",
    column: 5,
  },
  {
    query: "os:x\u0000",
    message: "unexpected control character U+0000 at column 5",
    column: 5,
  },
  {
    query: `${"(".repeat(17)}os:x${")".repeat(17)}`,
    message: "query nests deeper than 16 levels at column 17; simplify it",
    column: 17,
  },
  {
    query: `${"NOT ".repeat(17)}os:x`,
    message: "query nests deeper than 16 levels at column 65; simplify it",
    column: 65,
  },
  {
    query: "vulnerabilities:(asset:(vulnerabilities:(asset:(vulnerabilities:(severity:5)))))",
    message: "query crosses more than 4 related tables at column 49; simplify it",
    column: 49,
  },
  {
    query: "x".repeat(2001),
    message: "query is 2001 characters long; the limit is 2000",
    column: 2001,
  },
];

function compile(query: string, catalogue: "assets" | "findings" = "assets", options = OPTIONS) {
  return catalogue === "assets"
    ? compileAssetQuery(query, options)
    : compileFindingQuery(query, options);
}

describe("compile", () => {
  it.each(compiles)("$query", ({ query, catalogue, options, where, params }) => {
    expect(compile(query, catalogue, options ?? OPTIONS)).toEqual({ where, params });
  });
});

describe("compile errors", () => {
  it.each(errors)("$query", ({ query, catalogue, message, column, suggestion }) => {
    let thrown: unknown;
    try {
      compile(query, catalogue);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(QueryError);
    const error = thrown as QueryError;
    expect(error.message).toBe(message);
    expect(error.column).toBe(column);
    expect(error.suggestion).toBe(suggestion);
  });
});

describe("compile options", () => {
  it("rejects a tenant placeholder the caller does not own", () => {
    expect(() => compileAssetQuery("os:x", { tenantParam: 2, paramOffset: 1 })).toThrow(
      /tenantParam/,
    );
  });

  it("starts after the tenant placeholder when no offset is given", () => {
    expect(compileAssetQuery("criticality:3", { tenantParam: 1 })).toEqual({
      where: `a."criticality" = $2::integer`,
      params: ["3"],
    });
  });

  it("accepts a 2,000-character query", () => {
    const query = `name:${"x".repeat(1995)}`;
    expect(query).toHaveLength(2000);
    expect(compileAssetQuery(query).params).toEqual([`%${"x".repeat(1995)}%`]);
  });
});
