// Time-ordered ids (RFC 9562 UUIDv7) for rows written in bulk. A new asset's
// id leads the keys of its identifiers, sources and findings; ids that grow
// with time put those index entries at the right edge of each index instead
// of on a random leaf page.
import { randomUUID } from "node:crypto";

/** 48 bits of Unix milliseconds, the version nibble 7, then v4's random bits and variant. */
export function uuidV7(now = Date.now()): string {
  const random = randomUUID();
  const time = now.toString(16).padStart(12, "0");
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
