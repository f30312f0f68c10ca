// o200k_base's pre-token split pattern, by hand for ASCII text: the counting loop (tokens.ts)
// asks it where the piece starting at a position ends, and runs the regular expression only
// where it answers -1 (the piece would need a character past ASCII to decide). Running the
// pattern once per piece cost more than finding the piece itself on the generated bench file.
//
// The pattern, alternative by alternative, and what it is on ASCII (letters A-Z and a-z only,
// \p{N} is 0-9, \s is tab, \n, \v, \f, \r and space; no marks):
//  1. [^\r\n\p{L}\p{N}]?[Lu Lt Lm Lo M]*[Ll Lm Lo M]+ contraction?   an optional prefix (any
//  2. [^\r\n\p{L}\p{N}]?[Lu Lt Lm Lo M]+[Ll Lm Lo M]* contraction?   character but \r, \n, a
//     letter or a digit), then the run of capitals and the run of small letters after it (1 when
//     the second is not empty, else 2: both are "capitals then small letters, at least one
//     letter"), then 's 'd 'm 't 'll 've 're in either case;
//  3. \p{N}{1,3}                  one to three digits;
//  4. " "?[^\s\p{L}\p{N}]+[\r\n/]*  an optional space, the run of other characters, then any \r \n /;
//  5. \s*[\r\n]+                  whitespace up to and including its last \r or \n;
//  6. \s+(?!\S)                   whitespace but its last character when a non-space follows;
//  7. \s+                         a single whitespace character before a non-space.
// A match at a position depends only on the text from there (no look-behind), so pieces from the
// regular expression and from here can follow one another in one text.

/** o200k_base's split pattern (gpt-tokenizer's `tokenSplitRegex.source`, flags "gu"): what asciiPieceEnd is equal to. */
export const O200K_SPLIT_SOURCE =
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?:'(?:[sS]|[dD]|[mM]|[tT]|[lL][lL]|[vV][eE]|[rR][eE]))?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

const CAPITAL = 1;
const SMALL = 2;
const DIGIT = 4;
const SPACE = 8; // \s
const NEWLINE = 16; // \r or \n (also SPACE)
const OTHER = 32; // neither a letter, a digit nor \s
/** The optional prefix of alternatives 1 and 2: anything but \r, \n, a letter or a digit. */
const PREFIX = 64;
const LETTER = CAPITAL | SMALL;

const CLASSES = new Uint8Array(128).map((_, c) => {
  if (c >= 65 && c <= 90) return CAPITAL;
  if (c >= 97 && c <= 122) return SMALL;
  if (c >= 48 && c <= 57) return DIGIT;
  if (c === 10 || c === 13) return SPACE | NEWLINE;
  if (c === 9 || c === 11 || c === 12 || c === 32) return SPACE | PREFIX;
  return OTHER | PREFIX;
});

const APOSTROPHE = 39;
const SPACE_CHAR = 32;
const SLASH = 47;
const LOWER_BIT = 32; // 'S' | 32 === 's'

/**
 * Where the split pattern's piece starting at `start` (< text.length) ends, or -1 when deciding
 * it needs a character past ASCII (the caller then runs the pattern for this piece).
 */
export function asciiPieceEnd(text: string, start: number): number {
  const n = text.length;
  const c0 = text.charCodeAt(start);
  if (c0 >= 128) return -1;
  const k0 = CLASSES[c0];
  // Alternatives 1 and 2: a letter here, or a prefix character and a letter after it.
  let letters = -1;
  if (k0 & LETTER) letters = start;
  else if (k0 & PREFIX && start + 1 < n) {
    const c1 = text.charCodeAt(start + 1);
    if (c1 >= 128) return -1;
    if (CLASSES[c1] & LETTER) letters = start + 1;
  }
  if (letters !== -1) {
    let i = letters;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return -1;
      if (!(CLASSES[c] & CAPITAL)) break;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return -1;
      if (!(CLASSES[c] & SMALL)) break;
    }
    return contractionEnd(text, i);
  }
  // Alternative 3: up to three digits (a fourth character past ASCII could be a digit).
  if (k0 & DIGIT) {
    let i = start + 1;
    for (; i < n && i < start + 3; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return -1;
      if (!(CLASSES[c] & DIGIT)) break;
    }
    return i;
  }
  // Alternative 4: an optional space, then other characters, then \r \n / characters.
  let others = -1;
  if (k0 & OTHER) others = start;
  else if (c0 === SPACE_CHAR && start + 1 < n) {
    const c1 = text.charCodeAt(start + 1);
    if (c1 >= 128) return -1;
    if (CLASSES[c1] & OTHER) others = start + 1;
  }
  if (others !== -1) {
    let i = others + 1;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return -1;
      if (!(CLASSES[c] & OTHER)) break;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!(c < 128 && CLASSES[c] & NEWLINE) && c !== SLASH) break;
    }
    return i;
  }
  // Alternatives 5 to 7: the run of whitespace here (a character past ASCII could be whitespace).
  let lastNewline = -1;
  let i = start;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return -1;
    const k = CLASSES[c];
    if (!(k & SPACE)) break;
    if (k & NEWLINE) lastNewline = i;
  }
  if (lastNewline !== -1) return lastNewline + 1;
  if (i === n || i - start === 1) return i;
  return i - 1;
}

/** After a piece's letters end at `i`: past 's 'd 'm 't 'll 've 're (either case) when one follows. */
function contractionEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== APOSTROPHE) return i;
  const a = text.charCodeAt(i + 1) | LOWER_BIT;
  if (a === 115 || a === 100 || a === 109 || a === 116) return i + 2; // s d m t
  const b = text.charCodeAt(i + 2) | LOWER_BIT;
  if ((a === 108 && b === 108) || (a === 118 && b === 101) || (a === 114 && b === 101)) return i + 3; // ll ve re
  return i;
}
