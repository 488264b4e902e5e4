// REST v1 connectors CRUD through the real route handlers and a real
// PostgreSQL: POST/GET /api/v1/connectors and GET/PATCH/DELETE
// /api/v1/connectors/{id}.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { signApiJwt } from "@/lib/auth/api-jwt";
import { decryptSecrets } from "@/lib/secrets/crypto";
import { createTenantWithUser, createTestDatabase, TEST_SECRET_KEY } from "@/test/support/db";

import { DELETE, GET as GET_ONE, PATCH } from "./[id]/route";
import { GET as LIST, POST } from "./route";

// Bearer tokens only: the cookie-session half of the API wrapper needs next-auth,
// which does not load outside Next.js.
vi.mock("@/lib/auth/config", () => ({ auth: async () => null }));

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

const PASSWORD = "Qualys-plaintext-P4ssw0rd!";
const SECRET_KEY = "wJalrXUtnFEMI-plaintext-secret-K7MDENG";

type Caller = { token: string; tenantId: string; userId: string };

async function caller(role: "admin" | "operator" | "viewer" = "operator"): Promise<Caller> {
  const { tenant, user } = await createTenantWithUser(prisma, role);
  return {
    token: await signApiJwt({ userId: user.id, tenantId: tenant.id }),
    tenantId: tenant.id,
    userId: user.id,
  };
}

/** Another user of the same tenant. */
async function colleague(of: Caller, role: "admin" | "operator" | "viewer"): Promise<Caller> {
  const user = await prisma.user.create({
    data: {
      tenantId: of.tenantId,
      email: `${role}-${Math.random().toString(36).slice(2)}@example.test`,
      name: role,
      role,
      passwordHash: "x",
    },
  });
  return {
    token: await signApiJwt({ userId: user.id, tenantId: of.tenantId }),
    tenantId: of.tenantId,
    userId: user.id,
  };
}

