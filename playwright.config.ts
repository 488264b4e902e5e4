import { defineConfig } from "@playwright/test";
import { E2E_ADMIN, E2E_DATA_DIR, E2E_PORT } from "./e2e/support/settings";

// Debian's Chromium, never a downloaded browser (these machines cannot fetch one).
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalSetup: "./e2e/support/global-setup.ts",
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      SLUICE_DATA_DIR: E2E_DATA_DIR,
      SLUICE_ADMIN_EMAIL: E2E_ADMIN.email,
      SLUICE_ADMIN_PASSWORD: E2E_ADMIN.password,
      // The wrong-password journey must not lock the admin out of later journeys.
      SLUICE_LOGIN_MAX_FAILURES: "50",
    },
  },
});
