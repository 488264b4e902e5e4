// Compiled queries run against a real, migrated PostgreSQL: the exact rows
// they return, and proof that no query the compiler accepts fails in SQL.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/support/db";
import { compileAssetQuery, compileFindingQuery } from "./compile";
import { QueryError } from "./errors";
import { structuredQuery, tokenSoup } from "./fuzz-arbitraries";

const NOW = new Date("2026-02-25T00:00:00Z");

const { prisma } = await createTestDatabase();

// Names of the seeded rows, resolved to their ids once inserted.
const assetIds = new Map<string, string>();
const findingIds = new Map<string, string>();
let tenantId = "";

async function seed() {
  const tenant = await prisma.tenant.create({ data: { name: "Acme", slug: "acme" } });
  const other = await prisma.tenant.create({ data: { name: "Other", slug: "other" } });
  tenantId = tenant.id;

  const connector = (tenant: string, name: string, type: string) =>
    prisma.connector.create({
      data: {
        tenantId: tenant,
        name,
        type,
        findingType: type === "qualys-vm" ? "VULNERABILITY" : "ASSET",
      },
    });
  const csam = await connector(tenant.id, "CSAM prod", "csam-api");
  const vm = await connector(tenant.id, "Qualys VM", "qualys-vm");
  const otherCsam = await connector(other.id, "CSAM prod", "csam-api");

  const asset = async (
    key: string,
    data: {
      tenantId?: string;
      hostname?: string;
      fqdn?: string;
      ipAddresses?: string[];
      os?: string;
      criticality: number;
      riskScore: number;
      tags?: string[];
      attributes?: object;
      firstSeenAt?: Date;
      lastSeenAt: Date;
      sources?: { connectorId: string; sourceName: string }[];
      identifiers?: { kind: string; value: string }[];
    },
  ) => {
    const owner = data.tenantId ?? tenant.id;
    const created = await prisma.asset.create({
      data: {
        tenantId: owner,
        name: key,
        hostname: data.hostname,
        fqdn: data.fqdn,
        ipAddresses: data.ipAddresses ?? [],
        os: data.os,
        criticality: data.criticality,
        riskScore: data.riskScore,
        tags: data.tags ?? [],
        attributes: data.attributes ?? {},
        firstSeenAt: data.firstSeenAt ?? new Date("2025-06-01T00:00:00Z"),
        lastSeenAt: data.lastSeenAt,
        sources: {
          create: (data.sources ?? []).map((source) => ({
            ...source,
            sourceRecordId: `${key}-${source.sourceName}`,
          })),
        },
        identifiers: {
          create: (data.identifiers ?? []).map((identifier) => ({
            ...identifier,
            tenantId: owner,
          })),
        },
      },
    });
    assetIds.set(key, created.id);
    return created.id;
  };

  const web01 = await asset("web01", {
    hostname: "web01",
    fqdn: "web01.corp.example",
    ipAddresses: ["10.0.0.5", "fe80::1"],
    os: "Windows Server 2019",
    criticality: 4,
    riskScore: 750,
    tags: ["prod", "dmz"],
    attributes: { cloud: { region: "us-east-1" } },
    firstSeenAt: new Date("2025-12-01T00:00:00Z"),
    lastSeenAt: new Date("2026-02-20T09:00:00Z"),
    sources: [{ connectorId: csam.id, sourceName: "CSAM" }],
    identifiers: [
      { kind: "MAC", value: "00:11:22:33:44:55" },
      { kind: "BIOS_SERIAL", value: "VMW-1" },
    ],
  });
  const db01 = await asset("db01", {
    hostname: "db01",
    ipAddresses: ["10.1.2.3"],
    os: "Ubuntu 22.04",
    criticality: 5,
    riskScore: 300,
    tags: ["prod"],
    attributes: { cloud: { region: "eu-west-1" } },
    lastSeenAt: new Date("2026-01-10T08:00:00Z"),
    sources: [
      { connectorId: csam.id, sourceName: "CSAM" },
      { connectorId: vm.id, sourceName: "Qualys VM" },
    ],
  });
  const laptop = await asset("laptop-7", {
    // A malformed address from a source must not break inet matching.
    ipAddresses: ["192.168.1.20", "not-an-ip"],
    os: "Windows 11",
    criticality: 2,
    riskScore: 0,
    lastSeenAt: new Date("2025-11-01T00:00:00Z"),
    sources: [{ connectorId: vm.id, sourceName: "Qualys VM" }],
  });
  await asset("printer", {
    criticality: 1,
    riskScore: 10,
    tags: ["lab"],
    lastSeenAt: new Date("2024-06-01T00:00:00Z"),
  });
  const foreign = await asset("foreign-web01", {
    tenantId: other.id,
    ipAddresses: ["10.0.0.5"],
    os: "Windows Server 2019",
    criticality: 5,
    riskScore: 999,
    tags: ["prod"],
    lastSeenAt: new Date("2026-02-20T00:00:00Z"),
    sources: [{ connectorId: otherCsam.id, sourceName: "CSAM" }],
  });

  const finding = async (
    key: string,
    data: {
      assetId: string;
      qid: number;
      severity: number;
      status: "NEW" | "ACTIVE" | "REOPENED" | "FIXED";
      type?: "CONFIRMED" | "POTENTIAL" | "INFO";
      title?: string;
      cves?: string[];
      cvss3Base?: number;
      port?: number;
      protocol?: string;
      lastDetectedAt?: Date;
      tenantId?: string;
    },
  ) => {
    const created = await prisma.finding.create({
      data: { tenantId: tenant.id, connectorId: vm.id, ...data },
    });
    findingIds.set(key, created.id);
  };
  await finding("log4j", {
    assetId: web01,
    qid: 100,
    severity: 5,
    status: "ACTIVE",
    title: "Apache Log4j remote code execution",
    cves: ["CVE-2021-44228"],
    cvss3Base: 10,
    port: 443,
    protocol: "tcp",
    lastDetectedAt: new Date("2026-02-01T00:00:00Z"),
  });
  await finding("old-ssl", { assetId: web01, qid: 101, severity: 2, status: "FIXED" });
  await finding("db-potential", {
    assetId: db01,
    qid: 102,
    severity: 4,
    status: "NEW",
    type: "POTENTIAL",
  });
  await finding("laptop-fixed", { assetId: laptop, qid: 103, severity: 4, status: "FIXED" });
  await finding("laptop-info", {
    assetId: laptop,
    qid: 104,
    severity: 1,
    status: "ACTIVE",
    type: "INFO",
  });
  await finding("foreign", {
    assetId: foreign,
    tenantId: other.id,
    qid: 100,
    severity: 5,
    status: "ACTIVE",
  });
}

