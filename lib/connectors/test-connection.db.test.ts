import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { signApiJwt } from "@/lib/auth/api-jwt";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exportToProcessEnv } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { explainHttpStatus } from "@/lib/qualys/errors";
import { encryptSecrets } from "@/lib/secrets/crypto";
import { createTenantWithUser, createTestDatabase, TEST_SECRET_KEY } from "@/test/support/db";
import { startQualysServer, type QualysTestServer } from "@/test/support/qualys-server";

import { testConnectorConnection } from "./test-connection";

// Bearer tokens only: the cookie-session half of the API wrapper needs next-auth,
// which does not load outside Next.js.
vi.mock("@/lib/auth/config", () => ({ auth: async () => null }));

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];
let server: QualysTestServer;

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
  // The Qualys test server listens on loopback.
  exportToProcessEnv({ SLUICE_ALLOW_PRIVATE_NETWORKS: "true" });
  server = await startQualysServer();
});
afterAll(() => server.close());

async function connector(
  tenantId: string,
  type: string,
  config: Prisma.InputJsonObject,
  secrets: Record<string, string> | null,
) {
  return prisma.connector.create({
    data: {
      tenantId,
      name: `${type} ${Math.random().toString(36).slice(2, 8)}`,
      type,
      findingType: type === "csam-api" ? "ASSET" : "VULNERABILITY",
      config,
      secrets: secrets ? encryptSecrets(secrets, TEST_SECRET_KEY) : null,
    },
    select: { id: true },
  });
}

describe("testConnectorConnection", () => {
  it("tests a stored CSAM connector with its decrypted credentials", async () => {
    const { tenant } = await createTenantWithUser(prisma, "operator");
    const { id } = await connector(
      tenant.id,
      "csam-api",
      { baseUrl: `${server.url}/` },
      { username: server.username, password: server.password },
    );
    const result = await testConnectorConnection({ tenantId: tenant.id, connectorId: id });
    expect(result).toMatchObject({ ok: true });
  });

  it("explains a wrong stored password without revealing it", async () => {
    const { tenant } = await createTenantWithUser(prisma, "operator");
    const { id } = await connector(
      tenant.id,
      "qualys-vm",
      { apiUrl: server.url, contentTypes: ["HOSTS"] },
      { username: server.username, password: "stale-password-123" },
    );
    const result = await testConnectorConnection({ tenantId: tenant.id, connectorId: id });
    expect(result).toMatchObject({ ok: false, title: explainHttpStatus(401).title });
    expect(JSON.stringify(result)).not.toContain("stale-password-123");
  });

  it("reports missing credentials as invalid settings instead of calling Qualys", async () => {
    const { tenant } = await createTenantWithUser(prisma, "operator");
    const { id } = await connector(tenant.id, "qualys-vm", { apiUrl: server.url }, null);
    server.reset();
    const result = await testConnectorConnection({ tenantId: tenant.id, connectorId: id });
    expect(result).toMatchObject({ ok: false, title: expect.stringMatching(/credentials/) });
    expect(server.requests).toHaveLength(0);
  });

  it("never finds another tenant's connector", async () => {
    const owner = await createTenantWithUser(prisma, "operator");
    const other = await createTenantWithUser(prisma, "operator");
    const { id } = await connector(owner.tenant.id, "csam-api", { baseUrl: server.url }, null);
    await expect(
      testConnectorConnection({ tenantId: other.tenant.id, connectorId: id }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("POST /api/v1/connectors/[id]/test", () => {
  async function call(token: string, id: string) {
    const { POST } = await import("@/app/api/v1/connectors/[id]/test/route");
    const request = new NextRequest(`http://sluice.test/api/v1/connectors/${id}/test`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    return POST(request, { params: Promise.resolve({ id }) });
  }

  it("answers the test result to an operator, and refuses a viewer", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const { id } = await connector(
      tenant.id,
      "qualys-vm",
      { apiUrl: server.url, contentTypes: ["HOSTS", "VULNERABILITIES"] },
      { username: server.username, password: server.password },
    );
    const response = await call(await signApiJwt({ userId: user.id, tenantId: tenant.id }), id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; summary?: string };
    expect(body).toMatchObject({ ok: true, summary: expect.stringContaining("127.0.0.1") });
    expect(JSON.stringify(body)).not.toContain(server.password);

    const viewer = await prisma.user.create({
      data: {
        tenantId: tenant.id,
        email: `viewer-${id}@example.test`,
        name: "viewer",
        role: "viewer",
        passwordHash: "x",
      },
    });
    const refused = await call(await signApiJwt({ userId: viewer.id, tenantId: tenant.id }), id);
    expect(refused.status).toBe(403);
  });

  it("answers 404 for another tenant's connector and 400 for a malformed id", async () => {
    const owner = await createTenantWithUser(prisma, "operator");
    const other = await createTenantWithUser(prisma, "operator");
    const { id } = await connector(owner.tenant.id, "csam-api", { baseUrl: server.url }, null);
    const token = await signApiJwt({ userId: other.user.id, tenantId: other.tenant.id });
    expect((await call(token, id)).status).toBe(404);
    expect((await call(token, "not-a-uuid")).status).toBe(400);
  });
});
