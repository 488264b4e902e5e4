import { rm } from "node:fs/promises";
import { E2E_DATA_DIR } from "./settings";

// The console under test keeps its embedded PostgreSQL in E2E_DATA_DIR; remove
// it once every journey has run.
export default async function globalSetup() {
  return async () => {
    await rm(E2E_DATA_DIR, { recursive: true, force: true }).catch(() => {});
  };
}
