// Identifier kinds an identification rule can match on, in the default
// precedence order, and their normalisation: two spellings of one identifier
// (upper-case MAC, trailing-dot FQDN, zero-padded IPv6) must compare equal.
import { isIP } from "node:net";

export const identifierKinds = [
  "ASSET_UUID",
  "HOST_ID",
  "BIOS_SERIAL",
  "CLOUD_INSTANCE_ID",
  "MAC",
  "FQDN",
  "NETBIOS",
  "IP",
] as const;

export type IdentifierKind = (typeof identifierKinds)[number];

export const identifierLabels: Record<IdentifierKind, string> = {
  ASSET_UUID: "Asset UUID",
  HOST_ID: "Host ID",
  BIOS_SERIAL: "BIOS serial number",
  CLOUD_INSTANCE_ID: "Cloud instance ID",
  MAC: "MAC address",
  FQDN: "FQDN / DNS name",
  NETBIOS: "NetBIOS name",
  IP: "IP address",
};

function expandIpv6(address: string): string | null {
  let text = address.toLowerCase();
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const parts = v4[1].split(".").map(Number);
    text =
      text.slice(0, -v4[1].length) +
      ((parts[0] << 8) | parts[1]).toString(16) +
      ":" +
      ((parts[2] << 8) | parts[3]).toString(16);
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (text.includes("::") ? missing < 1 : missing !== 0) return null;
  return [...left, ...Array(text.includes("::") ? missing : 0).fill("0"), ...right]
    .map((h) => parseInt(h, 16))
    .map((n) => n.toString(16))
    .join(":");
}

/** RFC 5952 canonical text: lower case, no leading zeros, longest zero run as "::". */
export function canonicalIp(value: string): string | null {
  const text = value.trim();
  const version = isIP(text.split("%")[0]);
  if (version === 4)
    return text
      .split(".")
      .map((p) => String(Number(p)))
      .join(".");
  if (version !== 6) return null;
  const full = expandIpv6(text);
  if (!full) return null;
  const hextets = full.split(":");
  if (hextets.slice(0, 6).join(":") === "0:0:0:0:0:ffff") {
    const n = hextets.slice(6).map((h) => parseInt(h, 16));
    return `::ffff:${n[0] >> 8}.${n[0] & 255}.${n[1] >> 8}.${n[1] & 255}`;
  }
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8;) {
    if (hextets[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && hextets[j] === "0") j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return hextets.join(":");
  return `${hextets.slice(0, bestStart).join(":")}::${hextets.slice(bestStart + bestLength).join(":")}`;
}

export function canonicalMac(value: string): string | null {
  const hex = value
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, "");
  if (hex.length !== 12 || /^0+$/.test(hex)) return null;
  return hex.match(/../g)!.join(":");
}

export function canonicalHostname(value: string): string | null {
  const text = value.trim().toLowerCase().replace(/\.+$/, "");
  return text && /^[a-z0-9_.-]+$/.test(text) ? text : null;
}

/** Normalises one identifier; null when the value cannot identify anything. */
export function normaliseIdentifier(kind: IdentifierKind, raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const value = String(raw).trim();
  if (!value || value === "-" || value === "'-") return null;
  switch (kind) {
    case "IP":
      return canonicalIp(value);
    case "MAC":
      return canonicalMac(value);
    case "FQDN":
      return canonicalHostname(value);
    case "NETBIOS":
      return value.toUpperCase();
    case "ASSET_UUID":
      return value.toLowerCase();
    default:
      // Serials and cloud/host ids: case matters in some vendors' ids, spaces never do.
      return value.replace(/\s+/g, " ");
  }
}
