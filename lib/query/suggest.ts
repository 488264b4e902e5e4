import {
  ATTRIBUTES_PREFIX,
  findField,
  findRelation,
  type Catalogue,
  type FieldDef,
} from "./fields";
import { tokenize, type Token } from "./tokenizer";

export interface Suggestion {
  kind: "field" | "relation" | "value" | "keyword";
  /** What the list shows. */
  label: string;
  /** What replaces query[from, to) when the suggestion is picked. */
  insert: string;
  /** Type and description, for a second line in the list. */
  detail?: string;
}

export interface Suggestions {
  from: number;
  to: number;
  items: Suggestion[];
}

/** What `(` opened: a group in some catalogue, possibly the values of one field. */
interface Frame {
  catalogue: Catalogue;
  valueField?: FieldDef;
}

const KEYWORDS = ["AND", "OR", "NOT"] as const;
const KEYWORD_DETAIL: Record<(typeof KEYWORDS)[number], string> = {
  AND: "both sides match (also implied by a space)",
  OR: "either side matches",
  NOT: "the next term does not match",
};
const RELATIVE_DATES = [
  { value: "now-1d", detail: "24 hours ago" },
  { value: "now-7d", detail: "7 days ago" },
  { value: "now-30d", detail: "30 days ago" },
];

function typeDetail(field: FieldDef) {
  const type =
    field.type === "enum" ? (field.values ?? []).map((v) => v.label).join(" | ") : field.type;
  return `${type} — ${field.description}`;
}

function quoteIfNeeded(text: string) {
  return /[\s()"`:<>=]/.test(text) ? `"${text}"` : text;
}

function byPrefix<T>(items: T[], name: (item: T) => string, typed: string): T[] {
  const needle = typed.toLowerCase();
  const starts = items.filter((item) => name(item).toLowerCase().startsWith(needle));
  // Matches inside a name help with `score` → riskScore, but one letter matches almost everything.
  const contains =
    needle.length < 2
      ? []
      : items.filter(
          (item) =>
            !name(item).toLowerCase().startsWith(needle) &&
            name(item).toLowerCase().includes(needle),
        );
  return [...starts, ...contains];
}

/** Follows relations in a dotted prefix such as `vulnerabilities.` without throwing. */
function resolve(
  catalogue: Catalogue,
  name: string,
): { kind: "catalogue"; catalogue: Catalogue } | { kind: "field"; field: FieldDef } | undefined {
  let current = catalogue;
  const segments = name.split(".");
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    const relation = findRelation(current, segments[i]);
    if (relation) {
      current = relation.target();
      continue;
    }
    const field = findField(current, segments[i]);
    if (field && last) return { kind: "field", field };
    return undefined;
  }
  return { kind: "catalogue", catalogue: current };
}

function fieldItems(catalogue: Catalogue, typed: string): Suggestion[] {
  // `vulnerabilities.sev` completes the part after the last dot, inside the related catalogue.
  const dot = typed.lastIndexOf(".");
  const path = dot < 0 ? "" : typed.slice(0, dot);
  const partial = typed.slice(dot + 1);
  if (path.split(".")[0].toLowerCase() === ATTRIBUTES_PREFIX) return [];
  const resolved = path ? resolve(catalogue, path) : { kind: "catalogue" as const, catalogue };
  if (resolved?.kind !== "catalogue") return [];
  const target = resolved.catalogue;
  const prefix = path ? `${path}.` : "";
  const items: Suggestion[] = [
    ...target.fields.map((field): Suggestion => ({
      kind: "field",
      label: `${prefix}${field.name}`,
      insert: `${prefix}${field.name}:`,
      detail: typeDetail(field),
    })),
    ...target.relations.map((relation): Suggestion => ({
      kind: "relation",
      label: `${prefix}${relation.name}`,
      insert: `${prefix}${relation.name}:(`,
      detail: relation.description,
    })),
    {
      kind: "field",
      label: `${prefix}${ATTRIBUTES_PREFIX}`,
      insert: `${prefix}${ATTRIBUTES_PREFIX}.`,
      detail: "string — any attribute by dotted path, e.g. attributes.cloud.region",
    },
  ];
  return byPrefix(items, (item) => item.label.slice(prefix.length), partial);
}

function valueItems(field: FieldDef, typed: string, unquoted = true): Suggestion[] {
  if (field.type === "enum") {
    const items = (field.values ?? []).map((value): Suggestion => ({
      kind: "value",
      label: value.label,
      insert: unquoted ? quoteIfNeeded(value.label) : value.label,
      detail: field.name,
    }));
    return byPrefix(items, (item) => item.label, typed);
  }
  if (field.type === "date") {
    const items = RELATIVE_DATES.map((date): Suggestion => ({
      kind: "value",
      label: date.value,
      insert: date.value,
      detail: date.detail,
    }));
    return byPrefix(items, (item) => item.label, typed);
  }
  return [];
}

