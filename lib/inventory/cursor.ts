// Opaque keyset cursors: the sort value and id of the row to continue from,
// and which way to go. They carry no tenant or filter, so a cursor pasted
// into another query only positions, never widens, what is returned.
import { z } from "zod";

const cursorSchema = z.object({
  /** Sort key the cursor was made for; a cursor for another sort is ignored. */
  s: z.string().max(40),
  /** Direction of that sort. */
  o: z.enum(["asc", "desc"]),
  /** "a" = rows after this one, "b" = rows before it. */
  w: z.enum(["a", "b"]),
  /** Sort value as text (SQL casts it back); null is not allowed in keyset columns. */
  v: z.string().max(500),
  id: z.uuid(),
});

export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** Undefined for anything malformed or made for another sort, which restarts at page one. */
export function decodeCursor(
  text: string | undefined,
  sort: string,
  direction: "asc" | "desc",
): Cursor | undefined {
  if (!text) return undefined;
  try {
    const parsed = cursorSchema.safeParse(
      JSON.parse(Buffer.from(text, "base64url").toString("utf8")),
    );
    if (!parsed.success || parsed.data.s !== sort || parsed.data.o !== direction) return undefined;
    return parsed.data;
  } catch {
    return undefined;
  }
}
