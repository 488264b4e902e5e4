// The S3 CSV connector end to end over real HTTP: an S3-compatible server
// holding the objects, an STS endpoint that checks the role's external ID,
// and a real PostgreSQL for the inventory.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportToProcessEnv } from "@/lib/env";
import { encryptSecrets } from "@/lib/secrets/crypto";
import { qualysScanReportColumns } from "@/lib/ingest/templates/qualys-vm-scan-csv";
import { testS3CsvConnection } from "@/lib/connectors/s3-csv/test";
import { createTenantWithUser, createTestDatabase, TEST_SECRET_KEY } from "@/test/support/db";
import { startS3Server, S3RVER_CREDENTIALS, type S3Server } from "@/test/support/s3-server";
import { startStsServer, type StsServer } from "@/test/support/sts-server";
import { addQualysScanTransformMap } from "@/test/support/transform-maps";
import { executeRun, uploadPath } from "./pipeline";

const ROLE = "arn:aws:iam::123456789012:role/SluiceCsvReader";
const EXTERNAL_ID = "sluice-pipelinetest0123456789abcdefghij";
const CALLER = {
  accessKeyId: "AKIASLUICEPIPELINE01",
  arn: "arn:aws:iam::999988887777:user/sluice",
};

const HEADER = qualysScanReportColumns.join(",");

function row(
  ip: string,
  dns: string,
  qid: number,
  port: string,
  severity: string,
  threat = "Old software",
) {
  return [
    ip,
    "Global Default Network",
    dns,
    dns.split(".")[0].toUpperCase(),
    "IP",
    "Linux 5",
    "host scanned",
    qid,
    `Finding ${qid}`,
    "Active",
    "Vuln",
    severity,
    port,
    "tcp",
    dns,
    "",
    "05/13/2021 09:10:11",
    "05/25/2021 10:11:12",
    "3",
    "",
    '"CVE-2021-0001,CVE-2021-0002"',
    "",
    "",
    "",
    "7.5",
    "",
    `"${threat}"`,
    "impact",
    "patch it",
    "",
    "",
    "no",
    "",
    "",
    "",
    "General",
    "",
  ].join(",");
}

const goodCsv = [
  HEADER,
  row("10.20.0.1", "web01.example.com", 105971, "443", "5", "line one\nline two"),
  row("10.20.0.1", "web01.example.com", 105971, "8443", "5"),
  row("10.20.0.2", "web02.example.com", 105971, "443", "5"),
  row("10.20.0.2", "web02.example.com", 91762, "", "2"),
].join("\r\n");
const badCsv = [
  HEADER,
  row("10.20.0.3", "web03.example.com", 100, "22", "x"),
  row("10.20.0.4", "web04.example.com", 101, "22", "3"),
].join("\n");

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];
let s3: S3Server;
let sts: StsServer;

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
  s3 = await startS3Server({ buckets: ["scans"] });
  sts = await startStsServer({
    callers: [CALLER],
    roles: [{ roleArn: ROLE, externalId: EXTERNAL_ID, trustedPrincipals: [CALLER.arn] }],
    onIssue: (c) => s3.registerAccessKey(c),
  });
  exportToProcessEnv({
    SLUICE_AWS_STS_ENDPOINT: sts.endpoint,
    AWS_ACCESS_KEY_ID: CALLER.accessKeyId,
    AWS_SECRET_ACCESS_KEY: "pipeline-test-secret",
    SLUICE_DATA_DIR: s3.directory,
  });
  const client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  });
  for (const [key, body] of [
    ["drops/scan 1.csv", goodCsv],
    ["drops/bad.csv", badCsv],
    ["drops/readme.txt", "not a csv"],
    ["elsewhere/other.csv", goodCsv],
  ]) {
    await client.send(new PutObjectCommand({ Bucket: "scans", Key: key, Body: body }));
  }
}, 60_000);

afterAll(async () => {
  await sts?.stop();
  await s3?.stop();
});

async function connectorFor(tenantId: string, externalId = EXTERNAL_ID) {
  const connector = await prisma.connector.create({
    data: {
      tenantId,
      name: `scans ${externalId.slice(-6)}`,
      type: "s3-csv",
      findingType: "VULNERABILITY",
      config: {
        bucket: "scans",
        region: "us-east-1",
        prefix: "drops/",
        authMode: "role",
        roleArn: ROLE,
        externalId,
        endpoint: s3.endpoint,
        concurrency: 2,
      },
      secrets: encryptSecrets({}, TEST_SECRET_KEY),
      identificationRules: {
        create: ["FQDN", "NETBIOS", "IP"].map((identifier, position) => ({ identifier, position })),
      },
    },
  });
  await addQualysScanTransformMap(prisma, { tenantId, connectorId: connector.id });
  return connector;
}