function keywordItems(typed: string, afterTerm: boolean): Suggestion[] {
  const keywords = afterTerm ? KEYWORDS : (["NOT"] as const);
  return byPrefix(
    keywords.map((word): Suggestion => ({
      kind: "keyword",
      label: word,
      insert: `${word} `,
      detail: KEYWORD_DETAIL[word],
    })),
    (item) => item.label,
    typed,
  );
}

function completesTerm(token: Token | undefined) {
  if (!token) return false;
  if (token.kind === "rparen" || token.kind === "quoted") return true;
  if (token.kind !== "word") return false;
  return !["AND", "OR", "NOT"].includes(token.text.toUpperCase());
}

/**
 * Autocomplete for the search box: field names while a field is being typed,
 * values (enum labels, relative dates) after `field:`, and AND/OR/NOT after a
 * complete term. Looks only at the text before the cursor; never throws.
 */
export function suggest(query: string, cursor: number, catalogue: Catalogue): Suggestions {
  const at = Math.max(0, Math.min(Math.trunc(Number.isFinite(cursor) ? cursor : 0), query.length));
  const none: Suggestions = { from: at, to: at, items: [] };
  let tokens: Token[];
  try {
    tokens = tokenize(query.slice(0, at), { lenient: true });
  } catch {
    return none;
  }

  // Replay the groups opened before the cursor to know which catalogue, or
  // which field's values, the cursor is in.
  const stack: Frame[] = [{ catalogue }];
  const top = () => stack[stack.length - 1];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const operator = tokens[i + 1];
    const paren = tokens[i + 2];
    if (
      token.kind === "field" &&
      operator?.kind === "operator" &&
      operator.operator === ":" &&
      paren?.kind === "lparen" &&
      paren.start === operator.end
    ) {
      const resolved = resolve(top().catalogue, token.text);
      stack.push(
        resolved?.kind === "catalogue"
          ? { catalogue: resolved.catalogue }
          : { catalogue: top().catalogue, valueField: resolved?.field },
      );
      i += 2;
    } else if (token.kind === "lparen") {
      stack.push({ ...top() });
    } else if (token.kind === "rparen" && stack.length > 1) {
      stack.pop();
    }
  }

  const frame = top();
  const last = tokens[tokens.length - 1];
  const touching = last !== undefined && last.end === at;

  // Cursor after a space, at the start, or right after `(`: a new term begins.
  if (!touching || last.kind === "lparen") {
    const afterTerm = !touching && completesTerm(last);
    if (frame.valueField) {
      return {
        ...none,
        items: [...valueItems(frame.valueField, ""), ...keywordItems("", afterTerm)],
      };
    }
    return {
      ...none,
      items: afterTerm
        ? keywordItems("", true)
        : [...fieldItems(frame.catalogue, ""), ...keywordItems("", false)],
    };
  }

  const before = tokens[tokens.length - 2];
  const field = tokens[tokens.length - 3];

  // Right after `field:` — offer its values.
  if (last.kind === "operator") {
    if (before?.kind !== "field" || before.end !== last.start) return none;
    const resolved = resolve(frame.catalogue, before.text);
    if (resolved?.kind === "catalogue" && last.operator === ":") {
      return {
        ...none,
        items: [{ kind: "value", label: "( … )", insert: "(", detail: "a sub-query" }],
      };
    }
    if (resolved?.kind !== "field") return none;
    return { ...none, items: valueItems(resolved.field, "") };
  }

  // Part of a value after `field:`.
  if (last.kind === "word" && before?.kind === "operator" && before.end === last.start) {
    if (field?.kind !== "field") return none;
    const resolved = resolve(frame.catalogue, field.text);
    if (resolved?.kind !== "field") return none;
    return { from: last.start, to: at, items: valueItems(resolved.field, last.text) };
  }

  // A word at the start of a term: a field name, a keyword, or a value in `field:( … )`.
  if (last.kind === "word") {
    const afterTerm = completesTerm(before) && before!.end < last.start;
    const items = frame.valueField
      ? valueItems(frame.valueField, last.text)
      : fieldItems(frame.catalogue, last.text);
    return { from: last.start, to: at, items: [...items, ...keywordItems(last.text, afterTerm)] };
  }

  // An unterminated quoted value: complete enum labels inside the quotes.
  if (
    last.kind === "quoted" &&
    last.unterminated &&
    before?.kind === "operator" &&
    field?.kind === "field"
  ) {
    const resolved = resolve(frame.catalogue, field.text);
    if (resolved?.kind !== "field") return none;
    const items = valueItems(resolved.field, last.value, false).map((item) => ({
      ...item,
      insert: `${last.quote}${item.insert}${last.quote}`,
    }));
    return { from: last.start, to: at, items };
  }
  return none;
}
