import { describe, expect, it } from "vitest";

import { decodePredefinedEntities, parseXml, rootOf, XmlParseError, XmlTooLargeError } from "./xml";

describe("parseXml", () => {
  it("does not expand a billion-laughs entity payload", () => {
    const levels = ['<!ENTITY lol0 "lol">'];
    for (let level = 1; level <= 9; level++) {
      const previous = `&lol${level - 1};`;
      levels.push(`<!ENTITY lol${level} "${previous.repeat(10)}">`);
    }
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE bomb [\n${levels.join("\n")}\n]>\n<bomb><A>&lol9;</A><B attr="&lol9;">x</B></bomb>`;
    const started = Date.now();
    const { name, element } = rootOf(parseXml(xml));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(name).toBe("bomb");
    expect(element.A).toBe("&lol9;");
    expect(element.B).toEqual({ "#text": "x", "@attr": "&lol9;" });
  });

  it("does not expand a plain internal entity", () => {
    const xml = `<!DOCTYPE r [<!ENTITY greeting "hello">]><r><a>&greeting;</a></r>`;
    expect(rootOf(parseXml(xml)).element).toEqual({ a: "&greeting;" });
  });

  it("refuses a document declaring an external (XXE) entity", () => {
    const xml = `<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r><b>&xxe;</b></r>`;
    expect(() => parseXml(xml)).toThrow(XmlParseError);
  });

  it.each([
    [
      "predefined entities",
      "<r>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;</r>",
      "a & b <c> \"d\" 'e'",
    ],
    ["decimal and hex character references", "<r>&#65;&#x42;&#x1F600;</r>", "AB\u{1F600}"],
    ["CDATA kept verbatim", "<r><![CDATA[x &amp; <y>]]></r>", "x &amp; <y>"],
    ["unknown named entity left as is", "<r>&nbsp;</r>", "&nbsp;"],
    ["invalid code point left as is", "<r>&#0;</r>", "&#0;"],
  ])("decodes %s", (_label, xml, expected) => {
    expect(parseXml(xml).r).toBe(expected);
  });

  it("skips the DOCTYPE, the XML declaration and comments before and after the root", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8" ?>\n<!DOCTYPE R SYSTEM "https://example.test/r.dtd">\n<!-- before //-->\n<R><X>1</X><!-- inside --></R>\n<!-- after //--> \n<!-- again -->`;
    expect(parseXml(xml)).toEqual({ R: { X: "1" } });
  });

  it("returns configured paths as arrays even with one element, and leaves others alone", () => {
    const xml = "<R><LIST><ITEM><ID>1</ID></ITEM></LIST><ID>9</ID></R>";
    const { element } = rootOf(parseXml(xml, { arrayPaths: ["LIST.ITEM"] }));
    expect(element).toEqual({ LIST: { ITEM: [{ ID: "1" }] }, ID: "9" });
  });

  it("keeps numbers as strings so long IDs and leading zeros survive", () => {
    const { element } = rootOf(parseXml("<R><A>0012</A><B>12345678901234567890</B></R>"));
    expect(element).toEqual({ A: "0012", B: "12345678901234567890" });
  });

  it("refuses a document over the size limit before parsing it", () => {
    expect(() => parseXml(`<R>${"x".repeat(200)}</R>`, { maxChars: 100 })).toThrow(
      XmlTooLargeError,
    );
  });

  it.each([
    ["a body cut inside an element", "<R><HOST_LIST><HOST><ID>1</ID></HOST><HOST><ID>2"],
    ["a body cut after a complete child", "<R><HOST_LIST><HOST><ID>1</ID></HOST></HOST_LIST>"],
    ["an unterminated CDATA", "<R><A><![CDATA[abc"],
    ["an unterminated trailing comment", "<R/><!-- x"],
  ])("rejects %s", (_label, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlParseError);
  });
});

describe("decodePredefinedEntities", () => {
  it("returns text without ampersands unchanged", () => {
    expect(decodePredefinedEntities("plain text")).toBe("plain text");
  });
});
