import { lookup as dnsLookup } from "node:dns/promises";
import { isIPv4, isIPv6 } from "node:net";

/**
 * Outbound-request guard (SSRF). Connector URLs are typed by users, so before
 * Sluice calls one it resolves the host and refuses addresses that reach the
 * machine itself or its cloud environment:
 * - always: link-local (169.254.0.0/16, fe80::/10) and cloud metadata
 *   endpoints, unspecified, multicast and broadcast addresses;
 * - unless the administrator allows private networks: loopback, RFC 1918,
 *   carrier-grade NAT (100.64.0.0/10) and IPv6 unique-local (fc00::/7).
 * IPv4 addresses embedded in IPv6 (::ffff:a.b.c.d, 64:ff9b::/96 NAT64 and the
 * old ::a.b.c.d form) are judged as the IPv4 address they carry.
 *
 * The classification is pure; only `assertOutboundAllowed` touches DNS.
 */

export type AddressCategory =
  | "public"
  | "metadata"
  | "link-local"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "loopback"
  | "private"
  | "carrier-grade-nat"
  | "unique-local";

type Rule = { cidr: string; category: Exclude<AddressCategory, "public">; always: boolean };

// Most specific first: metadata hosts sit inside ranges that are otherwise
// only "private" (Alibaba's 100.100.100.200 is in the CGNAT block).
const IPV4_RULES: Rule[] = [
  { cidr: "169.254.169.254/32", category: "metadata", always: true },
  { cidr: "100.100.100.200/32", category: "metadata", always: true },
  { cidr: "192.0.0.192/32", category: "metadata", always: true },
  { cidr: "168.63.129.16/32", category: "metadata", always: true },
  { cidr: "169.254.0.0/16", category: "link-local", always: true },
  { cidr: "0.0.0.0/8", category: "unspecified", always: true },
  { cidr: "224.0.0.0/4", category: "multicast", always: true },
  { cidr: "255.255.255.255/32", category: "broadcast", always: true },
  { cidr: "127.0.0.0/8", category: "loopback", always: false },
  { cidr: "10.0.0.0/8", category: "private", always: false },
  { cidr: "172.16.0.0/12", category: "private", always: false },
  { cidr: "192.168.0.0/16", category: "private", always: false },
  { cidr: "100.64.0.0/10", category: "carrier-grade-nat", always: false },
];

const IPV6_RULES: Rule[] = [
  { cidr: "fd00:ec2::254/128", category: "metadata", always: true },
  { cidr: "::/128", category: "unspecified", always: true },
  { cidr: "fe80::/10", category: "link-local", always: true },
  { cidr: "ff00::/8", category: "multicast", always: true },
  { cidr: "::1/128", category: "loopback", always: false },
  { cidr: "fc00::/7", category: "unique-local", always: false },
];

function ipv4ToNumber(address: string): number {
  return address.split(".").reduce((value, octet) => value * 256 + Number(octet), 0);
}

/** Expands any valid IPv6 text form (with "::", embedded IPv4 or a zone) to a 128-bit integer. */
function ipv6ToBigInt(address: string): bigint {
  let text = address.split("%")[0].toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToNumber(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const headParts = head ? head.split(":") : [];
  const tailParts = tail ? tail.split(":") : [];
  const missing = 8 - headParts.length - tailParts.length;
  const parts = [
    ...headParts,
    ...Array<string>(tail === undefined ? 0 : missing).fill("0"),
    ...tailParts,
  ];
  return parts.reduce((value, part) => (value << 16n) | BigInt(parseInt(part || "0", 16)), 0n);
}

function matches(rule: Rule, address: string, v6: boolean): boolean {
  const [base, bitsText] = rule.cidr.split("/");
  const bits = Number(bitsText);
  if (!v6) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (ipv4ToNumber(address) & mask) >>> 0 === (ipv4ToNumber(base) & mask) >>> 0;
  }
  const shift = BigInt(128 - bits);
  return ipv6ToBigInt(address) >> shift === ipv6ToBigInt(base) >> shift;
}

function numberToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join(".");
}

