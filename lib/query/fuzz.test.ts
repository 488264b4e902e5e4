import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileAssetQuery, compileFindingQuery } from "./compile";
import { QueryError } from "./errors";
import { assetCatalogue, findingCatalogue } from "./fields";
import { anyText, auditSql, tokenSoup } from "./fuzz-arbitraries";
import { suggest } from "./suggest";

const NOW = new Date("2026-03-01T12:00:00Z");

type Outcome = { ok: true; problems: string[] } | { ok: false; error: unknown };

function attempt(query: string, findings: boolean): Outcome {
  const options = { tenantParam: 1, paramOffset: 2, now: NOW };
  try {
    const { where, params } = findings
      ? compileFindingQuery(query, options)
      : compileAssetQuery(query, options);
    return { ok: true, problems: auditSql(where, params, 2, 1) };
  } catch (error) {
    return { ok: false, error };
  }
}

function checkQuery(query: string) {
  for (const findings of [false, true]) {
    const outcome = attempt(query, findings);
    if (outcome.ok) {
      expect(outcome.problems, query).toEqual([]);
    } else {
      expect(outcome.error, query).toBeInstanceOf(QueryError);
      const error = outcome.error as QueryError;
      expect(Number.isInteger(error.column) && error.column >= 1, query).toBe(true);
      expect(error.column, query).toBeLessThanOrEqual(Math.max(query.length, 2000) + 1);
    }
  }
}

describe("auditSql", () => {
  it("flags values that were interpolated instead of bound", () => {
    expect(auditSql(`a."name" ILIKE '%web%'`, [], 0)).toEqual(["literal '%web%'"]);
    expect(auditSql(`a."riskScore" > 500`, [], 0)).toEqual(["word 500"]);
    expect(auditSql(`a."web01" = $1`, ["x"], 0)).toEqual(['identifier "web01"']);
    expect(auditSql(`a."name" = $3`, ["x"], 1)).toEqual(["placeholder $3", "unused parameter $2"]);
    expect(auditSql(`a."name" ILIKE $2::text AND a."tenantId" = $1`, ["%x%"], 1, 1)).toEqual([]);
  });
});

describe("compiler properties", () => {
  it("throws only QueryError on arbitrary text, and compiles values to placeholders only", () => {
    fc.assert(fc.property(anyText, checkQuery), { numRuns: 3000 });
  });

  it("does the same on soups of query-language tokens", () => {
    fc.assert(fc.property(tokenSoup, checkQuery), { numRuns: 3000 });
  });

  it("compiles a useful share of the token soups, so the property above is not vacuous", () => {
    const sample = fc.sample(tokenSoup, { numRuns: 500, seed: 42 });
    const compiled = sample.filter((query) => attempt(query, false).ok);
    expect(compiled.length).toBeGreaterThan(50);
  });

  it("keeps every quoted or backticked value out of the SQL", () => {
    const value = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((text) => !/[`\u0000-\u001f\u007f]/.test(text));
    fc.assert(
      fc.property(
        value,
        fc.constantFrom("name", "os", "tag", "mac", "attributes.x", "inventory.source"),
        (text, field) => {
          const { where, params } = compileAssetQuery(`${field}:\`${text}\``);
          expect(params).toContain(text);
          expect(auditSql(where, params, 0)).toEqual([]);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("autocomplete never throws, for any text and cursor", () => {
    fc.assert(
      fc.property(
        fc.oneof(anyText, tokenSoup),
        fc.integer({ min: -3, max: 200 }),
        fc.boolean(),
        (text, cursor, findings) => {
          const result = suggest(text, cursor, findings ? findingCatalogue : assetCatalogue);
          expect(result.from).toBeLessThanOrEqual(result.to);
          expect(result.to).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
