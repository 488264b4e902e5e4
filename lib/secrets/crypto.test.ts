import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  decryptSecrets,
  encryptSecret,
  encryptSecrets,
  SecretDecryptionError,
} from "./crypto";

const key = "k".repeat(43);

describe("secret encryption", () => {
  it("round-trips and never stores the plaintext", () => {
    const stored = encryptSecret("hunter2-password", key);
    expect(stored.startsWith("v1.")).toBe(true);
    expect(stored).not.toContain("hunter2");
    expect(decryptSecret(stored, key)).toBe("hunter2-password");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret("same", key)).not.toBe(encryptSecret("same", key));
  });

  it("refuses a different master key and tampered ciphertext", () => {
    const stored = encryptSecret("value", key);
    expect(() => decryptSecret(stored, "x".repeat(43))).toThrow(SecretDecryptionError);
    const parts = stored.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret("garbage", key)).toThrow(SecretDecryptionError);
  });

  it("encrypts a credentials object", () => {
    const stored = encryptSecrets({ username: "api", password: "p@ss" }, key);
    expect(decryptSecrets(stored, key)).toEqual({ username: "api", password: "p@ss" });
  });
});
