const integer = new Intl.NumberFormat("en");
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });

/** 12,345 — for counts in tables where exact numbers matter. */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** 12.3K — for headline numbers where the order of magnitude matters more. */
export function formatCompact(n: number): string {
  return n < 10_000 ? integer.format(n) : compact.format(n);
}

export function pluralize(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
