"use server";

import { action } from "@/lib/action";
import {
  createConnectorSchema,
  draftRefSchema,
  previewTransformSchema,
  sampleCsvSchema,
  saveDraftSchema,
} from "./schema";
import { createConnectorFromDraft, discardDraft, saveDraft, testDraftConnection } from "./service";
import { analyzeSample, previewTransform } from "./wizard/sample";

/** Saves the wizard on Next, Back or before a connection test; Next and test validate the step. */
export const saveDraftAction = action(
  { schema: saveDraftSchema, role: "operator" },
  (input, user) =>
    saveDraft({
      tenantId: user.tenantId,
      userId: user.id,
      draftId: input.draftId,
      step: input.step,
      intent: input.intent,
      values: input.values,
    }),
);

export const discardDraftAction = action(
  { schema: draftRefSchema, role: "operator" },
  (input, user) => discardDraft({ tenantId: user.tenantId, draftId: input.draftId }),
);

/** The connection test of an unsaved connector, on the settings saved in its draft. */
export const testDraftConnectionAction = action(
  { schema: draftRefSchema, role: "operator" },
  (input, user) => testDraftConnection({ tenantId: user.tenantId, draftId: input.draftId }),
);

export const createConnectorAction = action(
  { schema: createConnectorSchema, role: "operator" },
  async (input, user) => {
    const connector = await createConnectorFromDraft({
      tenantId: user.tenantId,
      userId: user.id,
      draftId: input.draftId,
    });
    return { connectorId: connector.id, state: connector.state };
  },
);

export const analyzeSampleAction = action({ schema: sampleCsvSchema, role: "operator" }, (input) =>
  analyzeSample(input),
);

export const previewTransformAction = action(
  { schema: previewTransformSchema, role: "operator" },
  (input) => previewTransform(input),
);
