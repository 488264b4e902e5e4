// The shared corpus of real vendor files lives beside the checkout
// (../shared/corpus, as in CI) and is never copied into the project.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { it } from "vitest";

export const CORPUS_DIR = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));

/**
 * Registers a conformance suite when the corpus is present. Without it, one
 * test is registered as skipped whose title says plainly that the suite did
 * not run, so a missing corpus never passes silently.
 */
export function withCorpus(suite: () => void, path = CORPUS_DIR) {
  if (existsSync(path)) suite();
  else it.skip("corpus ../shared/corpus not present: conformance did not run", () => {}); // reason: no corpus beside this checkout (CI always has it)
}