async function run(tenantId: string, connectorId: string) {
  const r = await prisma.run.create({
    data: { tenantId, connectorId, trigger: "MANUAL", source: "s3://scans/drops/" },
  });
  await executeRun(r.id);
  return prisma.run.findUniqueOrThrow({
    where: { id: r.id },
    include: { errors: { orderBy: { id: "asc" } } },
  });
}

describe("S3 CSV run", () => {
  it("ingests every .csv under the prefix once, keeps good rows of a bad file, and a second run reads nothing again", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const connector = await connectorFor(tenant.id);

    const first = await run(tenant.id, connector.id);
    expect(first.state).toBe("PROCESSED");
    expect(first).toMatchObject({
      objectsTotal: 3,
      objectsDone: 3,
      skipped: 1,
      rowsRead: 6,
      created: 5,
      rejected: 1,
    });
    const severityError = first.errors.find((e) => e.sourceKey === "s3://scans/drops/bad.csv");
    expect(severityError).toMatchObject({ line: 2, column: "Severity" });
    expect(await prisma.asset.count({ where: { tenantId: tenant.id } })).toBe(3);
    const findings = await prisma.finding.findMany({
      where: { tenantId: tenant.id, qid: 105971 },
      orderBy: { port: "asc" },
    });
    expect(findings.map((f) => f.port)).toEqual([443, 443, 8443]);
    const multiLine = findings.find((f) => f.port === 443 && f.threat?.includes("line two"));
    expect(multiLine?.threat).toBe("line one\nline two");
    expect(findings[0].cves).toEqual(["CVE-2021-0001", "CVE-2021-0002"]);
    expect((await prisma.connector.findUniqueOrThrow({ where: { id: connector.id } })).state).toBe(
      "PROCESSED",
    );

    const second = await run(tenant.id, connector.id);
    expect(second).toMatchObject({ state: "PROCESSED", created: 0, updated: 0, rowsRead: 0 });
    const ledger = await prisma.ingestLedgerEntry.groupBy({
      by: ["status"],
      where: { connectorId: connector.id },
      _count: true,
    });
    expect(Object.fromEntries(ledger.map((l) => [l.status, l._count]))).toEqual({
      INGESTED: 2,
      SKIPPED: 1,
    });
  });

  it("fails the run with the explanation when the role's external ID is wrong", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const connector = await connectorFor(tenant.id, "sluice-wrongexternalid0123456789abcdef");
    const result = await run(tenant.id, connector.id);
    expect(result.state).toBe("FAILED");
    expect(result.error).toMatch(/^Sluice could not assume the role .*external ID/);
    const test = await testS3CsvConnection({
      tenantId: tenant.id,
      connectorId: connector.id,
      config: connector.config as never,
      secrets: {},
      allowPrivateNetworks: true,
      signal: AbortSignal.timeout(20_000),
      log: () => {},
    });
    expect(test.ok).toBe(false);
    if (!test.ok) {
      expect(test.title).toMatch(/could not assume the role/);
      expect(test.checks.join(" ")).toMatch(/external ID/);
    }
  });

  it("passes the connection test with the right role and lists the prefix", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const connector = await connectorFor(
      tenant.id,
      "sluice-righttest0123456789abcdefghijkl".replace("righttest", "pipelinetest").slice(0, 39),
    );
    const result = await testS3CsvConnection({
      tenantId: tenant.id,
      connectorId: connector.id,
      config: { ...(connector.config as object), externalId: EXTERNAL_ID } as never,
      secrets: {},
      allowPrivateNetworks: true,
      signal: AbortSignal.timeout(20_000),
      log: () => {},
    });
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.summary).toMatch(/3 objects, 2 CSV/);
  });
});

