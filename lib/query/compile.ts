import { z } from "zod";
import { closest } from "./did-you-mean";
import { QueryError } from "./errors";
import {
  ATTRIBUTES_PREFIX,
  assetCatalogue,
  attributeField,
  fieldNames,
  findField,
  findingCatalogue,
  findRelation,
  isAttributePath,
  type Catalogue,
  type FieldDef,
  type Relation,
  type SqlScope,
} from "./fields";
import { parseQuery, type QueryNode, type QueryValue } from "./parser";
import type { ComparisonOperator } from "./tokenizer";
import {
  parseDate,
  parseIpOrCidr,
  parseNumber,
  toSqlTimestamp,
  wildcardToLike,
  wildcardToRegExp,
  escapeLike,
} from "./values";

/** `vulnerabilities:(asset:( … ))` and the like may cross this many tables. */
export const MAX_RELATION_DEPTH = 4;

const compileOptionsSchema = z.object({
  /** How many parameters the caller already uses; placeholders start after them. */
  paramOffset: z.number().int().min(0).optional(),
  /** Placeholder number of the caller's tenant id, to scope sub-queries too. */
  tenantParam: z.number().int().min(1).optional(),
  /** The clock for relative dates such as now-7d; injectable for tests. */
  now: z.date().optional(),
});

export type CompileOptions = z.input<typeof compileOptionsSchema>;

export interface CompiledQuery {
  /** A boolean SQL expression over the catalogue's alias (`a` or `f`). */
  where: string;
  /** Values for the placeholders, numbered from paramOffset + 1. */
  params: string[];
}

interface Context {
  catalogue: Catalogue;
  scope: SqlScope;
  relationDepth: number;
  /** Set inside `field:( … )`: bare values in there belong to this field. */
  valueField?: { field: FieldDef; display: string };
}

type Resolved =
  | { kind: "field"; hops: Relation[]; field: FieldDef }
  | { kind: "relation"; hops: Relation[]; relation: Relation };

const SQL_OPERATOR: Record<ComparisonOperator, string> = {
  ":": "=",
  ">": ">",
  ">=": ">=",
  "<": "<",
  "<=": "<=",
};

function column(offset: number) {
  return offset + 1;
}

