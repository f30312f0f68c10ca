// A faithful port of CPython's difflib.SequenceMatcher (isjunk=None) on strings, so that
// similarity numbers agree with the Python scripts users already run. Elements are Unicode
// code points, as Python iterates a str, not UTF-16 units: strings are turned into code
// points here and compared by the engine, sequenceMatcher.ts.
import { grow } from './sequenceIndex.ts';
import { codeSequenceRatio, rawMatchingBlocks, type MatchBlock, type SequenceMatcherOptions } from './sequenceMatcher.ts';

export { asciiSequenceRatio, codeSequenceRatio, type MatchBlock, type SequenceMatcherOptions } from './sequenceMatcher.ts';

// Code points of the two strings of a pair (Python iterates a str by code point; a lone
// surrogate is one element).
let aPoints = new Int32Array(0);
let bPoints = new Int32Array(0);

function toCodePoints(s: string, into: Int32Array): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    let c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        k++;
      }
    }
    into[n++] = c;
  }
  return n;
}

/** Python's `SequenceMatcher(None, a, b).get_matching_blocks()`, ending with the dummy `[len(a), len(b), 0]`. */
export function matchingBlocks(a: string, b: string, options: SequenceMatcherOptions = {}): MatchBlock[] {
  aPoints = grow(aPoints, a.length);
  bPoints = grow(bPoints, b.length);
  const la = toCodePoints(a, aPoints);
  const lb = toCodePoints(b, bPoints);
  const blocks = rawMatchingBlocks(aPoints, la, bPoints, lb, options.autojunk ?? true);
  blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const out: MatchBlock[] = [];
  let i1 = 0;
  let j1 = 0;
  let k1 = 0;
  for (const [i2, j2, k2] of blocks) {
    if (i1 + k1 === i2 && j1 + k1 === j2) {
      k1 += k2;
    } else {
      if (k1) out.push([i1, j1, k1]);
      i1 = i2;
      j1 = j2;
      k1 = k2;
    }
  }
  if (k1) out.push([i1, j1, k1]);
  out.push([la, lb, 0]);
  return out;
}

/** Python's `SequenceMatcher(None, a, b).ratio()`: 2*M/T, and 1.0 when both are empty. */
export function sequenceRatio(a: string, b: string, options?: SequenceMatcherOptions): number {
  // Python gives exactly 1.0 for equal sequences, autojunk or not: the first
  // longest block found is on the main diagonal and extends over everything.
  if (a === b) return 1.0;
  aPoints = grow(aPoints, a.length);
  bPoints = grow(bPoints, b.length);
  return codeSequenceRatio(aPoints, toCodePoints(a, aPoints), bPoints, toCodePoints(b, bPoints), options);
}