describe("findings missing from a later full import", () => {
  async function upload(tenantId: string, connectorId: string, csv: string) {
    const r = await prisma.run.create({
      data: { tenantId, connectorId, trigger: "UPLOAD", source: "scan.csv" },
    });
    await mkdir(dirname(uploadPath(r.id)), { recursive: true });
    await writeFile(uploadPath(r.id), csv);
    await executeRun(r.id);
    return prisma.run.findUniqueOrThrow({ where: { id: r.id } });
  }
  const statusOf = async (tenantId: string, qid: number, port: number, dns: string) =>
    (
      await prisma.finding.findFirstOrThrow({
        where: { tenantId, qid, port, asset: { fqdn: dns } },
        select: { status: true, lastFixedAt: true },
      })
    ).status;

  it("become Fixed on the hosts the import reported, come back when reported again, and stay on hosts it did not report", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const connector = await connectorFor(tenant.id, "sluice-fixedbyabsence0123456789abcdef");
    expect(await upload(tenant.id, connector.id, goodCsv)).toMatchObject({
      state: "PROCESSED",
      created: 4,
      fixed: 0,
    });

    // web01 rescanned without its 8443 finding; web02 not in this scan at all.
    const rescan = [HEADER, row("10.20.0.1", "web01.example.com", 105971, "443", "5")].join("\n");
    expect(await upload(tenant.id, connector.id, rescan)).toMatchObject({
      state: "PROCESSED",
      fixed: 1,
    });
    const fixed = await prisma.finding.findFirstOrThrow({
      where: { tenantId: tenant.id, port: 8443 },
    });
    expect(fixed.status).toBe("FIXED");
    expect(fixed.lastFixedAt).not.toBeNull();
    expect(await statusOf(tenant.id, 105971, 443, "web01.example.com")).toBe("ACTIVE");
    expect(await statusOf(tenant.id, 105971, 443, "web02.example.com")).toBe("ACTIVE");
    expect(await statusOf(tenant.id, 91762, 0, "web02.example.com")).toBe("ACTIVE");
    // The score counts what is still open: web01 keeps one of its two findings.
    const web01 = await prisma.asset.findFirstOrThrow({
      where: { tenantId: tenant.id, fqdn: "web01.example.com" },
    });
    const levels = (web01.riskBreakdown as { levels: Record<string, { count: number }> }).levels;
    expect(Object.values(levels).reduce((sum, level) => sum + level.count, 0)).toBe(1);

    // Detected again: the file's own status wins.
    expect(await upload(tenant.id, connector.id, goodCsv)).toMatchObject({ fixed: 0 });
    expect(await statusOf(tenant.id, 105971, 8443, "web01.example.com")).toBe("ACTIVE");
    expect(
      await prisma.$queryRawUnsafe(`SELECT count(*)::int AS n FROM run_findings_seen`),
    ).toEqual([{ n: 0 }]);
  });

  it("become Fixed next to a finding the rescan changed, which stays Active", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const connector = await connectorFor(tenant.id, "sluice-fixedbesidechange0123456789ab");
    await upload(tenant.id, connector.id, goodCsv);
    // web01's 443 finding comes back with another severity (a write, not a note); 8443 is gone.
    const rescan = [HEADER, row("10.20.0.1", "web01.example.com", 105971, "443", "3")].join("\n");
    expect(await upload(tenant.id, connector.id, rescan)).toMatchObject({
      state: "PROCESSED",
      updated: 1,
      fixed: 1,
    });
    expect(await statusOf(tenant.id, 105971, 443, "web01.example.com")).toBe("ACTIVE");
    expect(await statusOf(tenant.id, 105971, 8443, "web01.example.com")).toBe("FIXED");
    expect(await statusOf(tenant.id, 91762, 0, "web02.example.com")).toBe("ACTIVE");
  });

  it("keep their status when the profile says so", async () => {
    const { tenant } = await createTenantWithUser(prisma);
    const connector = await connectorFor(tenant.id, "sluice-keepstatus0123456789abcdefghijk");
    await prisma.profile.create({
      data: {
        tenantId: tenant.id,
        connectorId: connector.id,
        name: "keep",
        keepFindingStatus: true,
      },
    });
    await upload(tenant.id, connector.id, goodCsv);
    const rescan = [HEADER, row("10.20.0.1", "web01.example.com", 105971, "443", "5")].join("\n");
    expect(await upload(tenant.id, connector.id, rescan)).toMatchObject({
      state: "PROCESSED",
      fixed: 0,
    });
    expect(await statusOf(tenant.id, 105971, 8443, "web01.example.com")).toBe("ACTIVE");
  });
});
