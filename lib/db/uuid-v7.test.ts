import { describe, expect, it } from "vitest";
import { uuidV7 } from "./uuid-v7";

describe("uuidV7", () => {
  it("carries the millisecond time, version 7 and the RFC variant, and sorts by time", () => {
    const at = Date.UTC(2026, 11, 7, 4, 30);
    const id = uuidV7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
    const later = uuidV7(at + 1);
    expect(id < later).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidV7(at))).size).toBe(1000);
  });
});
