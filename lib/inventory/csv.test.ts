import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("csvCell", () => {
  it.each([
    ["plain text stays as is", "web-01", "web-01"],
    [
      "a formula gets a leading apostrophe",
      '=HYPERLINK("http://x")',
      `"'=HYPERLINK(""http://x"")"`,
    ],
    ["plus", "+1+1", "'+1+1"],
    ["minus", "-2+3", "'-2+3"],
    ["at sign", "@SUM(A1)", "'@SUM(A1)"],
    ["leading tab", "\t=1", "'\t=1"],
    ["leading carriage return", "\r=1", `"'\r=1"`],
    ["equals inside is harmless", "a=b", "a=b"],
    ["commas are quoted", "Windows, Server", `"Windows, Server"`],
    ["quotes are doubled", 'say "hi"', `"say ""hi"""`],
    ["new lines are quoted", "two\nlines", `"two\nlines"`],
    ["surrounding spaces are kept by quoting", " padded ", `" padded "`],
  ])("%s", (_name, input, output) => {
    expect(csvCell(input)).toBe(output);
  });

  it("writes numbers, dates, lists and empties", () => {
    expect(csvCell(-1)).toBe("-1");
    expect(csvCell(new Date("2026-01-02T03:04:05Z"))).toBe("2026-01-02T03:04:05.000Z");
    expect(csvCell(["10.0.0.1", "=cmd"])).toBe("10.0.0.1; =cmd");
    expect(csvCell(["=cmd", "10.0.0.1"])).toBe("'=cmd; 10.0.0.1");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });
});

describe("csvLine", () => {
  it("joins cells with commas and ends with CRLF", () => {
    expect(csvLine(["a", 1, "=x"])).toBe("a,1,'=x\r\n");
  });
});
