import { describe, expect, it } from "vitest";
import { writeBehind } from "./write-behind";

/** A write that finishes when told to, noting when it starts. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    write: async () => {
      log.push(`start ${name}`);
      await opened;
      log.push(`end ${name}`);
    },
    open,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("writeBehind", () => {
  it("writes one batch at a time, in order, with at most `depth` outstanding", async () => {
    const log: string[] = [];
    const writes = writeBehind(2);
    const [a, b, c] = ["a", "b", "c"].map((name) => gate(log, name));
    await writes.next(a.write);
    await writes.next(b.write);
    let thirdQueued = false;
    const third = writes.next(c.write).then(() => (thirdQueued = true));
    await settle();
    // a is being written, b waits for it, c waits for room.
    expect(log).toEqual(["start a"]);
    expect(thirdQueued).toBe(false);
    a.open();
    await third;
    await settle();
    expect(log).toEqual(["start a", "end a", "start b"]);
    b.open();
    c.open();
    await writes.done();
    expect(log).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("records a write's bookkeeping before the next write is queued, and reports a failed write", async () => {
    const log: string[] = [];
    const writes = writeBehind(1);
    await writes.next(async () => {
      log.push("write 1");
      writes.record(async () => {
        await settle();
        log.push("record 1");
      });
    });
    await writes.next(async () => {
      log.push("write 2");
      throw new Error("database gone");
    });
    await expect(writes.done()).rejects.toThrow("database gone");
    expect(log).toEqual(["write 1", "record 1", "write 2"]);
  });
});
