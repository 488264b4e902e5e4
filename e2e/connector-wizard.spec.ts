import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./support/settings";
import { logIn } from "./support/login";

// A small Qualys VM scan report: two good detections and one with a severity
// the Vulnerability Finding model refuses, so the preview has a cell error.
const scanCsv = [
  "IP,DNS,NetBIOS,QID,Title,Vuln Status,Type,Severity,Port,Protocol,First Detected,Last Detected",
  "10.0.0.5,web01.example.test,WEB01,38170,SSL Certificate - Subject Common Name Does Not Match,Active,Vuln,2,443,TCP,01/05/2024 10:00:00,03/01/2024 08:30:00",
  "10.0.0.6,db01.example.test,DB01,105489,OpenSSH Vulnerability,New,Vuln,4,22,TCP,02/10/2024 11:15:00,03/01/2024 08:30:00",
  "10.0.0.7,app01.example.test,APP01,90001,Unsupported TLS,New,Vuln,9,8443,TCP,02/11/2024 11:15:00,03/01/2024 08:30:00",
].join("\n");

async function next(page: Page, urlStep: string) {
  await page.getByRole("button", { name: /^Next/ }).click();
  await expect(page).toHaveURL(new RegExp(`/connectors/new/${urlStep}\\?draft=`), {
    timeout: 20_000,
  });
}

