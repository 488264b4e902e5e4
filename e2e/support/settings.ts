import { tmpdir } from "node:os";
import { join } from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3917);
// A fresh data directory per run (the journeys start from a first start),
// fixed in the environment so Playwright's worker processes agree on it.
process.env.E2E_DATA_DIR ??= join(tmpdir(), `sluice-e2e-${process.pid}-${Date.now()}`);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR;
export const E2E_ADMIN = { email: "e2e-admin@sluice.test", password: "e2e admin password 1" };
