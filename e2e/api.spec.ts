import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { SignJWT } from "jose";
import { deriveKey } from "../lib/secrets/keys";
import { E2E_ADMIN, E2E_DATA_DIR } from "./support/settings";

test("GET /api/health reports the database, migrations and in-process workers", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.database.ok).toBe(true);
  expect(body.migrations.pending).toEqual([]);
  await expect
    .poll(async () => (await (await request.get("/api/health")).json()).workers.alive)
    .toBeGreaterThan(0);
});

test("POST /auth answers missing fields with 400 naming them", async ({ request }) => {
  const response = await request.post("/auth", { form: { username: E2E_ADMIN.email } });
  expect(response.status()).toBe(400);
  const body = await response.json();
  expect(body.error.code).toBe("validation_failed");
  expect(Object.keys(body.error.fields).sort()).toEqual(["password", "token"]);
});

test("POST /auth answers a wrong password with 401 JSON", async ({ request }) => {
  const response = await request.post("/auth", {
    form: { username: E2E_ADMIN.email, password: "wrong", token: "true" },
  });
  expect(response.status()).toBe(401);
  expect((await response.json()).error).toMatchObject({
    code: "unauthorized",
    message: "Wrong e-mail or password.",
  });
});

test("a token from POST /auth opens the API for four hours, and an older one is refused", async ({
  request,
}) => {
  const response = await request.post("/auth", {
    form: { username: E2E_ADMIN.email, password: E2E_ADMIN.password, token: "true" },
  });
  expect(response.status()).toBe(200);
  const token = (await response.text()).trim();
  expect(token.split(".")).toHaveLength(3);

  const me = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  const user = await me.json();
  expect(user).toMatchObject({ email: E2E_ADMIN.email, role: "admin", tenant: { name: "Demo" } });

  expect((await request.get("/api/v1/me")).status()).toBe(401);

  // A token the server itself would have issued 4 hours and 1 minute ago.
  const secret = readFileSync(join(E2E_DATA_DIR, "secret.key"), "utf8").trim();
  const issued = Math.floor(Date.now() / 1000) - 4 * 3600 - 60;
  const old = await new SignJWT({ tid: user.tenant.id })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(user.id)
    .setIssuer("sluice")
    .setAudience("sluice-api")
    .setIssuedAt(issued)
    .setExpirationTime(issued + 4 * 3600)
    .sign(new Uint8Array(deriveKey(secret, "api-jwt")));
  const expired = await request.get("/api/v1/me", { headers: { authorization: `Bearer ${old}` } });
  expect(expired.status()).toBe(401);
  expect((await expired.json()).error.message).toMatch(/expired/);
});

test("with a token from POST /auth, a script creates a connector, reads it without its password and deletes it", async ({
  request,
}) => {
  const auth = await request.post("/auth", {
    form: { username: E2E_ADMIN.email, password: E2E_ADMIN.password, token: "true" },
  });
  expect(auth.status()).toBe(200);
  const headers = { authorization: `Bearer ${(await auth.text()).trim()}` };
  const password = `e2e-csam-password-${Date.now()}`;

  const created = await request.post("/api/v1/connectors", {
    headers,
    data: {
      basic: { name: `API CSAM ${Date.now()}`, type: "csam-api", findingType: "ASSET" },
      source: {
        config: { baseUrl: "https://gateway.qg2.apps.qualys.com" },
        secrets: { username: "api-user", password },
      },
      transformMap: {
        name: "CSAM hosts",
        mappings: [{ sourceField: "dnsName", dataType: "string", targetField: "dnsName" }],
      },
    },
  });
  expect(created.status()).toBe(201);
  const connector = await created.json();
  expect(connector).toMatchObject({
    type: "csam-api",
    state: "REGISTERED",
    source: { secrets: { usernameSet: true, passwordSet: true } },
  });
  expect(JSON.stringify(connector)).not.toContain(password);

  const fetched = await request.get(`/api/v1/connectors/${connector.id}`, { headers });
  expect(fetched.status()).toBe(200);
  expect(await fetched.text()).not.toContain(password);
  expect((await fetched.json()).name).toBe(connector.name);

  const invalid = await request.post("/api/v1/connectors", {
    headers,
    data: { basic: { name: connector.name, type: "csam-api", findingType: "ASSET" } },
  });
  expect(invalid.status()).toBe(400);
  expect((await invalid.json()).error.fields).toMatchObject({
    "basic.name": ["A connector with this name already exists."],
  });

  const deleted = await request.delete(`/api/v1/connectors/${connector.id}`, { headers });
  expect(deleted.status()).toBe(204);
  expect((await request.get(`/api/v1/connectors/${connector.id}`, { headers })).status()).toBe(404);
});
