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

  it("lets bookkeeping trail the writes by at most `depth` tasks, and reports a failed write", async () => {
    const log: string[] = [];
    const writes = writeBehind(1);
    const books = ["record 1", "record 2"].map((name) => gate(log, name));
    const writeAndRecord = (n: number) => async () => {
      log.push(`write ${n}`);
      writes.record(books[n - 1].write);
    };
    await writes.next(writeAndRecord(1));
    // Write 1's bookkeeping is still going: write 2 need not wait for it.
    await writes.next(writeAndRecord(2));
    let thirdQueued = false;
    const third = writes
      .next(async () => {
        log.push("write 3");
        throw new Error("database gone");
      })
      .then(() => (thirdQueued = true));
    await settle();
    // Two bookkeeping tasks outstanding with depth 1: write 3 waits for the first.
    expect(log).toEqual(["write 1", "start record 1", "write 2"]);
    expect(thirdQueued).toBe(false);
    books[0].open();
    await third;
    books[1].open();
    await expect(writes.done()).rejects.toThrow("database gone");
    expect(log).toEqual([
      "write 1",
      "start record 1",
      "write 2",
      "end record 1",
      "start record 2",
      "write 3",
      "end record 2",
    ]);
  });
});
