// All of Sluice's keys derive from the one SLUICE_SECRET_KEY with HKDF, each
// under its own label, so rotating the master key rotates everything and no
// key is ever used for two purposes.
import { hkdfSync } from "node:crypto";

export type KeyPurpose = "secrets-encryption" | "session" | "api-jwt";

export function deriveKey(master: string, purpose: KeyPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", master, "sluice", purpose, 32));
}