beforeAll(seed);

function names(ids: Map<string, string>, rows: { id: string }[]) {
  const byId = new Map([...ids].map(([name, id]) => [id, name]));
  return rows.map((row) => byId.get(row.id) ?? `unknown ${row.id}`).sort();
}

async function assets(query: string) {
  const { where, params } = compileAssetQuery(query, { tenantParam: 1, now: NOW });
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT a.id FROM assets a WHERE a."tenantId" = $1::uuid AND (${where})`,
    tenantId,
    ...params,
  );
  return names(assetIds, rows);
}

async function findings(query: string) {
  const { where, params } = compileFindingQuery(query, { tenantParam: 1, now: NOW });
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT f.id FROM findings f WHERE f."tenantId" = $1::uuid AND (${where})`,
    tenantId,
    ...params,
  );
  return names(findingIds, rows);
}

const assetCases: [string, string[]][] = [
  ["", ["db01", "laptop-7", "printer", "web01"]],
  ["inventory:(source:`CSAM`)", ["db01", "web01"]],
  ["inventory.source:`CSAM`", ["db01", "web01"]],
  ["source:csam", ["db01", "web01"]],
  ["source:`CSA`", []],
  ["NOT source:`CSAM`", ["laptop-7", "printer"]],
  ["inventory:(source:`CSAM`) and os:Windows*", ["web01"]],
  ["os:Windows*", ["laptop-7", "web01"]],
  ["os:server", ["web01"]],
  // printer has no OS at all; NOT must still return it.
  ["NOT os:Windows*", ["db01", "printer"]],
  ["os:`windows 11`", ["laptop-7"]],
  ["os:`Windows`", []],
  ["os:*", ["db01", "laptop-7", "web01"]],
  ["criticality>=4", ["db01", "web01"]],
  ["riskScore>500", ["web01"]],
  ["riskScore<=10", ["laptop-7", "printer"]],
  ["tag:prod", ["db01", "web01"]],
  ["NOT tag:prod", ["laptop-7", "printer"]],
  ["ip:10.0.0.0/8", ["db01", "web01"]],
  ["ip:10.0.0.5", ["web01"]],
  ["ip:fe80::/10", ["web01"]],
  ["ip:192.168.*", ["laptop-7"]],
  ["ip:`not-an-ip`", ["laptop-7"]],
  ['connector:"Qualys VM"', ["db01", "laptop-7"]],
  ["mac:00:11:22:33:44:55", ["web01"]],
  ["biosSerial:`vmw-1`", ["web01"]],
  ["attributes.cloud.region:us-east-1", ["web01"]],
  ["NOT attributes.cloud.region:us*", ["db01", "laptop-7", "printer"]],
  ["lastSeen>=2026-01-01", ["db01", "web01"]],
  ["lastSeen:2026-01", ["db01"]],
  ["lastSeen:2026-01-10", ["db01"]],
  ["lastSeen<2026-01-10", ["laptop-7", "printer"]],
  ["lastSeen<=2026-01-10", ["db01", "laptop-7", "printer"]],
  ["lastSeen>2026-01-10", ["web01"]],
  ["lastSeen>=now-7d", ["web01"]],
  ["firstSeen>=2025-12-01T00:00:00Z", ["web01"]],
  ["vulnerabilities:(severity>=4 and status:Active)", ["web01"]],
  // The dotted form may match the two conditions on different findings.
  ["vulnerabilities.severity>=4 vulnerabilities.status:Active", ["laptop-7", "web01"]],
  ["vulnerabilities:(cve:CVE-2021-44228)", ["web01"]],
  ["NOT vulnerabilities:(status:*)", ["printer"]],
  ["vulnerabilities:(type:IG OR type:Potential)", ["db01", "laptop-7"]],
  ["web", ["web01"]],
  ["10.1.2", ["db01"]],
  ["(os:Windows* OR criticality:5) AND NOT tag:dmz", ["db01", "laptop-7"]],
  ["os:(ubuntu OR `Windows 11`)", ["db01", "laptop-7"]],
];

