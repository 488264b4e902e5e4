import type { ComponentType } from "react";
import { CsamApiSourceForm, csamApiInitialConfig } from "./csam-api";
import { QualysVmSourceForm, qualysVmInitialConfig } from "./qualys-vm";
import { S3CsvSourceForm, s3CsvInitialConfig } from "./s3-csv";

export type SourceFormProps = {
  /** Names of credentials already saved in the draft; show them as saved, never their values. */
  savedSecrets: string[];
};

export type SourceFormEntry = {
  /** Fields under source.config / source.secrets of the wizard form (useFormContext). */
  Form: ComponentType<SourceFormProps>;
  /** Settings a fresh connector of this type starts with. */
  initialConfig: () => Record<string, unknown>;
};

/**
 * The source-settings form of each connector type, by type key. A new type
 * adds its form in ./<type>.tsx and one line here.
 */
export const sourceForms: Record<string, SourceFormEntry> = {
  "s3-csv": { Form: S3CsvSourceForm, initialConfig: s3CsvInitialConfig },
  "csam-api": { Form: CsamApiSourceForm, initialConfig: csamApiInitialConfig },
  "qualys-vm": { Form: QualysVmSourceForm, initialConfig: qualysVmInitialConfig },
};

export function getSourceForm(type: string): SourceFormEntry | undefined {
  return sourceForms[type];
}
