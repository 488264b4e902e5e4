import { readFileSync } from "node:fs";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect, test, type Page } from "@playwright/test";
import YAML from "yaml";
import { startS3Server, S3RVER_CREDENTIALS, type S3Server } from "../test/support/s3-server";
import { EVENT_BUCKET, s3EventRecord, scanCsv } from "../test/support/events";
import { E2E_ADMIN } from "./support/settings";
import { logIn } from "./support/login";

// Event-driven runs from the console: a real S3-compatible server holds the
// files; the journey creates an S3 CSV connector, downloads its template
// from the list's quick action, generates the intake token, posts an S3
// event with it, and processes the objects that were already there.

let s3: S3Server;
let client: S3Client;

test.beforeAll(async () => {
  s3 = await startS3Server({ buckets: [EVENT_BUCKET] });
  client = new S3Client({
    region: "us-east-1",
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
});

test.afterAll(async () => {
  await s3?.stop();
});

async function put(key: string, body: string) {
  const result = await client.send(
    new PutObjectCommand({ Bucket: EVENT_BUCKET, Key: key, Body: body }),
  );
  return { key, eTag: result.ETag!, size: Buffer.byteLength(body) };
}

async function next(page: Page, step: string) {
  await page.getByRole("button", { name: /^Next/ }).click();
  await expect(page).toHaveURL(new RegExp(`/connectors/new/${step}\\?draft=`), { timeout: 20_000 });
}

async function createS3Connector(page: Page, name: string) {
  await page.goto("/connectors/new/basic");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("radio", { name: /AWS S3 CSV/ }).check();
  await page.getByRole("radio", { name: /Vulnerabilities/ }).check();
  await next(page, "source");
  await page.getByLabel("Bucket").fill(EVENT_BUCKET);
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel("Key prefix (optional)").fill("drops/");
  await page.getByRole("radio", { name: /Access keys/ }).check();
  await page.getByLabel("Access key ID").fill(S3RVER_CREDENTIALS.accessKeyId);
  await page.getByLabel("Secret access key").fill(S3RVER_CREDENTIALS.secretAccessKey);
  await page.getByLabel("S3-compatible endpoint (optional)").fill(s3.endpoint);
  await next(page, "data-model");
  await next(page, "transform-map");
  await page.getByRole("radio", { name: /Qualys VM scan report/ }).check();
  await next(page, "profile");
  await page.getByLabel("Profile name").fill("Events");
  await next(page, "identification");
  await next(page, "review");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 30_000 });
  return /\/connectors\/([0-9a-f-]{36})/.exec(page.url())![1];
}

test("an operator downloads the Cloud Template, connects events with the intake token, and processes existing objects", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const name = `S3 events ${Date.now().toString(36)}`;
  // 10.78.x: inventory.spec's hosts use 10.77.x, and the IP rule would merge them.
  const existing = await put(
    "drops/before the stack.csv",
    scanCsv([{ ip: "10.78.0.1", dns: "existing.e2e.test" }]),
  );
  await logIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  const connectorId = await createS3Connector(page, name);

  // The quick action in the list opens the template dialog on the connector page.
  await page.goto("/connectors");
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Download Cloud Template" }).click();
  await expect(page).toHaveURL(new RegExp(`/connectors/${connectorId}\\?template=1`));
  const dialog = page.getByRole("dialog", { name: "Download Cloud Template" });
  await expect(dialog).toBeVisible();

  // AWS must reach Sluice over https: a plain http URL is refused next to the field.
  await dialog.getByLabel("Sluice URL reachable from AWS").fill("http://sluice.e2e.test");
  await dialog.getByRole("button", { name: "Download template" }).click();
  await expect(dialog.getByText(/over https:\/\//)).toBeVisible();

  await dialog.getByLabel("Sluice URL reachable from AWS").fill("https://sluice.e2e.test");
  await dialog.getByLabel("Reserved concurrency").fill("12");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Download template" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`sluice-${connectorId}-sqs.yaml`);
  const yaml = readFileSync((await download.path())!, "utf8");
  const template = YAML.parse(yaml);
  expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
  expect(template.Parameters.SluiceUrl.Default).toBe("https://sluice.e2e.test");
  expect(template.Parameters.ConnectorId.Default).toBe(connectorId);
  expect(template.Parameters.BucketName.Default).toBe(EVENT_BUCKET);
  expect(template.Parameters.Prefix.Default).toBe("drops/");
  expect(template.Parameters.ReservedConcurrency.Default).toBe(12);
  expect(template.Parameters.IntakeToken).toMatchObject({ NoEcho: true });
  expect(template.Resources.EventQueue.Properties.RedrivePolicy.maxReceiveCount).toEqual({
    Ref: "MaxReceiveCount",
  });
  expect(template.Resources.ForwarderEventSourceMapping.Properties.FunctionResponseTypes).toEqual([
    "ReportBatchItemFailures",
  ]);
  expect(template.Resources.ForwarderFunction.Properties.Code.ZipFile).toContain(
    "batchItemFailures",
  );
  await expect(dialog.getByText(`Downloaded sluice-${connectorId}-sqs.yaml`)).toBeVisible();
  await expect(dialog.getByRole("list", { name: "Bucket notification steps" })).toContainText(
    "QueueArn",
  );

  // The direct variant is offered, and says it is not burst-safe.
  await dialog.getByRole("radio", { name: /not burst-safe/ }).check();
  const [direct] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByRole("button", { name: "Download template" }).click(),
  ]);
  const directYaml = readFileSync((await direct.path())!, "utf8");
  expect(directYaml.split("\n")[0]).toMatch(/^#/);
  expect(directYaml).toContain("NOT burst-safe");
  await dialog.getByRole("button", { name: "Close" }).first().click();

  // The intake token is shown once, then only as "set".
  await page.getByRole("button", { name: "Generate intake token" }).click();
  const shown = page.getByLabel("New intake token");
  await expect(shown).toBeVisible();
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^sluice_it_/);
  expect(yaml).not.toContain(token);
  await page.goto(`/connectors/${connectorId}`);
  await expect(page.getByText("••• set")).toBeVisible();
  expect(await page.content()).not.toContain(token);

  // An upload event, posted as the forwarder does.
  const uploaded = await put(
    "drops/Q3 upload+1.csv",
    scanCsv([{ ip: "10.78.0.2", dns: "uploaded.e2e.test" }]),
  );
  const answer = await request.post(`/api/v1/connectors/${connectorId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    data: { Records: [s3EventRecord(EVENT_BUCKET, uploaded)] },
  });
  expect(answer.status()).toBe(202);
  expect(await answer.json()).toMatchObject({ accepted: 1 });
  const refused = await request.post(`/api/v1/connectors/${connectorId}/events`, {
    headers: { authorization: "Bearer sluice_it_not-the-token" },
    data: { Records: [s3EventRecord(EVENT_BUCKET, uploaded)] },
  });
  expect(refused.status()).toBe(401);

  await expect(async () => {
    await page.goto(`/connectors/${connectorId}`);
    const run = page.getByRole("row", { name: /S3 event/ }).first();
    await expect(run).toContainText("Processed", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });

  // Process existing objects: a backfill run with a progress bar, reading only what events missed.
  await page.getByRole("button", { name: "Process existing objects" }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}/, { timeout: 30_000 });
  await expect(page.getByText("Processed").first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("1 of 1").first()).toBeVisible();
  expect(existing.key).toContain("before the stack");

  await page.goto("/inventory");
  await expect(page.getByText("existing.e2e.test").first()).toBeVisible();
  await expect(page.getByText("uploaded.e2e.test").first()).toBeVisible();
});