function quoteForMessage(text: string) {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

class Compiler {
  readonly params: string[] = [];
  private aliasCount = 0;

  constructor(
    private readonly paramOffset: number,
    private readonly tenant: string | undefined,
    private readonly now: Date,
  ) {}

  scope(alias: string): SqlScope {
    return {
      alias,
      tenant: this.tenant,
      freshAlias: (hint) => `q${hint}${++this.aliasCount}`,
      param: (value) => this.param(value),
    };
  }

  private param(value: string): string {
    this.params.push(value);
    return `$${this.paramOffset + this.params.length}`;
  }

  compile(node: QueryNode, context: Context): string {
    switch (node.kind) {
      case "and":
      case "or":
        return `(${node.children
          .map((child) => this.compile(child, context))
          .join(node.kind === "and" ? " AND " : " OR ")})`;
      case "not":
        return `NOT (${this.compile(node.child, context)})`;
      case "text":
        return this.compileText(node.value, context);
      case "term":
        return this.compileTerm(node, context);
      case "group":
        return this.compileGroup(node, context);
    }
  }

  private rejectInsideValueGroup(context: Context, name: string, start: number) {
    if (context.valueField) {
      throw new QueryError(
        `field '${name}' at column ${column(start)} cannot be used inside '${context.valueField.display}:( … )', which takes values only`,
        column(start),
      );
    }
  }

  private compileTerm(node: Extract<QueryNode, { kind: "term" }>, context: Context): string {
    this.rejectInsideValueGroup(context, node.field.name, node.field.start);
    const resolved = this.resolve(node.field.name, node.field.start, context.catalogue);
    if (resolved.kind === "relation") {
      const name = resolved.relation.name;
      throw new QueryError(
        `'${node.field.name}' at column ${column(node.field.start)} is a group of fields; write ${name}:( … ) or ${name}.<field>`,
        column(node.field.start),
      );
    }
    return this.throughRelations(resolved.hops, node.field.start, context, (inner) =>
      this.leaf(resolved.field, node.operator, node.operatorStart, node.value, inner.scope),
    );
  }

  private compileGroup(node: Extract<QueryNode, { kind: "group" }>, context: Context): string {
    this.rejectInsideValueGroup(context, node.field.name, node.field.start);
    const resolved = this.resolve(node.field.name, node.field.start, context.catalogue);
    if (resolved.kind === "relation") {
      return this.throughRelations(
        [...resolved.hops, resolved.relation],
        node.field.start,
        context,
        (inner) => this.compile(node.query, inner),
      );
    }
    return this.throughRelations(resolved.hops, node.field.start, context, (inner) =>
      this.compile(node.query, {
        ...inner,
        valueField: { field: resolved.field, display: node.field.name },
      }),
    );
  }

  private compileText(value: QueryValue, context: Context): string {
    if (context.valueField) {
      return this.leaf(context.valueField.field, ":", value.start, value, context.scope);
    }
    // A value without a field searches the catalogue's name-like fields as text.
    const match = this.textMatcher(value);
    if (context.catalogue.freeTextReach) {
      return context.catalogue.freeTextReach(context.scope, match);
    }
    const alternatives = context.catalogue.freeText.map((name) => {
      const field = findField(context.catalogue, name)!;
      return this.nullSafe(field, field.reach(context.scope, match));
    });
    return `(${alternatives.join(" OR ")})`;
  }

  /** Wraps `build` in one EXISTS per related table crossed, innermost last. */
  private throughRelations(
    hops: Relation[],
    start: number,
    context: Context,
    build: (inner: Context) => string,
  ): string {
    if (hops.length === 0) return build(context);
    const [relation, ...rest] = hops;
    const target = relation.target();
    if (!relation.exists) {
      return this.throughRelations(rest, start, { ...context, catalogue: target }, build);
    }
    if (context.relationDepth >= MAX_RELATION_DEPTH) {
      throw new QueryError(
        `query crosses more than ${MAX_RELATION_DEPTH} related tables at column ${column(start)}; simplify it`,
        column(start),
      );
    }
    const innerAlias = context.scope.freshAlias(target.alias);
    const inner: Context = {
      catalogue: target,
      scope: this.scope(innerAlias),
      relationDepth: context.relationDepth + 1,
    };
    const condition = this.throughRelations(rest, start, inner, build);
    return relation.exists(context.scope, innerAlias, condition);
  }

  private resolve(name: string, start: number, catalogue: Catalogue): Resolved {
    const segments = name.split(".");
    const hops: Relation[] = [];
    let current = catalogue;
    let offset = start;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      const last = i === segments.length - 1;
      const relation = findRelation(current, segment);
      if (relation && last) return { kind: "relation", hops, relation };
      if (relation) {
        hops.push(relation);
        current = relation.target();
        offset += segment.length + 1;
        continue;
      }
      if (segment.toLowerCase() === ATTRIBUTES_PREFIX) {
        const path = segments.slice(i + 1);
        if (!isAttributePath(path)) {
          throw new QueryError(
            `'${quoteForMessage(name)}' at column ${column(start)} needs an attribute path of up to 8 parts made of letters, digits, '_' or '-', e.g. attributes.cloud.region`,
            column(start),
          );
        }
        return { kind: "field", hops, field: attributeField(current, path) };
      }
      const field = findField(current, segment);
      if (field && last) return { kind: "field", hops, field };
      if (field) {
        throw new QueryError(
          `field '${field.name}' at column ${column(offset)} has no sub-fields`,
          column(offset),
        );
      }
      const suggestion =
        closest(segment, fieldNames(current)) ?? relatedFieldName(current, segment);
      throw new QueryError(
        `unknown field '${quoteForMessage(segment)}' at column ${column(offset)}` +
          (suggestion ? ` — did you mean '${suggestion}'?` : ""),
        column(offset),
        suggestion,
      );
    }
    // Unreachable: the loop returns or throws on its last segment.
    throw new QueryError(`unknown field '${name}' at column ${column(start)}`, column(start));
  }

  private nullSafe(field: FieldDef, sql: string) {
    // NULL would make NOT(...) drop rows where the field is empty; force a boolean.
    return field.nullable ? `COALESCE(${sql}, FALSE)` : sql;
  }

  private leaf(
    field: FieldDef,
    operator: ComparisonOperator,
    operatorStart: number,
    value: QueryValue,
    scope: SqlScope,
  ): string {
    if (operator !== ":" && field.type !== "number" && field.type !== "date") {
      throw new QueryError(
        `'${operator}' at column ${column(operatorStart)} compares numbers and dates, but '${field.name}' is ${describeType(field)}; use ${field.name}:value`,
        column(operatorStart),
        ":",
      );
    }
    switch (field.type) {
      case "string":
      case "string-list":
        return this.nullSafe(field, field.reach(scope, this.textMatcher(value)));
      case "number":
        return this.nullSafe(field, this.numberPredicate(field, operator, value, scope));
      case "date":
        return this.nullSafe(field, this.datePredicate(field, operator, value, scope));
      case "enum":
        return this.nullSafe(field, this.enumPredicate(field, value, scope));
      case "ip":
        return this.nullSafe(field, this.ipPredicate(field, value, scope));
    }
  }

  /**
   * Text semantics, chosen to match what a security engineer expects from
   * Qualys-style search boxes:
   * - `os:Windows` / `os:"Windows Server"`: case-insensitive *contains*, so
   *   partial host names and OS families just work;
   * - `os:Windows*` (a `*` anywhere): case-insensitive wildcard over the whole
   *   value, so `Windows*` means "starts with";
   * - ``source:`CSAM` ``: the whole value, ignoring case; `*` is literal.
   */
  private textMatcher(value: QueryValue): (expression: string) => string {
    if (value.style === "exact") {
      const placeholder = this.param(value.text);
      return (expression) => `lower(${expression}) = lower(${placeholder}::text)`;
    }
    const pattern = value.text.includes("*")
      ? wildcardToLike(value.text)
      : `%${escapeLike(value.text)}%`;
    const placeholder = this.param(pattern);
    return (expression) => `${expression} ILIKE ${placeholder}::text`;
  }

  private numberPredicate(
    field: FieldDef,
    operator: ComparisonOperator,
    value: QueryValue,
    scope: SqlScope,
  ): string {
    const number = parseNumber(value.text);
    const at = column(value.start);
    if (number === undefined) {
      throw new QueryError(`'${quoteForMessage(value.text)}' at column ${at} is not a number`, at);
    }
    const { min, max, integer } = field.range ?? {};
    if (integer && !Number.isInteger(number)) {
      throw new QueryError(
        `'${value.text}' at column ${at} is not a whole number, which '${field.name}' needs`,
        at,
      );
    }
    if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
      const bounds = max === undefined ? `at least ${min}` : `between ${min ?? "…"} and ${max}`;
      throw new QueryError(
        `'${value.text}' at column ${at} is out of range; '${field.name}' is ${bounds}`,
        at,
      );
    }
    // Integer columns compare with an integer so their btree indexes apply
    // (integer = numeric would cast the column instead); values beyond the
    // int4 range fall back to numeric rather than failing the cast.
    const asInteger = integer && Math.abs(number) <= 2_147_483_647;
    const text = asInteger ? String(number) : value.text.replace(/^\+/, "");
    return field.reach(
      scope,
      (expression) =>
        `${expression} ${SQL_OPERATOR[operator]} ${scope.param(text)}::${asInteger ? "integer" : "numeric"}`,
    );
  }

  private datePredicate(
    field: FieldDef,
    operator: ComparisonOperator,
    value: QueryValue,
    scope: SqlScope,
  ): string {
    const date = parseDate(value.text, this.now);
    const at = column(value.start);
    if (!date) {
      throw new QueryError(
        `'${quoteForMessage(value.text)}' at column ${at} is not a date; use YYYY-MM-DD, an ISO date-time or now-7d`,
        at,
      );
    }
    const timestamp = (ms: number) => `${scope.param(toSqlTimestamp(ms))}::timestamp`;
    if (date.kind === "instant") {
      if (operator === ":") {
        throw new QueryError(
          `'${value.text}' at column ${at} is a point in time; compare with it, e.g. ${field.name}>=${value.text}`,
          at,
          ">=",
        );
      }
      return field.reach(scope, (e) => `${e} ${SQL_OPERATOR[operator]} ${timestamp(date.at)}`);
    }
    // A calendar period: compare against its start or its (exclusive) end.
    return field.reach(scope, (e) => {
      switch (operator) {
        case ":":
          return `(${e} >= ${timestamp(date.start)} AND ${e} < ${timestamp(date.end)})`;
        case ">":
          return `${e} >= ${timestamp(date.end)}`;
        case ">=":
          return `${e} >= ${timestamp(date.start)}`;
        case "<":
          return `${e} < ${timestamp(date.start)}`;
        case "<=":
          return `${e} < ${timestamp(date.end)}`;
      }
    });
  }

  private enumPredicate(field: FieldDef, value: QueryValue, scope: SqlScope): string {
    const values = field.values ?? [];
    const names = (v: (typeof values)[number]) => [v.label, v.sql, ...(v.aliases ?? [])];
    const wildcard = value.style !== "exact" && value.text.includes("*");
    const test = wildcard
      ? wildcardToRegExp(value.text)
      : { test: (name: string) => name.toLowerCase() === value.text.toLowerCase() };
    const matched = values.filter((v) => names(v).some((name) => test.test(name)));
    if (matched.length === 0) {
      const at = column(value.start);
      const suggestion = wildcard ? undefined : closest(value.text, values.flatMap(names));
      const label = suggestion
        ? values.find((v) => names(v).includes(suggestion))?.label
        : undefined;
      throw new QueryError(
        `'${quoteForMessage(value.text)}' at column ${at} is not a ${field.name}; expected ${values
          .map((v) => v.label)
          .join(", ")}` + (label ? ` — did you mean '${label}'?` : ""),
        at,
        label,
      );
    }
    return field.reach(scope, (expression) => {
      const placeholders = matched.map((v) => `${scope.param(v.sql)}::${field.sqlEnumType}`);
      return placeholders.length === 1
        ? `${expression} = ${placeholders[0]}`
        : `${expression} IN (${placeholders.join(", ")})`;
    });
  }

  /**
   * An address or CIDR matches by inet containment (so 10.0.0.0/8 finds
   * 10.1.2.3); `10.0.*` is a text wildcard; a backticked value is compared as
   * text. Stored strings that are not valid addresses are skipped rather than
   * allowed to abort the query with a cast error.
   */
  private ipPredicate(field: FieldDef, value: QueryValue, scope: SqlScope): string {
    if (value.style === "exact" || value.text.includes("*")) {
      return field.reach(scope, this.textMatcher(value));
    }
    const address = parseIpOrCidr(value.text);
    if (!address) {
      const at = column(value.start);
      throw new QueryError(
        `'${quoteForMessage(value.text)}' at column ${at} is not an IP address or CIDR range; use a wildcard such as 10.0.* to match a prefix`,
        at,
      );
    }
    const placeholder = scope.param(address);
    if (field.reachInet) {
      return field.reachInet(scope, (e) => `${e} <<= ${placeholder}::inet`);
    }
    return field.reach(
      scope,
      (e) =>
        `COALESCE(CASE WHEN pg_input_is_valid(${e}, 'inet') THEN ${e}::inet END <<= ${placeholder}::inet, FALSE)`,
    );
  }
}