test("an operator creates an S3 CSV connector through every wizard step", async ({ page }) => {
  const name = `Scan reports ${Date.now().toString(36)}`;
  await logIn(page, E2E_ADMIN.email, E2E_ADMIN.password);

  await page.goto("/connectors");
  await page.getByRole("link", { name: "New connector" }).first().click();
  await expect(page).toHaveURL(/\/connectors\/new\/basic$/);

  // Basic details: Next with nothing filled in explains what is missing.
  await page.getByRole("button", { name: /^Next/ }).click();
  await expect(page.getByText("Enter a name for the connector.")).toBeVisible();
  await expect(page.getByText("Choose a connector type.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toBeFocused();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Description (optional)").fill("Weekly Qualys scan exports");
  await page.getByRole("radio", { name: /AWS S3 CSV/ }).check();
  await page.getByRole("radio", { name: /Vulnerabilities/ }).check();
  await next(page, "source");

  // Source settings: an S3-compatible store with access keys.
  await page.getByLabel("Bucket").fill("e2e-scan-exports");
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel("Key prefix (optional)").fill("qualys/");
  await page.getByRole("radio", { name: /Access keys/ }).check();
  await page.getByLabel("Access key ID").fill("E2EACCESSKEY");
  await page.getByLabel("Secret access key").fill("e2e-secret-access-key-value");
  // Nothing listens on port 9: the test must fail and say what to look at.
  await page.getByLabel("S3-compatible endpoint (optional)").fill("http://127.0.0.1:9");
  await page.getByRole("button", { name: "Test connection" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("heading", { name: "Connection failed" })).toBeVisible({
    timeout: 30_000,
  });
  await expect(dialog.getByText("What to check")).toBeVisible();
  await expect(dialog.locator("ol li").first()).not.toBeEmpty();
  await dialog.getByRole("button", { name: "Close" }).first().click();

  // The test saved the draft: a reload keeps every setting, and the secret stays on the server.
  await page.reload();
  await expect(page.getByLabel("Bucket")).toHaveValue("e2e-scan-exports");
  await expect(page.getByLabel("S3-compatible endpoint (optional)")).toHaveValue(
    "http://127.0.0.1:9",
  );
  await expect(page.getByRole("radio", { name: /Access keys/ })).toBeChecked();
  await expect(page.getByLabel("Secret access key")).toHaveValue("");
  await expect(page.getByLabel("Secret access key")).toHaveAttribute("placeholder", "••• saved");
  expect(await page.content()).not.toContain("e2e-secret-access-key-value");
  await next(page, "data-model");

  // Data model: the vulnerability model, shown as a schema table.
  await expect(page.getByRole("radio", { name: /Vulnerability Finding/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /Host Asset/ })).toBeDisabled();
  await expect(page.getByRole("cell", { name: /QID/ }).first()).toBeVisible();
  await next(page, "transform-map");

  // Transform map: the ready-made Qualys VM scan map, checked against a sample.
  await page.getByRole("radio", { name: /Qualys VM scan report/ }).check();
  await expect(page.getByLabel("Source field of mapping 1", { exact: true })).toHaveValue("IP");
  await expect(page.getByLabel("Target field of mapping 1", { exact: true })).toHaveValue("ip");
  await page.getByLabel("Sample CSV file").setInputFiles({
    name: "scan.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(scanCsv),
  });
  await expect(page.getByText("Sample: scan.csv")).toBeVisible({ timeout: 30_000 });
  const preview = page.getByRole("table", { name: "Preview of the transformed sample rows" });
  await expect(preview).toBeVisible();
  await expect(preview.getByText("web01.example.test")).toBeVisible();
  await expect(preview.getByText(/severity must be 1 to 5/)).toBeVisible();
  await expect(page.getByText("3 rows previewed, 1 row with errors.")).toBeVisible();
  await next(page, "profile");

  // Profile: a cron schedule previews its next runs; the connector is saved without one.
  await page.getByLabel("Profile name").fill("Weekly import");
  await page.getByRole("radio", { name: /Recurring/ }).check();
  await page.getByRole("radio", { name: /Cron expression/ }).check();
  await page.getByRole("textbox", { name: "Cron expression" }).fill("0 6 * * 1");
  await expect(page.getByRole("list", { name: "Next runs" }).getByRole("listitem")).toHaveCount(3);
  await page.getByRole("radio", { name: /No schedule/ }).check();
  // Keyboard only: the findings setting is an ordinary checkbox, ticked with Space.
  const keepStatus = page.getByRole("checkbox", { name: /Keep finding status/ });
  await expect(keepStatus).not.toBeChecked();
  await keepStatus.focus();
  await page.keyboard.press("Space");
  await expect(keepStatus).toBeChecked();

  // Reload mid-wizard: the earlier steps are still done and the data is intact.
  await next(page, "identification");
  await page.reload();
  await expect(
    page
      .getByRole("navigation", { name: "Wizard steps" })
      .getByRole("link", { name: /Transform map/ }),
  ).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page).toHaveURL(/\/connectors\/new\/profile\?draft=/);
  await expect(page.getByLabel("Profile name")).toHaveValue("Weekly import");
  await expect(page.getByRole("checkbox", { name: /Keep finding status/ })).toBeChecked();
  await next(page, "identification");

  // Identification rules: at least one must stay on; order changes from the keyboard.
  const switches = page.getByRole("switch");
  await expect(switches).toHaveCount(8);
  for (const toggle of await switches.all()) {
    if ((await toggle.getAttribute("aria-checked")) === "true") await toggle.click();
  }
  await page.getByRole("button", { name: /^Next/ }).click();
  await expect(page.getByText("Turn on at least one rule.")).toBeVisible();
  await page.getByRole("switch", { name: "Use IP address" }).click();
  await page.getByRole("switch", { name: "Use FQDN / DNS name" }).click();
  const rules = page.getByRole("list", { name: "Identification rules in order" });
  await expect(rules.getByRole("listitem").nth(7)).toContainText("IP address");
  // Keyboard only: the move buttons are ordinary buttons in the tab order.
  await page.getByRole("button", { name: "Move IP address up" }).focus();
  for (let i = 0; i < 2; i++) await page.keyboard.press("Enter");
  await expect(rules.getByRole("listitem").nth(5)).toContainText("IP address");
  await expect(rules.getByRole("listitem").nth(5)).toContainText("1");
  await next(page, "review");

  // Review, then save.
  await expect(page.getByRole("region", { name: "Basic details" })).toContainText(name);
  await expect(page.getByRole("region", { name: "Source settings" })).toContainText(
    "e2e-scan-exports",
  );
  await expect(page.getByRole("region", { name: "Source settings" })).toContainText("••• saved");
  await expect(page.getByRole("region", { name: "Transform map" })).toContainText(
    "Qualys VM scan report",
  );
  await expect(page.getByRole("region", { name: "Profile" })).toContainText(
    /Findings no longer reported\s*Keep their status/,
  );
  await expect(page.getByRole("region", { name: "Identification rules" })).toContainText(
    "1. IP address",
  );
  await expect(page.getByRole("region", { name: "Identification rules" })).toContainText(
    "2. FQDN / DNS name",
  );
  await page.getByRole("button", { name: "Save", exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Registered").first()).toBeVisible();
  await expect(page.getByText("Weekly import")).toBeVisible();
  await expect(
    page.getByText("Findings a later import no longer reports: keep their status"),
  ).toBeVisible();

  await page.goto("/connectors");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("AWS S3 CSV");
  await expect(row).toContainText("Vulnerabilities");
  await expect(row).toContainText("Registered");
  // Saving used up the draft: nothing is left to resume.
  await expect(page.getByRole("link", { name: `Resume ${name}` })).toHaveCount(0);

  // Run it on an uploaded Qualys scan report: the corpus sample when ../shared
  // is beside the checkout (as in CI), else this file's own small report.
  const corpusFile = join(
    process.cwd(),
    "..",
    "shared",
    "corpus",
    "qualys_csv",
    "defectdojo_qualys_Qualys_Sample_Report.csv",
  );
  const upload = existsSync(corpusFile)
    ? { file: corpusFile, host: "ip-10-98-57-180.eu-west-1.compute.internal", rows: "6" }
    : {
        file: { name: "scan.csv", mimeType: "text/csv", buffer: Buffer.from(scanCsv) },
        host: "web01.example.test",
        rows: "3",
      };
  await row.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Run", exact: true }).click();
  await page.getByLabel("CSV file to upload").setInputFiles(upload.file);
  await page.getByRole("button", { name: "Upload and run" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}/, { timeout: 30_000 });
  await expect(page.getByText("Processed").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(`${upload.rows} rows read`)).toBeVisible();
  // The profile keeps finding status, so this run marks nothing Fixed.
  await expect(page.getByText("Marked fixed")).toBeVisible();

  await page.goto("/inventory");
  await expect(page.getByText(upload.host).first()).toBeVisible();
});
