/**
 * JSON parsing that keeps long integers exact.
 *
 * CSAM sends 19-digit software IDs (and negative ones) as bare JSON numbers;
 * JSON.parse turns 8464359598295418123 into 8464359598295418000. The
 * reviver's `context.source` would solve this, but Node 20's V8 does not
 * pass it, so a single pre-pass wraps every integer literal of
 * `minDigits` digits or more in quotes before JSON.parse sees it. Such values
 * come back as decimal strings, exactly as the server wrote them.
 */

/** Integers up to 15 digits are always exact as doubles; 16 digits may not be. */
export const DEFAULT_MIN_DIGITS = 16;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

// Characters that can continue a JSON number after its integer digits.
function continuesNumber(code: number): boolean {
  return (
    isDigit(code) ||
    code === 46 /* . */ ||
    code === 101 /* e */ ||
    code === 69 /* E */ ||
    code === 43 ||
    code === MINUS
  );
}

/**
 * Returns `text` with long integer literals quoted. Only literals in value
 * position that are valid JSON integers are touched, so text that was not
 * valid JSON stays invalid and text that was valid means the same, apart
 * from those numbers now being strings.
 */
export function quoteLongIntegers(text: string, minDigits = DEFAULT_MIN_DIGITS): string {
  const pieces: string[] = [];
  let copiedUpTo = 0;
  // true for an object, false for an array; decides what a comma leads to.
  const containers: boolean[] = [];
  let keyPosition = false;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i++;
      while (i < length) {
        const inner = text.charCodeAt(i);
        if (inner === BACKSLASH) i += 2;
        else if (inner === QUOTE) {
          i++;
          break;
        } else i++;
      }
      keyPosition = false;
    } else if (code === OPEN_OBJECT) {
      containers.push(true);
      keyPosition = true;
      i++;
    } else if (code === OPEN_ARRAY) {
      containers.push(false);
      keyPosition = false;
      i++;
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      containers.pop();
      keyPosition = false;
      i++;
    } else if (code === COMMA) {
      keyPosition = containers[containers.length - 1] === true;
      i++;
    } else if (code === COLON) {
      keyPosition = false;
      i++;
    } else if (code === MINUS || isDigit(code)) {
      const start = i;
      if (code === MINUS) i++;
      const digitsStart = i;
      while (i < length && isDigit(text.charCodeAt(i))) i++;
      const digits = i - digitsStart;
      let integer = true;
      while (i < length && continuesNumber(text.charCodeAt(i))) {
        integer = false;
        i++;
      }
      const leadingZero = digits > 1 && text.charCodeAt(digitsStart) === ZERO;
      if (integer && !leadingZero && !keyPosition && digits >= minDigits) {
        pieces.push(text.slice(copiedUpTo, start), '"', text.slice(start, i), '"');
        copiedUpTo = i;
      }
    } else {
      i++;
    }
  }
  if (copiedUpTo === 0) return text;
  pieces.push(text.slice(copiedUpTo));
  return pieces.join("");
}

/** JSON.parse, except integers of `minDigits`+ digits arrive as exact strings. */
export function parseJsonLosslessly(text: string, minDigits = DEFAULT_MIN_DIGITS): unknown {
  return JSON.parse(quoteLongIntegers(text, minDigits));
}