/** `status` typed on assets probably meant the status of a finding: `vulnerabilities.status`. */
function relatedFieldName(catalogue: Catalogue, name: string): string | undefined {
  for (const relation of catalogue.relations) {
    if (relation.exists && findField(relation.target(), name)) {
      return `${relation.name}.${findField(relation.target(), name)!.name}`;
    }
  }
  return undefined;
}

function describeType(field: FieldDef) {
  switch (field.type) {
    case "string":
      return "text";
    case "string-list":
      return "a list of text values";
    case "enum":
      return `one of ${(field.values ?? []).map((v) => v.label).join(", ")}`;
    case "ip":
      return "an IP address";
    default:
      return `a ${field.type}`;
  }
}

/**
 * Compiles a query typed by a user into a parameterised SQL boolean expression
 * over the catalogue's table alias. Throws QueryError, and only QueryError,
 * for anything wrong with the query.
 */
export function compileQuery(
  query: string,
  catalogue: Catalogue,
  options: CompileOptions = {},
): CompiledQuery {
  const parsed = compileOptionsSchema.parse(options);
  const paramOffset = parsed.paramOffset ?? parsed.tenantParam ?? 0;
  if (parsed.tenantParam !== undefined && parsed.tenantParam > paramOffset) {
    throw new Error("tenantParam must be one of the caller's own parameters (≤ paramOffset)");
  }
  const compiler = new Compiler(
    paramOffset,
    parsed.tenantParam === undefined ? undefined : `$${parsed.tenantParam}`,
    parsed.now ?? new Date(),
  );
  const ast = parseQuery(query);
  if (!ast) return { where: "TRUE", params: [] };
  const where = compiler.compile(ast, {
    catalogue,
    scope: compiler.scope(catalogue.alias),
    relationDepth: 0,
  });
  return { where, params: compiler.params };
}

/** A filter over `assets a`. */
export function compileAssetQuery(query: string, options: CompileOptions = {}): CompiledQuery {
  return compileQuery(query, assetCatalogue, options);
}

/** A filter over `findings f`. */
export function compileFindingQuery(query: string, options: CompileOptions = {}): CompiledQuery {
  return compileQuery(query, findingCatalogue, options);
}
