import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * Safe XML parsing for Qualys API responses.
 *
 * Qualys documents start with `<!DOCTYPE … SYSTEM "…dtd">` and often end with
 * `<!-- … -->` comments. A DOCTYPE may also carry an internal subset with
 * `<!ENTITY>` declarations, which is how billion-laughs and XXE payloads
 * arrive, so DOCTYPE entities are never expanded here: only the five entities
 * every XML document has (&amp; &lt; &gt; &quot; &apos;) and numeric
 * character references are decoded. CDATA is returned verbatim.
 */

// Large enough for a detection page with truncation_limit in the thousands,
// small enough that one hostile response cannot exhaust the worker's heap.
export const DEFAULT_MAX_XML_CHARS = 128 * 1024 * 1024;

export class XmlParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "XmlParseError";
  }
}

export class XmlTooLargeError extends XmlParseError {
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(`XML document has ${length} characters, more than the limit of ${limit}`);
    this.name = "XmlTooLargeError";
  }
}

/** A parsed element: child elements by tag, attributes as `@name`, text as `#text`. */
export type XmlElement = { [key: string]: XmlValue };
export type XmlValue = string | XmlElement | XmlValue[] | undefined;

export const TEXT_KEY = "#text";
export const ATTRIBUTE_PREFIX = "@";

export type ParseXmlOptions = {
  /**
   * Element paths that always come back as arrays, even with one child.
   * A path matches the end of the element's dotted path, so `HOST_LIST.HOST`
   * matches `HOST_LIST_OUTPUT.RESPONSE.HOST_LIST.HOST`.
   */
  arrayPaths?: readonly string[];
  maxChars?: number;
};

const PREDEFINED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** Decodes predefined entities and character references; anything else stays literal. */
export function decodePredefinedEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const codePoint = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : whole;
    }
    return PREDEFINED_ENTITIES[ref] ?? whole;
  });
}

// fast-xml-parser hands DOCTYPE entities to the decoder through
// addInputEntities; dropping them there is what keeps expansion off while the
// predefined entities still decode in text and attribute values.
const predefinedOnlyDecoder = {
  setExternalEntities: () => {},
  addInputEntities: () => {},
  reset: () => {},
  setXmlVersion: () => {},
  decode: decodePredefinedEntities,
};

function arrayMatcher(paths: readonly string[]): (jPath: string) => boolean {
  const byLastSegment = new Map<string, string[]>();
  for (const path of paths) {
    const last = path.slice(path.lastIndexOf(".") + 1);
    byLastSegment.set(last, [...(byLastSegment.get(last) ?? []), path]);
  }
  return (jPath) => {
    const last = jPath.slice(jPath.lastIndexOf(".") + 1);
    const candidates = byLastSegment.get(last);
    return (
      candidates !== undefined && candidates.some((p) => jPath === p || jPath.endsWith(`.${p}`))
    );
  };
}

export function parseXml(text: string, options: ParseXmlOptions = {}): XmlElement {
  const limit = options.maxChars ?? DEFAULT_MAX_XML_CHARS;
  if (text.length > limit) throw new XmlTooLargeError(text.length, limit);
  // The parser itself is lenient and returns a partial tree for a body cut
  // off mid-transfer; a partial page must fail rather than look complete.
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    throw new XmlParseError(`XML is not well-formed (line ${line}, column ${col}): ${msg}`);
  }
  const isArrayPath = arrayMatcher(options.arrayPaths ?? []);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    textNodeName: TEXT_KEY,
    // Values stay strings: zod schemas downstream decide what is a number, so
    // IDs with leading zeros or more than 15 digits are never mangled.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    processEntities: { enabled: true, maxEntityCount: 1000, maxEntitySize: 10_000 },
    entityDecoder: predefinedOnlyDecoder,
    htmlEntities: false,
    jPath: true,
    isArray: (_tagName, jPath, _isLeaf, isAttribute) => !isAttribute && isArrayPath(String(jPath)),
  });
  let document: unknown;
  try {
    document = parser.parse(text);
  } catch (error) {
    throw new XmlParseError(`XML could not be parsed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw new XmlParseError("XML document has no root element");
  }
  return document as XmlElement;
}

/** The single root element of a parsed document and its tag name. */
export function rootOf(document: XmlElement): { name: string; element: XmlElement } {
  const names = Object.keys(document);
  if (names.length !== 1) {
    throw new XmlParseError(`XML document must have one root element, found ${names.length}`);
  }
  const name = names[0];
  const value = document[name];
  // An empty root such as <HOST_LIST_OUTPUT/> parses to "".
  const element = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  return { name, element };
}
