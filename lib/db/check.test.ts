import { describe, expect, it } from "vitest";
import { freePort } from "./embedded";
import { checkConnection, describeConnectionError } from "./check";

describe("database connection check", () => {
  it("explains an unreachable server in one line", async () => {
    const url = `postgresql://sluice:x@127.0.0.1:${await freePort()}/sluice`;
    const error = await checkConnection(url, 2000).catch((e) => e);
    const line = describeConnectionError(url, error);
    expect(line).toMatch(
      /^Cannot reach PostgreSQL at 127\.0\.0\.1:\d+ \(connection refused\)\. Check DATABASE_URL/,
    );
    expect(line).not.toContain("\n");
  });

  it.each([
    ["ENOTFOUND", "host name not found"],
    ["28P01", "password authentication failed"],
    ["3D000", "database does not exist"],
  ])("names %s as %s", (code, reason) => {
    expect(describeConnectionError("postgresql://u:p@db.example:6543/x", { code })).toBe(
      `Cannot reach PostgreSQL at db.example:6543 (${reason}). Check DATABASE_URL, or unset it to use the embedded database.`,
    );
  });

  it("does not echo a malformed URL (it may hold a password)", () => {
    expect(describeConnectionError("not a url secret", new Error("x"))).toBe(
      "DATABASE_URL is not a valid postgresql:// URL.",
    );
  });
});
