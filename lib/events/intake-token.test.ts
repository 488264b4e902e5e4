import { describe, expect, it } from "vitest";
import {
  generateIntakeToken,
  hashIntakeToken,
  intakeTokenMatches,
  INTAKE_TOKEN_PREFIX,
  looksLikeIntakeToken,
} from "./intake-token";

describe("intake tokens", () => {
  it("are long, random, recognisable and never equal", () => {
    const tokens = new Set(Array.from({ length: 50 }, generateIntakeToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^sluice_it_[A-Za-z0-9_-]{43}$/);
      expect(looksLikeIntakeToken(token)).toBe(true);
    }
  });

  it("are stored as their SHA-256 in hex", () => {
    // The FIPS 180-2 test vector for "abc".
    expect(hashIntakeToken("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  const token = generateIntakeToken();
  it.each([
    ["the right token", token, hashIntakeToken(token), true],
    ["another token", generateIntakeToken(), hashIntakeToken(token), false],
    ["no stored hash", token, null, false],
    ["a truncated stored hash", token, hashIntakeToken(token).slice(0, 10), false],
    ["an empty token", "", hashIntakeToken(token), false],
  ])("matches %s: %s", (_name, presented, stored, expected) => {
    expect(intakeTokenMatches(presented, stored)).toBe(expected);
  });

  it.each([
    ["a JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", false],
    ["an intake token", `${INTAKE_TOKEN_PREFIX}xyz`, true],
  ])("tells %s apart", (_name, value, expected) => {
    expect(looksLikeIntakeToken(value)).toBe(expected);
  });
});
