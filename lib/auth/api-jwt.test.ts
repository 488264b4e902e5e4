import { describe, expect, it } from "vitest";
import { exportToProcessEnv } from "@/lib/env";
import { UnauthorizedError } from "@/lib/errors";
import { API_TOKEN_TTL_SECONDS, signApiJwt, verifyApiJwt } from "./api-jwt";

exportToProcessEnv({
  DATABASE_URL: "postgresql://unused@127.0.0.1:1/unused",
  SLUICE_SECRET_KEY: "jwt-test-secret-0123456789abcdefghijklmnop",
});

const claims = {
  userId: "3f1c0f4e-7a54-4d1b-9e51-5f4b3b1b7a10",
  tenantId: "9a1c0f4e-7a54-4d1b-9e51-5f4b3b1b7a11",
};

describe("REST API JWT", () => {
  it("is valid for four hours", async () => {
    const token = await signApiJwt(claims);
    expect(await verifyApiJwt(token)).toEqual(claims);
    const [, payload] = token.split(".");
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString());
    expect(decoded.exp - decoded.iat).toBe(API_TOKEN_TTL_SECONDS);
    expect(API_TOKEN_TTL_SECONDS).toBe(14_400);
  });

  it("refuses a token older than four hours", async () => {
    const issued = Math.floor(Date.now() / 1000) - API_TOKEN_TTL_SECONDS - 5;
    const token = await signApiJwt(claims, issued);
    await expect(verifyApiJwt(token)).rejects.toThrow(/expired/);
  });

  it("refuses a token signed with another key or tampered with", async () => {
    const token = await signApiJwt(claims);
    const [h, p, s] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p, "base64url").toString()), tid: "x" }),
    ).toString("base64url");
    await expect(verifyApiJwt(`${h}.${forged}.${s}`)).rejects.toThrow(UnauthorizedError);
    exportToProcessEnv({ SLUICE_SECRET_KEY: "another-secret-0123456789abcdefghijklmnopq" });
    await expect(verifyApiJwt(token)).rejects.toThrow("The bearer token is not valid.");
  });
});
