// First start without SLUICE_SECRET_KEY: generate one into the data directory
// (readable by the owner only) so encrypted credentials survive restarts.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export async function loadOrCreateSecretKey(
  dataDir: string,
): Promise<{ key: string; created: boolean }> {
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return { key: (await readFile(file, "utf8")).trim(), created: false };
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32).toString("base64url");
  await writeFile(file, key + "\n", { mode: 0o600 });
  return { key, created: true };
}
