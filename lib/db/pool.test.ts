import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/support/db";
import { pool, withTransaction } from "./pool";

beforeAll(async () => {
  await createTestDatabase();
});

describe("ingest pool", () => {
  // Every batch asks for the pool; each call used to add another error
  // listener, until Node warned of a leak (MaxListenersExceededWarning).
  it("is one pool with one error listener, however often it is asked for", async () => {
    const first = pool();
    for (let i = 0; i < 20; i++) {
      expect(pool()).toBe(first);
      await withTransaction((client) => client.query("SELECT 1"));
    }
    expect(first.listenerCount("error")).toBe(1);
  });
});
