import { beforeAll, describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import { qualysVmScanCsvTemplate } from "@/lib/ingest/templates/qualys-vm-scan-csv";
import { createTenantWithUser, createTestDatabase } from "@/test/support/db";
import { ensureBuiltInDataModels } from "./seed-data-models";
import {
  createConnectorFromDraft,
  getConnectorForApi,
  getWizardDraft,
  listConnectorDrafts,
  saveDraft,
  updateConnector,
} from "./service";
import { emptyWizardValues, type WizardValues } from "./wizard/schema";
import { wizardSteps, type WizardStep } from "./wizard/steps";

let prisma: Awaited<ReturnType<typeof createTestDatabase>>["prisma"];

beforeAll(async () => {
  ({ prisma } = await createTestDatabase());
});

const SECRET = "wJalrXUtnFEMI-plaintext-secret-K7MDENG";

function wizardValues(name: string): WizardValues {
  const values = emptyWizardValues();
  values.basic = {
    name,
    description: "Weekly scans",
    type: "s3-csv",
    findingType: "VULNERABILITY",
    assetType: "HOST",
  };
  values.source = {
    config: {
      bucket: "scan-exports",
      region: "eu-west-1",
      prefix: "qualys/",
      authMode: "keys",
      endpoint: "http://127.0.0.1:9000",
      concurrency: 2,
    },
    secrets: { accessKeyId: "AKIAEXAMPLE", secretAccessKey: SECRET },
  };
  values.dataModel = { key: "vulnerability-finding" };
  values.transformMap = {
    ...values.transformMap,
    templateKey: qualysVmScanCsvTemplate.key,
    name: qualysVmScanCsvTemplate.name,
    mappings: qualysVmScanCsvTemplate.mappings.map((m) => ({ ...m })),
  };
  values.identification = {
    rules: [
      { identifier: "IP", enabled: true },
      { identifier: "FQDN", enabled: true },
      { identifier: "MAC", enabled: false },
    ],
  };
  return values;
}

/** Walks the wizard the way the browser does: Next on every step, the same values each time. */
async function walk(ids: { tenantId: string; userId: string }, values: WizardValues) {
  let draftId: string | null = null;
  for (const step of wizardSteps.filter(
    (s): s is Exclude<WizardStep, "review"> => s !== "review",
  )) {
    const saved = await saveDraft({ ...ids, draftId, step, intent: "next", values });
    draftId = saved.draftId;
  }
  return draftId as string;
}

describe("connector drafts", () => {
  it("saves each step server-side and resumes where the user left off", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const ids = { tenantId: tenant.id, userId: user.id };
    const values = wizardValues("Resumable");

    const first = await saveDraft({ ...ids, draftId: null, step: "basic", intent: "next", values });
    expect(first.step).toBe("source");
    const second = await saveDraft({
      ...ids,
      draftId: first.draftId,
      step: "source",
      intent: "next",
      values,
    });
    expect(second).toEqual({ draftId: first.draftId, step: "data-model" });

    const resumed = await getWizardDraft({ tenantId: tenant.id, draftId: first.draftId });
    expect(resumed?.lastStep).toBe("data-model");
    expect(resumed?.values.basic.name).toBe("Resumable");
    expect(resumed?.values.source.config).toMatchObject({
      bucket: "scan-exports",
      authMode: "keys",
    });
    expect(resumed?.validSteps).toEqual([
      "basic",
      "source",
      "data-model",
      "transform-map",
      "profile",
      "identification",
    ]);
    // The browser learns which credentials are saved, never their values.
    expect(resumed?.savedSecrets.sort()).toEqual(["accessKeyId", "secretAccessKey"]);
    expect(JSON.stringify(resumed)).not.toContain(SECRET);

    const drafts = await listConnectorDrafts({ tenantId: tenant.id });
    expect(drafts).toEqual([
      expect.objectContaining({
        id: first.draftId,
        name: "Resumable",
        typeLabel: "AWS S3 CSV",
        lastStep: "data-model",
      }),
    ]);
  });

  it("encrypts draft credentials and keeps a saved one when the field comes back blank", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const ids = { tenantId: tenant.id, userId: user.id };
    const values = wizardValues("Keys kept");
    const { draftId } = await saveDraft({
      ...ids,
      draftId: null,
      step: "basic",
      intent: "next",
      values,
    });
    await saveDraft({ ...ids, draftId, step: "source", intent: "next", values });

    const [row] = await prisma.$queryRaw<{ data: unknown; secrets: string }[]>`
      SELECT data, secrets FROM connector_drafts WHERE id = ${draftId}::uuid`;
    expect(row.secrets).toMatch(/^v1\./);
    expect(row.secrets).not.toContain(SECRET);
    expect(JSON.stringify(row.data)).not.toContain(SECRET);

    // Back from a later step: the browser has only blanks for the saved fields.
    const blank = {
      ...values,
      source: { ...values.source, secrets: { accessKeyId: "", secretAccessKey: "" } },
    };
    await saveDraft({ ...ids, draftId, step: "source", intent: "next", values: blank });
    const resumed = await getWizardDraft({ tenantId: tenant.id, draftId });
    expect(resumed?.savedSecrets.sort()).toEqual(["accessKeyId", "secretAccessKey"]);
  });

  it("refuses Next on an invalid step with field errors on the form's paths, but Back saves anyway", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const ids = { tenantId: tenant.id, userId: user.id };
    const values = wizardValues("Bad bucket");
    const { draftId } = await saveDraft({
      ...ids,
      draftId: null,
      step: "basic",
      intent: "next",
      values,
    });
    const bad = {
      ...values,
      source: { ...values.source, config: { ...values.source.config, bucket: "No_Such Bucket" } },
    };

    const error = await saveDraft({
      ...ids,
      draftId,
      step: "source",
      intent: "next",
      values: bad,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys(error.fields)).toEqual(["source.config.bucket"]);

    await expect(
      saveDraft({ ...ids, draftId, step: "source", intent: "back", values: bad }),
    ).resolves.toEqual({
      draftId,
      step: "basic",
    });
    const resumed = await getWizardDraft({ tenantId: tenant.id, draftId });
    expect(resumed?.values.source.config.bucket).toBe("No_Such Bucket");
    expect(resumed?.validSteps).toEqual(["basic"]);
  });

  it("never shows one tenant's draft to another", async () => {
    const a = await createTenantWithUser(prisma, "operator");
    const b = await createTenantWithUser(prisma, "operator");
    const { draftId } = await saveDraft({
      tenantId: a.tenant.id,
      userId: a.user.id,
      draftId: null,
      step: "basic",
      intent: "next",
      values: wizardValues("Private"),
    });
    await expect(getWizardDraft({ tenantId: b.tenant.id, draftId })).resolves.toBeNull();
    await expect(
      saveDraft({
        tenantId: b.tenant.id,
        userId: b.user.id,
        draftId,
        step: "basic",
        intent: "next",
        values: wizardValues("x"),
      }),
    ).rejects.toThrow(/no longer exists/);
  });
});

