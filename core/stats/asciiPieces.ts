// The common pieces of o200k's split pattern found by reading characters, not by running the
// pattern: a word with its one leading space or mark (" weather", "\"currency"), up to three
// digits, a run of marks ("\":\""), a blank before digits. The counting loop (tokens.ts) ran the
// sticky pattern once per piece, then read the piece again for its hash; here one pass finds
// where the piece ends and hashes it. Only ASCII is read: wherever the next non-ASCII character
// could decide where the piece ends (a letter, a digit or a mark outside ASCII), and for runs of
// whitespace and line breaks, the answer is -1 and the pattern decides that piece. Where it
// answers, it answers the pattern's end (test: asciiPieces.test.ts).
import { fnvStep, hashEnd, HASH_START } from './utf8Bytes.ts';

/** o200k_base's split pattern (gpt-tokenizer's), the one pattern asciiPieceEnd follows. */
export const O200K_PATTERN =
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

// ASCII character classes as the pattern sees them.
const LOWER = 1;
const UPPER = 2;
const DIGIT = 3;
/** \r and \n: whitespace the optional leading character excludes. */
const NEWLINE = 4;
/** Whitespace other than \r and \n: tab, vertical tab, form feed, space. */
const BLANK = 5;
/** Neither a letter, a digit nor whitespace: punctuation, symbols, control characters. */
const MARK = 6;

const CLASS = new Uint8Array(128).fill(MARK);
for (let c = 97; c <= 122; c++) CLASS[c] = LOWER;
for (let c = 65; c <= 90; c++) CLASS[c] = UPPER;
for (let c = 48; c <= 57; c++) CLASS[c] = DIGIT;
CLASS[10] = NEWLINE;
CLASS[13] = NEWLINE;
for (const c of [9, 11, 12, 32]) CLASS[c] = BLANK;

const SPACE = 32;
const APOSTROPHE = 39;
const SLASH = 47;

/** The hash (recentPieces.ts pieceHash) of the piece the last asciiPieceEnd that did not answer -1 found. */
export let asciiPieceHash = 0;

/**
 * Where the piece of o200k's pattern that starts at `start` (< text.length) ends, with its hash
 * in asciiPieceHash; -1 when the pattern must decide (see the top of this file).
 */
export function asciiPieceEnd(text: string, start: number): number {
  const n = text.length;
  let i = start;
  let c = text.charCodeAt(i);
  if (c >= 128) return -1;
  let kind = CLASS[c];
  let h = HASH_START;
  if (kind === DIGIT) {
    // \p{N}{1,3}: a fourth digit starts the next piece; a non-ASCII character may be a digit.
    const last = Math.min(n, start + 3);
    for (h = fnvStep(h, c), i++; i < last; i++) {
      c = text.charCodeAt(i);
      if (c >= 128) return -1;
      if (CLASS[c] !== DIGIT) break;
      h = fnvStep(h, c);
    }
    asciiPieceHash = hashEnd(h);
    return i;
  }
  if (kind === MARK || kind === BLANK) {
    // One such character before letters leads their word (the first two alternatives).
    const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
    if (next >= 128) return -1;
    const nextKind = next === -1 ? 0 : CLASS[next];
    if (nextKind === LOWER || nextKind === UPPER) {
      h = fnvStep(h, c);
      c = next;
      kind = nextKind;
      i++;
    } else if (kind === MARK || (c === SPACE && nextKind === MARK)) {
      // " ?[^\s\p{L}\p{N}]+[\r\n/]*": the marks' run, then line breaks and slashes.
      if (c === SPACE) h = fnvStep(h, c), i++;
      for (; i < n; i++) {
        c = text.charCodeAt(i);
        if (c >= 128) return -1;
        if (CLASS[c] !== MARK) break;
        h = fnvStep(h, c);
      }
      for (; i < n; i++) {
        c = text.charCodeAt(i);
        if (c !== 10 && c !== 13 && c !== SLASH) break;
        h = fnvStep(h, c);
      }
      asciiPieceHash = hashEnd(h);
      return i;
    } else if (nextKind === DIGIT) {
      // A blank alone before digits ("\s+" of one character).
      asciiPieceHash = hashEnd(fnvStep(h, c));
      return i + 1;
    } else return -1;
  }
  if (kind !== LOWER && kind !== UPPER) return -1;
  // Upper-case letters, then lower-case ones (in ASCII both alternatives come to this), then a contraction.
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 128) return -1;
    if (CLASS[c] !== UPPER) break;
    h = fnvStep(h, c);
  }
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 128) return -1;
    if (CLASS[c] !== LOWER) break;
    h = fnvStep(h, c);
  }
  if (i < n && c === APOSTROPHE) {
    const length = contractionLength(text, i + 1);
    for (const end = i + length; i < end; i++) h = fnvStep(h, text.charCodeAt(i));
  }
  asciiPieceHash = hashEnd(h);
  return i;
}

/** Characters of the contraction whose apostrophe is just before `at` ('s, 'd, 'm, 't, 'll, 've, 're in any case), with the apostrophe; 0 when none. */
function contractionLength(text: string, at: number): number {
  if (at >= text.length) return 0;
  const a = text.charCodeAt(at) | 32;
  if (a === 115 || a === 100 || a === 109 || a === 116) return 2;
  if (at + 1 >= text.length) return 0;
  const b = text.charCodeAt(at + 1) | 32;
  if ((a === 108 && b === 108) || (a === 118 && b === 101) || (a === 114 && b === 101)) return 3;
  return 0;
}
