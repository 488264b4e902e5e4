// The inventory journey: assets written by the real ingest sink into the
// console's own database, found with the seed's example query typed through
// the autocomplete, then opened.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { pool } from "@/lib/db/pool";
import { exportToProcessEnv } from "@/lib/env";
import type { IngestRecord } from "@/lib/ingest/record";
import { writeBatch } from "@/lib/ingest/sink";
import { recomputeRiskScores } from "@/lib/risk/service";
import { E2E_ADMIN, E2E_DATA_DIR } from "./support/settings";
import { logIn } from "./support/login";

// There is no ingestion endpoint to post assets to, so the journey writes
// them the way a connector run does: lib/ingest/sink.ts against the embedded
// PostgreSQL the console under test started in E2E_DATA_DIR.
async function consoleDatabaseUrl() {
  const { user, password } = JSON.parse(
    await readFile(join(E2E_DATA_DIR, "pg-credentials.json"), "utf8"),
  ) as { user: string; password: string };
  const port = (await readFile(join(E2E_DATA_DIR, "pg", "postmaster.pid"), "utf8")).split("\n")[3];
  return `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port.trim()}/sluice`;
}

const stamp = Date.now().toString(36);
const windowsHost = `e2e-${stamp}-win-01`;
const linuxHost = `e2e-${stamp}-lin-01`;

test.beforeAll(async () => {
  const url = await consoleDatabaseUrl();
  exportToProcessEnv({
    DATABASE_URL: url,
    SLUICE_SECRET_KEY: "e2e-only-key-not-used-for-secrets-0123456789",
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ tenantId: string }>(
    `SELECT "tenantId" FROM users WHERE email = $1`,
    [E2E_ADMIN.email],
  );
  const tenantId = rows[0].tenantId;
  const connector = await client.query<{ id: string }>(
    `INSERT INTO connectors (id, "tenantId", name, type, "findingType", "updatedAt")
     VALUES (gen_random_uuid(), $1, $2, 'csam-api', 'ASSET', now()) RETURNING id`,
    [tenantId, `CSAM ${stamp}`],
  );
  await client.end();

  // The pool reads DATABASE_URL on first use, i.e. after exportToProcessEnv above.
  const host = (name: string, ip: string, os: string, serial: string): IngestRecord => ({
    sourceRecordId: `${stamp}-${name}`,
    identifiers: { BIOS_SERIAL: [serial], IP: [ip] },
    host: { name, hostname: name, ipAddresses: [ip], os },
    finding: {
      qid: 105971,
      severity: 5,
      title: "Apache Log4j remote code execution",
      cvss3Base: 10,
    },
  });
  const result = await writeBatch(
    [
      host(windowsHost, "10.77.0.1", "Windows Server 2022", `SER-${stamp}-W`),
      host(linuxHost, "10.77.0.2", "Ubuntu 22.04", `SER-${stamp}-L`),
    ],
    {
      tenantId,
      connectorId: connector.rows[0].id,
      sourceName: "CSAM",
      rules: ["BIOS_SERIAL", "IP"],
    },
  );
  await recomputeRiskScores({ tenantId, assetIds: result.touchedAssetIds });
  await pool().end();
});

test("an analyst finds CSAM Windows hosts with the query language and opens one", async ({
  page,
}) => {
  await logIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Inventory" })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Inventory" })).toBeVisible();

  const box = page.getByRole("combobox", { name: "Query" });

  // A wrong field is reported under the box with its column.
  await box.fill("colour:red");
  await box.press("Enter");
  await expect(page.getByText(/Column 1:.*unknown field 'colour'/)).toBeVisible();

  // Autocomplete, keyboard only: the field list narrows as you type.
  await box.fill("");
  await box.pressSequentially("inventory:(sou");
  const listbox = page.getByRole("listbox", { name: "Suggestions" });
  await expect(listbox.getByRole("option", { name: /^source/ })).toBeVisible();
  await box.press("ArrowDown");
  await expect(listbox.getByRole("option", { name: /^source/ })).toHaveAttribute(
    "aria-selected",
    "true",
  );
  await box.press("Enter");
  await expect(box).toHaveValue("inventory:(source:");
  await box.press("Escape");
  await expect(listbox).toBeHidden();
  await box.pressSequentially("`CSAM`) and os:Windows*");
  await box.press("Escape");
  await box.press("Enter");

  await expect(page).toHaveURL(/[?&]q=inventory/);
  const table = page.getByRole("table");
  await expect(table.getByRole("link", { name: windowsHost })).toBeVisible();
  await expect(table.getByRole("link", { name: linuxHost })).toHaveCount(0);

  // The URL is the search: reloading it shows the same query.
  await page.reload();
  await expect(box).toHaveValue("inventory:(source:`CSAM`) and os:Windows*");

  await table.getByRole("link", { name: windowsHost }).click();
  await expect(page.getByRole("heading", { level: 1, name: windowsHost })).toBeVisible();
  await expect(page.getByText("Created this asset (no earlier record matched)")).toBeVisible();
  await expect(page.getByText("Risk breakdown")).toBeVisible();
  await expect(page.getByRole("cell", { name: /Apache Log4j/ })).toBeVisible();
  // Severity 5 with CVSS v3 10.0: QDS 100, critical, criticality 2 → score 200.
  await expect(page.getByTitle("Risk score 200 of 1000")).toBeVisible();
});
