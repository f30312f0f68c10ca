/**
 * BFCL's standardize_string, which its checker applies to every string it compares: drop spaces
 * and `,./-_*^`, lower-case, and read `'` as `"`.
 */
export function standardizeString(s: string): string {
  return s.replace(/[ ,./\-_*^]/g, '').toLowerCase().replaceAll("'", '"');
}

/**
 * `standardizeString(a) === standardizeString(b)`, without making either while both are ASCII:
 * the checker compares strings of every parameter this way, and the two replaces and the
 * lower-casing made three strings per side. Dropping and lower-casing an ASCII character does not
 * depend on the others, so a difference found before any other character is a difference of the
 * two results; past one (whose lower case may be longer, or ASCII), the strings are compared whole.
 */
export function sameStandardized(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  for (;;) {
    let ca = -1;
    while (i < a.length) {
      const c = a.charCodeAt(i++);
      if (c >= 0x80) return standardizeString(a) === standardizeString(b);
      if (!DROPPED[c]) {
        ca = FOLDED[c]!;
        break;
      }
    }
    let cb = -1;
    while (j < b.length) {
      const c = b.charCodeAt(j++);
      if (c >= 0x80) return standardizeString(a) === standardizeString(b);
      if (!DROPPED[c]) {
        cb = FOLDED[c]!;
        break;
      }
    }
    if (ca !== cb) return false;
    if (ca === -1) return true;
  }
}

// Per ASCII code: whether standardizeString drops it, and what it becomes otherwise.
const DROPPED = new Uint8Array(0x80);
for (const c of ' ,./-_*^') DROPPED[c.charCodeAt(0)] = 1;
const FOLDED = Int32Array.from({ length: 0x80 }, (_, c) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c === 0x27 ? 0x22 : c));
