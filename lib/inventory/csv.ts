// CSV cells for spreadsheets. Values come from connectors, i.e. from whoever
// controls a scanned host's name or a CSV in a bucket, so a cell starting
// with = + - @ (or tab / carriage return, which some spreadsheets skip before
// reading a formula) is prefixed with an apostrophe: the cell is then shown as
// text instead of being evaluated (OWASP "CSV injection").

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  // Numbers are ours (scores, counts), not source text: -1 stays a number.
  if (typeof value === "number") return String(value);
  let text =
    value instanceof Date
      ? value.toISOString()
      : Array.isArray(value)
        ? value.join("; ")
        : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * A streamed CSV download. The first chunk is pulled before the response is
 * built, so an error there (a bad query) still becomes a proper error status.
 */
export async function csvResponse(lines: AsyncGenerator<string>, filename: string) {
  const encoder = new TextEncoder();
  const first = await lines.next();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