const findingCases: [string, string[]][] = [
  ["status:Active", ["laptop-info", "log4j"]],
  ["status:(New OR Reopened)", ["db-potential"]],
  ["type:IG", ["laptop-info"]],
  ["severity>=4", ["db-potential", "laptop-fixed", "log4j"]],
  ["asset:(os:Windows*)", ["laptop-fixed", "laptop-info", "log4j", "old-ssl"]],
  ["asset.source:`CSAM`", ["db-potential", "log4j", "old-ssl"]],
  ["cve:CVE-2021", ["log4j"]],
  ["cvss3>=9", ["log4j"]],
  ["NOT cvss3>=9", ["db-potential", "laptop-fixed", "laptop-info", "old-ssl"]],
  ["port:443 protocol:tcp", ["log4j"]],
  ["lastDetected>=2026-01-01", ["log4j"]],
  ["asset:(vulnerabilities:(qid:102))", ["db-potential"]],
  ['connector:"Qualys VM" qid<=101', ["log4j", "old-ssl"]],
  ["log4j", ["log4j"]],
];

describe("asset queries in PostgreSQL", () => {
  it.each(assetCases)("%s", async (query, expected) => {
    expect(await assets(query)).toEqual(expected);
  });
});

describe("finding queries in PostgreSQL", () => {
  it.each(findingCases)("%s", async (query, expected) => {
    expect(await findings(query)).toEqual(expected);
  });
});

describe("fuzz corpus in PostgreSQL", () => {
  // Fixed seeds keep the corpus reproducible; every query the compiler
  // accepts must run without a SQL error (bad casts, type mismatches, …).
  const corpus = [
    ...fc.sample(structuredQuery, { numRuns: 300, seed: 7 }),
    ...fc.sample(tokenSoup, { numRuns: 600, seed: 42 }),
  ];

  it.each([
    ["assets", assets],
    ["findings", findings],
  ] as const)("runs every compilable query over %s", async (_name, run) => {
    let executed = 0;
    for (const query of corpus) {
      try {
        await run(query);
        executed++;
      } catch (error) {
        if (error instanceof QueryError) continue;
        throw new Error(`query ${JSON.stringify(query)} failed in SQL: ${String(error)}`);
      }
    }
    expect(executed).toBeGreaterThan(100);
  });
});