/** The IPv4 address an IPv6 address carries, if it is one of the embedding forms. */
export function embeddedIpv4(address: string): string | undefined {
  if (!isIPv6(address)) return undefined;
  const value = ipv6ToBigInt(address);
  const low32 = Number(value & 0xffffffffn);
  const high96 = value >> 32n;
  if (high96 === 0xffffn) return numberToIpv4(low32); // ::ffff:a.b.c.d
  if (high96 === 0x64ff9b0000000000000000n) return numberToIpv4(low32); // NAT64 64:ff9b::/96
  // Deprecated IPv4-compatible ::a.b.c.d; ::, ::1 stay IPv6.
  if (high96 === 0n && low32 > 1) return numberToIpv4(low32);
  return undefined;
}

export type AddressClass = {
  address: string;
  category: AddressCategory;
  always: boolean;
  range?: string;
};

export function classifyAddress(address: string): AddressClass {
  const plain = address.replace(/^\[|\]$/g, "");
  const v4 = isIPv4(plain) ? plain : embeddedIpv4(plain);
  if (v4 !== undefined) {
    const rule = IPV4_RULES.find((candidate) => matches(candidate, v4, false));
    return rule
      ? { address: plain, category: rule.category, always: rule.always, range: rule.cidr }
      : { address: plain, category: "public", always: false };
  }
  if (!isIPv6(plain)) throw new TypeError(`Not an IP address: ${address}`);
  const rule = IPV6_RULES.find((candidate) => matches(candidate, plain, true));
  return rule
    ? { address: plain, category: rule.category, always: rule.always, range: rule.cidr }
    : { address: plain, category: "public", always: false };
}

export type OutboundOptions = {
  /** Settings switch an administrator turns on for connectors that reach internal hosts. */
  allowPrivate: boolean;
};

/** Whether a connection to `address` is allowed; pure. */
export function isAddressAllowed(address: string, options: OutboundOptions): boolean {
  const verdict = classifyAddress(address);
  return verdict.category === "public" || (!verdict.always && options.allowPrivate);
}

const CATEGORY_WORDS: Record<Exclude<AddressCategory, "public">, string> = {
  metadata: "a cloud metadata service address",
  "link-local": "a link-local address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  loopback: "a loopback address (this machine)",
  private: "a private network address",
  "carrier-grade-nat": "a carrier-grade NAT / shared address",
  "unique-local": "an IPv6 unique-local (private) address",
};

export class OutboundBlockedError extends Error {
  /** Same field Node uses for system errors, so error explainers can match it. */
  readonly code = "OUTBOUND_BLOCKED";

  constructor(
    readonly host: string,
    readonly verdict: AddressClass,
  ) {
    const category = verdict.category as Exclude<AddressCategory, "public">;
    const where = host === verdict.address ? host : `${host} (${verdict.address})`;
    const what = `${CATEGORY_WORDS[category]}${verdict.range ? ` in ${verdict.range}` : ""}`;
    const advice = verdict.always
      ? "Sluice never connects to such addresses, whatever the settings."
      : 'If this connector really must reach an internal host, an administrator can turn on "Allow private network destinations" in Settings.';
    super(`Refused to connect to ${where}: it is ${what}. ${advice}`);
    this.name = "OutboundBlockedError";
  }
}

/** Throws OutboundBlockedError for the first address that is not allowed; pure. */
export function assertAddressesAllowed(
  host: string,
  addresses: readonly string[],
  options: OutboundOptions,
): void {
  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (verdict.category !== "public" && (verdict.always || !options.allowPrivate)) {
      throw new OutboundBlockedError(host, verdict);
    }
  }
}

export type LookupAll = (hostname: string) => Promise<string[]>;

const systemLookup: LookupAll = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Resolves the URL's host and checks every address it resolves to, since a
 * name with one public and one internal address could reach either.
 * Returns the addresses so a caller can connect to exactly those.
 */
export async function assertOutboundAllowed(
  url: string | URL,
  options: OutboundOptions & { lookup?: LookupAll },
): Promise<{ url: URL; addresses: string[] }> {
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new Error(`Only http and https URLs can be called, not ${parsed.protocol}`);
  }
  // WHATWG URL parsing already normalised odd IPv4 spellings (2130706433, 0x7f.1).
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  const addresses =
    isIPv4(host) || isIPv6(host) ? [host] : await (options.lookup ?? systemLookup)(host);
  if (addresses.length === 0) throw new Error(`${host} did not resolve to any address`);
  assertAddressesAllowed(host, addresses, options);
  return { url: parsed, addresses };
}
