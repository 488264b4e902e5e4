/**
 * Edit distance with adjacent transpositions (optimal string alignment), so
 * `sorce`, `soruce` and `souce` are all one edit from `source`.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i][0] = i;
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to what was typed, ignoring case, or undefined when
 * nothing is close enough to be a plausible typo. Short words get less slack
 * so `os` does not "correct" to `ip`.
 */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  const needle = typed.toLowerCase();
  // Long inputs cannot be typos of our short names and would only cost time.
  if (needle.length === 0 || needle.length > 64) return undefined;
  const limit = needle.length <= 3 ? 1 : needle.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance =
      lower.startsWith(needle) && needle.length >= 3 ? 1 : editDistance(needle, lower);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