describe("saving a connector", () => {
  it("creates connector, transform map, profile and rules in one go and deletes the draft", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const draftId = await walk(
      { tenantId: tenant.id, userId: user.id },
      wizardValues("Scan reports"),
    );

    const saved = await createConnectorFromDraft({ tenantId: tenant.id, userId: user.id, draftId });
    expect(saved.state).toBe("REGISTERED");

    const connector = await prisma.connector.findUniqueOrThrow({
      where: { id: saved.id },
      include: {
        transformMaps: { include: { mappings: { orderBy: { position: "asc" } } } },
        profiles: true,
        identificationRules: { orderBy: { position: "asc" } },
        dataModel: true,
      },
      omit: { secrets: false },
    });
    expect(connector).toMatchObject({
      name: "Scan reports",
      type: "s3-csv",
      findingType: "VULNERABILITY",
      config: {
        bucket: "scan-exports",
        region: "eu-west-1",
        prefix: "qualys/",
        authMode: "keys",
        concurrency: 2,
      },
    });
    expect(connector.dataModel?.key).toBe("vulnerability-finding");
    expect(connector.dataModel?.tenantId).toBeNull();

    const [map] = connector.transformMaps;
    expect(map.templateKey).toBe("qualys-vm-scan-csv");
    expect(map.mappings).toHaveLength(qualysVmScanCsvTemplate.mappings.length);
    expect(map.mappings[0]).toMatchObject({
      position: 0,
      sourceField: "IP",
      targetField: "ip",
      dataType: "ip",
    });

    const [profile] = connector.profiles;
    expect(profile).toMatchObject({
      name: "Default profile",
      status: "ACTIVE",
      scheduleKind: "NONE",
      keepFindingStatus: false,
      nextRunAt: null,
      transformMapId: map.id,
    });
    expect(connector.identificationRules.map((r) => [r.identifier, r.enabled])).toEqual([
      ["IP", true],
      ["FQDN", true],
      ["MAC", false],
    ]);

    // Secrets at rest: ciphertext only, in the column and in the audit trail.
    expect(connector.secrets).toMatch(/^v1\./);
    expect(connector.secrets).not.toContain(SECRET);
    expect(JSON.stringify(connector.config)).not.toContain(SECRET);
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "connector.created" },
    });
    expect(audit.targetId).toBe(saved.id);
    expect(JSON.stringify(audit.details)).not.toContain(SECRET);

    await expect(prisma.connectorDraft.count({ where: { id: draftId } })).resolves.toBe(0);
  });

  it("carries keepFindingStatus from the profile step to the saved profile, GET and PATCH", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const ids = { tenantId: tenant.id, userId: user.id };
    const values = wizardValues("Keeps status");
    values.profile.keepFindingStatus = true;
    const draftId = await walk(ids, values);
    expect((await getWizardDraft({ tenantId: tenant.id, draftId }))?.values.profile).toMatchObject({
      keepFindingStatus: true,
    });

    const saved = await createConnectorFromDraft({ ...ids, draftId });
    const stored = () =>
      prisma.profile.findFirstOrThrow({
        where: { connectorId: saved.id },
        select: { keepFindingStatus: true },
      });
    await expect(stored()).resolves.toEqual({ keepFindingStatus: true });
    const read = await getConnectorForApi({ tenantId: tenant.id, connectorId: saved.id });
    expect(read.profile?.keepFindingStatus).toBe(true);

    // A change to another profile field keeps it; only naming it changes it.
    const renamed = await updateConnector({
      ...ids,
      connectorId: saved.id,
      input: { profile: { name: "Renamed" } },
    });
    expect(renamed.profile).toMatchObject({ name: "Renamed", keepFindingStatus: true });
    const flipped = await updateConnector({
      ...ids,
      connectorId: saved.id,
      input: { profile: { keepFindingStatus: false } },
    });
    expect(flipped.profile?.keepFindingStatus).toBe(false);
    await expect(stored()).resolves.toEqual({ keepFindingStatus: false });
  });

  it("is SCHEDULED when the profile is active and has a next run", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const values = wizardValues("Nightly");
    values.profile.schedule = {
      ...values.profile.schedule,
      kind: "recurring",
      startsAt: "2030-01-01T02:00",
      repeat: "interval",
      intervalMinutes: "1440",
      timeZone: "Europe/Berlin",
    };
    const draftId = await walk({ tenantId: tenant.id, userId: user.id }, values);
    const saved = await createConnectorFromDraft({
      tenantId: tenant.id,
      userId: user.id,
      draftId,
      now: new Date("2029-06-01T00:00:00Z"),
    });
    expect(saved.state).toBe("SCHEDULED");
    const profile = await prisma.profile.findFirstOrThrow({ where: { connectorId: saved.id } });
    expect(profile).toMatchObject({
      scheduleKind: "RECURRING",
      intervalMinutes: 1440,
      timeZone: "Europe/Berlin",
    });
    expect(profile.nextRunAt?.toISOString()).toBe("2030-01-01T01:00:00.000Z");
  });

  it("stays REGISTERED when the scheduled profile is inactive", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const values = wizardValues("Paused");
    values.profile.status = "INACTIVE";
    values.profile.schedule = {
      ...values.profile.schedule,
      kind: "recurring",
      repeat: "cron",
      cron: "0 6 * * *",
    };
    const draftId = await walk({ tenantId: tenant.id, userId: user.id }, values);
    const saved = await createConnectorFromDraft({ tenantId: tenant.id, userId: user.id, draftId });
    expect(saved.state).toBe("REGISTERED");
    const profile = await prisma.profile.findFirstOrThrow({ where: { connectorId: saved.id } });
    expect(profile).toMatchObject({
      scheduleKind: "RECURRING",
      cron: "0 6 * * *",
      nextRunAt: null,
    });
  });

  it("keeps names unique per tenant, ignoring case, and says so on the name field", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const ids = { tenantId: tenant.id, userId: user.id };
    await createConnectorFromDraft({
      ...ids,
      draftId: await walk(ids, wizardValues("Qualys scans")),
    });

    const error = await saveDraft({
      ...ids,
      draftId: null,
      step: "basic",
      intent: "next",
      values: wizardValues("QUALYS SCANS"),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields).toEqual({ "basic.name": ["A connector with this name already exists."] });

    // Another tenant may use the name.
    const other = await createTenantWithUser(prisma, "operator");
    const otherIds = { tenantId: other.tenant.id, userId: other.user.id };
    await expect(
      createConnectorFromDraft({
        ...otherIds,
        draftId: await walk(otherIds, wizardValues("Qualys scans")),
      }),
    ).resolves.toMatchObject({ name: "Qualys scans" });
  });

  it("re-checks the whole draft at save time and writes nothing when a step is invalid", async () => {
    const { tenant, user } = await createTenantWithUser(prisma, "operator");
    const ids = { tenantId: tenant.id, userId: user.id };
    const draftId = await walk(ids, wizardValues("Will clash"));
    // Someone else saves a connector with the same name between the basic step and Save.
    const rival = await walk(ids, wizardValues("Will clash"));
    await createConnectorFromDraft({ ...ids, draftId: rival });

    const error = await createConnectorFromDraft({ ...ids, draftId }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fields["basic.name"]).toEqual(["A connector with this name already exists."]);
    await expect(prisma.connector.count({ where: { tenantId: tenant.id } })).resolves.toBe(1);
    await expect(prisma.connectorDraft.count({ where: { id: draftId } })).resolves.toBe(1);
  });

  it("seeds the built-in data models once, however often it is called", async () => {
    const [first, second] = await Promise.all([
      ensureBuiltInDataModels(),
      ensureBuiltInDataModels(),
    ]);
    expect([...first.entries()]).toEqual([...second.entries()]);
    const models = await prisma.dataModel.findMany({
      where: { tenantId: null },
      include: { _count: { select: { attributes: true } } },
    });
    expect(models.map((m) => m.key).sort()).toEqual(["host-asset", "vulnerability-finding"]);
    expect(models.every((m) => m._count.attributes > 10)).toBe(true);
  });
});