function request(method: string, path: string, token: string, body?: unknown) {
  return new NextRequest(`http://sluice.test${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

const api = {
  list: (who: Caller) => LIST(request("GET", "/api/v1/connectors", who.token), noParams),
  create: (who: Caller, body: unknown) =>
    POST(request("POST", "/api/v1/connectors", who.token, body), noParams),
  get: (who: Caller, id: string) =>
    GET_ONE(request("GET", `/api/v1/connectors/${id}`, who.token), idParams(id)),
  patch: (who: Caller, id: string, body: unknown) =>
    PATCH(request("PATCH", `/api/v1/connectors/${id}`, who.token, body), idParams(id)),
  delete: (who: Caller, id: string) =>
    DELETE(request("DELETE", `/api/v1/connectors/${id}`, who.token), idParams(id)),
};

/** A CSAM connector: credentials, its own mappings, defaults for the rest. */
function csamBody(name: string) {
  return {
    basic: { name, type: "csam-api", findingType: "ASSET" },
    source: {
      config: { baseUrl: "https://gateway.qg2.apps.qualys.com", tagFilter: "Production" },
      secrets: { username: "api-user", password: PASSWORD },
    },
    transformMap: {
      name: "CSAM hosts",
      mappings: [
        { sourceField: "dnsName", dataType: "string", targetField: "dnsName" },
        { sourceField: "assetId", dataType: "string", targetField: "assetId" },
      ],
    },
  };
}

/** An S3 CSV connector that leans on its type's built-in Qualys scan template. */
function s3Body(name: string) {
  return {
    basic: { name, description: "Weekly scans", type: "s3-csv", findingType: "VULNERABILITY" },
    source: {
      config: {
        bucket: "scan-exports",
        region: "eu-west-1",
        prefix: "qualys/",
        authMode: "keys",
        endpoint: "http://127.0.0.1:9000",
      },
      secrets: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: SECRET_KEY },
    },
    profile: {
      schedule: {
        kind: "recurring",
        startsAt: "2026-01-05T06:00",
        intervalMinutes: "60",
        timeZone: "Europe/Berlin",
      },
    },
  };
}

/** The encrypted credentials column, which the client omits unless asked. */
async function storedSecrets(id: string) {
  const row = await prisma.connector.findUniqueOrThrow({
    where: { id },
    select: { secrets: true },
  });
  expect(row.secrets).not.toContain(PASSWORD);
  return decryptSecrets(row.secrets!, TEST_SECRET_KEY);
}

async function json(response: Response) {
  const text = await response.text();
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain(SECRET_KEY);
  // Bodies are asserted field by field, so they are read loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return text ? (JSON.parse(text) as Record<string, any>) : null;
}

describe("REST v1 connectors", () => {
  it("creates, reads, changes, lists and deletes a connector, never answering its secrets", async () => {
    const operator = await caller("operator");

    const created = await api.create(operator, csamBody("CSAM production"));
    const connector = (await json(created))!;
    expect(created.status, JSON.stringify(connector)).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/connectors/${connector.id}`);
    expect(connector).toMatchObject({
      name: "CSAM production",
      type: "csam-api",
      typeLabel: "Qualys CSAM API",
      findingType: "ASSET",
      state: "REGISTERED",
      lastRun: null,
      basic: { name: "CSAM production", description: "", type: "csam-api", assetType: "HOST" },
      source: {
        config: { baseUrl: "https://gateway.qg2.apps.qualys.com", tagFilter: "Production" },
        secrets: { usernameSet: true, passwordSet: true },
      },
      dataModel: { key: "host-asset" },
      transformMap: { name: "CSAM hosts", templateKey: null, preambleLines: 0, delimiter: "," },
      profile: {
        name: "Default profile",
        status: "ACTIVE",
        schedule: { kind: "none" },
        keepFindingStatus: false,
      },
    });
    expect(
      connector.transformMap.mappings.map((m: { targetField: string }) => m.targetField),
    ).toEqual(["dnsName", "assetId"]);
    // The type's own identification rules, all on, when the body names none.
    expect(connector.identification.rules[0]).toEqual({ identifier: "ASSET_UUID", enabled: true });
    expect(connector.identification.rules).toHaveLength(8);

    // Stored encrypted, readable by the server alone.
    expect(await storedSecrets(connector.id)).toEqual({
      username: "api-user",
      password: PASSWORD,
    });

    const fetched = await api.get(operator, connector.id);
    expect(fetched.status).toBe(200);
    expect(await json(fetched)).toEqual(connector);

    // A partial change: the name, one config key, the schedule. The saved password stays.
    const patched = await api.patch(operator, connector.id, {
      basic: { name: "CSAM prod" },
      source: { config: { tagFilter: "PCI" }, secrets: { password: "" } },
      profile: {
        schedule: { kind: "recurring", startsAt: "2026-01-05T06:00", intervalMinutes: "120" },
      },
    });
    expect(patched.status).toBe(200);
    const changed = (await json(patched))!;
    expect(changed).toMatchObject({
      name: "CSAM prod",
      state: "SCHEDULED",
      source: {
        config: { baseUrl: "https://gateway.qg2.apps.qualys.com", tagFilter: "PCI" },
        secrets: { usernameSet: true, passwordSet: true },
      },
      profile: {
        name: "Default profile",
        schedule: { kind: "recurring", repeat: "interval", intervalMinutes: "120" },
        nextRunAt: expect.any(String),
      },
    });
    expect(changed.transformMap).toEqual(connector.transformMap);
    expect((await storedSecrets(connector.id)).password).toBe(PASSWORD);

    // A secret is replaced when given, and only then.
    await api.patch(operator, connector.id, { source: { secrets: { password: "rotated-pw-2" } } });
    expect(await storedSecrets(connector.id)).toEqual({
      username: "api-user",
      password: "rotated-pw-2",
    });

    const listed = await api.list(operator);
    expect(listed.status).toBe(200);
    expect((await json(listed))!.items).toEqual([
      expect.objectContaining({
        id: connector.id,
        name: "CSAM prod",
        type: "csam-api",
        state: "SCHEDULED",
        lastRun: null,
      }),
    ]);

    const deleted = await api.delete(operator, connector.id);
    expect(deleted.status).toBe(204);
    expect((await api.get(operator, connector.id)).status).toBe(404);
    expect((await json(await api.list(operator)))!.items).toEqual([]);
    const audit = await prisma.auditLog.findMany({
      where: { tenantId: operator.tenantId, targetId: connector.id },
      select: { action: true },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "connector.created",
      "connector.updated",
      "connector.updated",
      "connector.deleted",
    ]);
  });

  it("fills the transform map from the type's built-in template and schedules the profile", async () => {
    const operator = await caller("admin");
    const response = await api.create(operator, s3Body("Scans"));
    const connector = (await json(response))!;
    expect(response.status, JSON.stringify(connector)).toBe(201);
    expect(connector).toMatchObject({
      state: "SCHEDULED",
      dataModel: { key: "vulnerability-finding" },
      transformMap: { templateKey: "qualys-vm-scan-csv" },
      source: { secrets: { accessKeyIdSet: true, secretAccessKeySet: true } },
      profile: {
        schedule: { kind: "recurring", intervalMinutes: "60", timeZone: "Europe/Berlin" },
      },
    });
    expect(connector.transformMap.mappings.length).toBeGreaterThan(5);
  });

  it("takes keepFindingStatus on create, keeps it through other PATCHes and flips it on request", async () => {
    const operator = await caller("operator");
    const body = s3Body("Keeps status");
    const created = await api.create(operator, {
      ...body,
      profile: { ...body.profile, keepFindingStatus: true },
    });
    const connector = (await json(created))!;
    expect(created.status, JSON.stringify(connector)).toBe(201);
    expect(connector.profile.keepFindingStatus).toBe(true);
    expect((await json(await api.get(operator, connector.id)))!.profile.keepFindingStatus).toBe(
      true,
    );

    // Leaving it out of a PATCH must not reset it to the create default.
    const renamed = await api.patch(operator, connector.id, { profile: { name: "Nightly" } });
    expect(renamed.status).toBe(200);
    expect((await json(renamed))!.profile).toMatchObject({
      name: "Nightly",
      keepFindingStatus: true,
    });

    const flipped = await api.patch(operator, connector.id, {
      profile: { keepFindingStatus: false },
    });
    expect(flipped.status).toBe(200);
    expect((await json(flipped))!.profile.keepFindingStatus).toBe(false);
    expect((await json(await api.get(operator, connector.id)))!.profile.keepFindingStatus).toBe(
      false,
    );
  });

  it("answers invalid bodies with 400 and the field paths to fix", async () => {
    const operator = await caller("operator");
    const cases: [string, unknown, Record<string, RegExp>][] = [
      [
        "missing name and finding type",
        { basic: { type: "csam-api" } },
        { "basic.name": /string/i, "basic.findingType": /Choose what this connector imports/ },
      ],
      [
        "an unknown connector type",
        { ...csamBody("X"), basic: { name: "X", type: "ftp", findingType: "ASSET" } },
        { "basic.type": /Unknown connector type "ftp". Use one of: s3-csv, csam-api/ },
      ],
      [
        "a missing password and a bad URL",
        {
          ...csamBody("Y"),
          source: { config: { baseUrl: "not a url" }, secrets: { username: "u" } },
        },
        { "source.secrets.password": /./, "source.config.baseUrl": /./ },
      ],
      [
        "a mapping to an attribute the model lacks",
        {
          ...csamBody("Z"),
          transformMap: {
            name: "m",
            mappings: [{ sourceField: "a", dataType: "string", targetField: "kernel" }],
          },
        },
        { "transformMap.mappings.0.targetField": /No such attribute in the data model/ },
      ],
      [
        "a CSAM connector without a transform map",
        { ...csamBody("W"), transformMap: undefined },
        { transformMap: /no built-in transform map: send transformMap/ },
      ],
      [
        "an unknown template",
        { ...s3Body("V"), transformMap: { templateKey: "nope" } },
        { "transformMap.templateKey": /Unknown transform map template "nope"/ },
      ],
      [
        "a schedule interval that is not a number",
        { ...s3Body("U"), profile: { schedule: { kind: "recurring", intervalMinutes: "soon" } } },
        { "profile.schedule.intervalMinutes": /whole minutes/ },
      ],
      [
        "an unknown identifier and an unknown top-level key",
        {
          ...csamBody("T"),
          identification: { rules: [{ identifier: "SSN", enabled: true }] },
          extra: 1,
        },
        { body: /Remove "extra": the fields here are basic, source/ },
      ],
    ];
    for (const [label, body, expected] of cases) {
      const response = await api.create(operator, body);
      expect(response.status, label).toBe(400);
      const { error } = (await json(response))!;
      expect(error.code, label).toBe("validation_failed");
      for (const [path, message] of Object.entries(expected)) {
        expect(error.fields?.[path]?.join(" "), `${label}: ${path}`).toMatch(message);
      }
      expect(error.message, label).toMatch(/not valid: /);
    }
    expect((await api.create(operator, "{not json")).status).toBe(400);
    expect(await prisma.connector.count({ where: { tenantId: operator.tenantId } })).toBe(0);
  });

  it("checks a change with the same schemas, and refuses a name taken or a type change", async () => {
    const operator = await caller("operator");
    const first = (await json(await api.create(operator, csamBody("First"))))!;
    await api.create(operator, csamBody("Second"));

    const cases: [string, unknown, Record<string, RegExp>][] = [
      ["a taken name", { basic: { name: "second" } }, { "basic.name": /already exists/ }],
      ["a type change", { basic: { type: "s3-csv" } }, { "basic.type": /cannot change/ }],
      ["an empty rule list", { identification: { rules: [] } }, { "identification.rules": /./ }],
      [
        "a blank saved-secret replacement that leaves none",
        { source: { config: { baseUrl: "ftp://x" } } },
        { "source.config.baseUrl": /./ },
      ],
      [
        "an unknown profile field",
        { profile: { colour: "red" } },
        { profile: /Remove "colour": the fields here are name, description/ },
      ],
      [
        "a keepFindingStatus that is not a boolean",
        { profile: { keepFindingStatus: "yes" } },
        { "profile.keepFindingStatus": /true or false/ },
      ],
    ];
    for (const [label, body, expected] of cases) {
      const response = await api.patch(operator, first.id, body);
      expect(response.status, label).toBe(400);
      const { error } = (await json(response))!;
      for (const [path, message] of Object.entries(expected)) {
        expect(error.fields?.[path]?.join(" "), `${label}: ${path}`).toMatch(message);
      }
    }
    // Renaming to its own name in another case is no conflict.
    const same = await api.patch(operator, first.id, { basic: { name: "FIRST" } });
    expect(same.status).toBe(200);
    expect((await json(same))!.name).toBe("FIRST");

    // Replacing mappings and rules replaces the whole lists.
    const replaced = await api.patch(operator, first.id, {
      transformMap: {
        mappings: [{ sourceField: "fqdn", dataType: "string", targetField: "dnsName" }],
      },
      identification: { rules: [{ identifier: "FQDN", enabled: true }] },
    });
    expect(replaced.status).toBe(200);
    const body = (await json(replaced))!;
    expect(body.transformMap.mappings).toEqual([
      { sourceField: "fqdn", dataType: "string", targetField: "dnsName", transforms: [] },
    ]);
    expect(body.transformMap.name).toBe("CSAM hosts");
    expect(body.identification.rules).toEqual([{ identifier: "FQDN", enabled: true }]);
  });

  it("lets a viewer read but not write, and hides other tenants' connectors", async () => {
    const owner = await caller("operator");
    const connector = (await json(await api.create(owner, csamBody("Mine"))))!;
    const viewer = await colleague(owner, "viewer");

    expect((await api.list(viewer)).status).toBe(200);
    expect((await api.get(viewer, connector.id)).status).toBe(200);
    for (const response of [
      await api.create(viewer, csamBody("Viewer's")),
      await api.patch(viewer, connector.id, { basic: { description: "x" } }),
      await api.delete(viewer, connector.id),
    ]) {
      expect(response.status).toBe(403);
      expect((await json(response))!.error.code).toBe("forbidden");
    }

    const stranger = await caller("admin");
    expect((await json(await api.list(stranger)))!.items).toEqual([]);
    for (const response of [
      await api.get(stranger, connector.id),
      await api.patch(stranger, connector.id, { basic: { description: "mine now" } }),
      await api.delete(stranger, connector.id),
    ]) {
      expect(response.status).toBe(404);
      expect((await json(response))!.error.message).toMatch(/No connector with this id/);
    }
    expect((await api.get(stranger, "not-a-uuid")).status).toBe(400);
    const untouched = await prisma.connector.findUniqueOrThrow({ where: { id: connector.id } });
    expect(untouched.description).toBe("");
  });

  it("refuses to delete while a run is active, and keeps findings and assets after", async () => {
    const operator = await caller("operator");
    const connector = (await json(await api.create(operator, s3Body("Busy"))))!;
    expect(connector.id).toEqual(expect.any(String));
    const run = await prisma.run.create({
      data: { tenantId: operator.tenantId, connectorId: connector.id, trigger: "MANUAL" },
    });
    const asset = await prisma.asset.create({
      data: { tenantId: operator.tenantId, name: "web01" },
    });
    await prisma.assetSource.create({
      data: {
        assetId: asset.id,
        connectorId: connector.id,
        sourceName: "S3 CSV",
        sourceRecordId: "1",
      },
    });
    const finding = await prisma.finding.create({
      data: {
        tenantId: operator.tenantId,
        assetId: asset.id,
        connectorId: connector.id,
        qid: 38170,
        severity: 3,
        title: "TLS",
      },
    });

    const refused = await api.delete(operator, connector.id);
    expect(refused.status).toBe(409);
    expect((await json(refused))!.error.message).toMatch(/still queued or processing; wait/);

    await prisma.run.update({ where: { id: run.id }, data: { state: "PROCESSED" } });
    expect((await api.delete(operator, connector.id)).status).toBe(204);
    expect(await prisma.run.count({ where: { connectorId: connector.id } })).toBe(0);
    expect(await prisma.transformMap.count({ where: { connectorId: connector.id } })).toBe(0);
    expect(await prisma.assetSource.count({ where: { connectorId: connector.id } })).toBe(0);
    expect(await prisma.asset.count({ where: { id: asset.id } })).toBe(1);
    expect(await prisma.finding.findUnique({ where: { id: finding.id } })).toMatchObject({
      connectorId: null,
    });
  });
});
