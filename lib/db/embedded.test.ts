import { spawnSync } from "node:child_process";
import { mkdtemp, mkdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allowPostgresTraversal } from "./embedded";

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe("allowPostgresTraversal", () => {
  it("adds only the others-execute bit to private ancestors, and says so", async () => {
    const root = await mkdtemp(join(tmpdir(), "sluice-perm-")); // mkdtemp makes it 0700
    made.push(root);
    const data = join(root, "clone", "data");
    await mkdir(data, { recursive: true, mode: 0o750 });
    const lines: string[] = [];
    await allowPostgresTraversal([data], (line) => lines.push(line));
    expect((await stat(root)).mode & 0o777).toBe(0o701);
    expect((await stat(join(root, "clone"))).mode & 0o777).toBe(0o751);
    expect(lines[0]).toContain(root);
    const again: string[] = [];
    await allowPostgresTraversal([data], (line) => again.push(line));
    expect(again).toEqual([]);
  });
});

describe("loading the embedded PostgreSQL module", () => {
  it("keeps a process's exit code, so a failed test run or script does not end 0", () => {
    // What Vitest does after a failed run: set the code and let the process drain.
    const child = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        'await import("./lib/db/embedded.ts"); process.exitCode = 3;',
      ],
      { cwd: process.cwd(), encoding: "utf8" },
    );
    expect(child.stderr).toBe("");
    expect(child.status).toBe(3);
  });
});
