import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./support/settings";
import { logIn } from "./support/login";

test("a wrong password shows an error and keeps the person on the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("E-mail").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: /sign in/i }).click();
  // Next.js keeps its own (empty) route announcer with role="alert" on every page.
  await expect(
    page.getByRole("alert").filter({ hasText: "Wrong e-mail or password" }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("the admin logs in, visits every section, and logs out", async ({ page }) => {
  await logIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of [
    "Connectors",
    "Inventory",
    "Findings",
    "Logs",
    "Exports",
    "Settings",
    "Dashboard",
  ]) {
    await nav.getByRole("link", { name: section }).click();
    await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
  }
  await page.goto("/settings/jobs");
  await expect(page.getByText("maintenance.housekeeping")).toBeVisible();

  await page.goto("/no-such-page");
  await expect(page.getByText(/not found/i).first()).toBeVisible();

  await page.goto("/");
  await page.getByRole("button", { name: "User menu" }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/inventory");
  await expect(page).toHaveURL(/\/login/);
});

test("an admin adds a viewer, who can sign in but cannot manage users", async ({
  page,
  browser,
}) => {
  const email = `viewer-${Date.now()}@sluice.test`;
  await logIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/settings/users");
  await page.getByRole("button", { name: /add user/i }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Vera Viewer");
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByLabel("Initial password").fill("short");
  await dialog.getByRole("button", { name: /add user|create/i }).click();
  await expect(dialog.getByText(/at least 12 characters/)).toBeVisible();
  await dialog.getByLabel("Initial password").fill("viewer password 123");
  await dialog.getByRole("button", { name: /add user|create/i }).click();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await logIn(viewer, email, "viewer password 123");
  await viewer.goto("/settings/users");
  await expect(viewer.getByText("404", { exact: true })).toBeVisible();
  await expect(viewer.getByText(/only available to admins/)).toBeVisible();
  await expect(
    viewer.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }),
  ).toHaveCount(0);
  await context.close();
});
