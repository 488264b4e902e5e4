// AES-256-GCM for credentials at rest (AWS keys, Qualys passwords). The stored
// form is "v1.<iv>.<tag>.<ciphertext>" in base64url, so the scheme can change
// later without guessing what an old value is.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey } from "./keys";

const VERSION = "v1";

export class SecretDecryptionError extends Error {
  constructor() {
    super("A stored secret could not be decrypted: was SLUICE_SECRET_KEY changed?");
  }
}

export function encryptSecret(plaintext: string, masterKey: string): string {
  const key = deriveKey(masterKey, "secrets-encryption");
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(stored: string, masterKey: string): string {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined)
    throw new SecretDecryptionError();
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      deriveKey(masterKey, "secrets-encryption"),
      Buffer.from(iv, "base64url"),
    );
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    throw new SecretDecryptionError();
  }
}

/** Encrypts a JSON object of credentials (e.g. { password }) into one column. */
export function encryptSecrets(values: Record<string, string>, masterKey: string): string {
  return encryptSecret(JSON.stringify(values), masterKey);
}

export function decryptSecrets(stored: string, masterKey: string): Record<string, string> {
  return JSON.parse(decryptSecret(stored, masterKey)) as Record<string, string>;
}
