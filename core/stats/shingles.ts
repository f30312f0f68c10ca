// The shingles the near-duplicate index compares (duplicates.ts): the example's conversation
// text (every non-system message's content plus each call's name and arguments), lower-cased,
// every run of digits as "0", split into words at anything but letters and digits; each run of
// three words hashed with FNV-1a over the words joined by spaces. ASCII text (nearly all of it)
// is read in one pass into a buffer of word characters and hashed from there, without making a
// string per word; other text goes through Unicode regular expressions.
import { callsOf, contentText, type Example } from './example.ts';
import { fnvStep, HASH_START } from './utf8Bytes.ts';

const SHINGLE_WORDS = 3;

/** The texts whose words the comparison reads (see the top of this file). The shingles depend only on these joined by spaces. */
export function conversationParts(example: Example): string[] {
  const parts: string[] = [];
  for (const message of example.messages) {
    if (message.role === 'system' || message.role === 'developer') continue;
    parts.push(contentText(message.content));
    for (const call of callsOf(message)) parts.push(call.name, typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? ''));
  }
  return parts;
}

/** The normalised words the near-duplicate comparison reads (see the top of this file). */
export function conversationWords(example: Example): string[] {
  const parts = conversationParts(example);
  return asciiWords(parts) ?? normalisedWords(parts.join(' '));
}

/**
 * distinctShingles(conversationWords(example)), a view of the scratch array valid until the next
 * call: for ASCII text from a buffer of the words' characters, with no string per word.
 */
export function conversationShingles(example: Example): Uint32Array {
  return sortedDistinct(conversationShingleHashes(example));
}

/**
 * The same hashes as conversationShingles, not yet sorted and with any repeats (sortedDistinct
 * makes them conversationShingles): MinHash does not need them sorted, and most examples are
 * never compared with another one. A view of the scratch array, valid until the next call.
 */
export function conversationShingleHashes(example: Example): Uint32Array {
  return partsShingleHashes(conversationParts(example));
}

/**
 * conversationShingleHashes of an example whose conversationParts are `parts`. Also leaves
 * partsTextHash(parts) for lastPartsTextHash (for ASCII parts taken in the word pass: the
 * fingerprint then need not read the conversation's characters again).
 */
export function partsShingleHashes(parts: readonly string[]): Uint32Array {
  const words = asciiWordsIntoBuffer(parts);
  if (words === -1) {
    lastTextHash = partsTextHash(parts);
    return distinctShingles(normalisedWords(parts.join(' ')));
  }
  // Counted first: bufferShingles may grow the scratch array.
  const count = bufferShingles(words);
  return shingleScratch.subarray(0, count);
}

/**
 * A hash of parts.join(' ') (FNV-1a over its UTF-16 code units, not mixed): equal joined texts hash
 * alike, however they came to be split into parts.
 */
export function partsTextHash(parts: readonly string[]): number {
  let h = HASH_START;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) h = fnvStep(h, 32);
    const text = parts[p];
    for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  }
  return h;
}

/** partsTextHash of the parts the last partsShingleHashes call read. */
export function lastPartsTextHash(): number {
  return lastTextHash;
}

let lastTextHash = HASH_START;

/** Sorts `hashes` in place and moves its distinct values to its start; returns them (a view of `hashes`). */
export function sortedDistinct(hashes: Uint32Array): Uint32Array {
  hashes.sort();
  let distinct = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (i === 0 || hashes[i] !== hashes[i - 1]) hashes[distinct++] = hashes[i];
  }
  return hashes.subarray(0, distinct);
}

// The normalised words of one example, one after the other (ASCII: one character a byte), where
// each ends, and each word's FNV-1a state on its own (which starts each shingle), taken in the
// same pass that finds the words.
let wordChars: Uint8Array = new Uint8Array(1 << 16);
let wordEnds: Int32Array = new Int32Array(1 << 12);
let wordStates: Int32Array = new Int32Array(1 << 12);

/**
 * asciiWords(parts) written to wordChars, wordEnds and wordStates, and partsTextHash(parts) to
 * lastTextHash; returns how many words, or -1 at the first non-ASCII character.
 */
function asciiWordsIntoBuffer(parts: readonly string[]): number {
  let words = 0;
  let used = 0;
  let joined = HASH_START;
  for (let p = 0; p < parts.length; p++) {
    const text = parts[p];
    if (p > 0) joined = fnvStep(joined, 32);
    // A text adds at most its length in characters and (length + 1) / 2 words.
    if (used + text.length > wordChars.length) wordChars = grownBytes(wordChars, used + text.length);
    if (words + text.length + 1 > wordEnds.length) {
      wordEnds = grownInts(wordEnds, words + text.length + 1);
      wordStates = grownInts(wordStates, wordEnds.length);
    }
    let inWord = false;
    let inDigits = false;
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return -1;
      joined = fnvStep(joined, c);
      if (c >= 48 && c <= 57) {
        // A run of digits is one "0".
        if (!inDigits) {
          wordChars[used++] = 48;
          h = Math.imul(h ^ 48, 0x01000193);
        }
        inWord = true;
        inDigits = true;
      } else if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
        wordChars[used++] = c | 32; // lower case
        h = Math.imul(h ^ (c | 32), 0x01000193);
        inWord = true;
        inDigits = false;
      } else if (inWord) {
        wordStates[words] = h;
        wordEnds[words++] = used;
        h = 0x811c9dc5;
        inWord = false;
        inDigits = false;
      }
    }
    if (inWord) {
      wordStates[words] = h;
      wordEnds[words++] = used;
    }
  }
  lastTextHash = joined;
  return words;
}

/** The hashes sortedShingleHashes writes (not sorted) of the words in the buffer, from each word's own state; returns how many. */
function bufferShingles(words: number): number {
  const count = words === 0 ? 0 : Math.max(1, words - SHINGLE_WORDS + 1);
  if (count > shingleScratch.length) shingleScratch = new Uint32Array(Math.max(count, shingleScratch.length * 2));
  // Locals, not the module's variables: the loops below then read the arrays without reloading them.
  const chars = wordChars;
  const ends = wordEnds;
  const states = wordStates;
  const out = shingleScratch;
  if (words > 0 && words < SHINGLE_WORDS) {
    let h = states[0];
    if (words === 2) h = fnv1aBytes(chars, Math.imul(h ^ 32, 0x01000193), ends[0], ends[1]);
    out[0] = h >>> 0;
  } else {
    for (let i = 0; i + SHINGLE_WORDS <= words; i++) {
      const end1 = ends[i + 1];
      const end2 = ends[i + 2];
      let h = Math.imul(states[i] ^ 32, 0x01000193);
      for (let k = ends[i]; k < end1; k++) h = Math.imul(h ^ chars[k], 0x01000193);
      h = Math.imul(h ^ 32, 0x01000193);
      for (let k = end1; k < end2; k++) h = Math.imul(h ^ chars[k], 0x01000193);
      out[i] = h >>> 0;
    }
  }
  return count;
}

function fnv1aBytes(chars: Uint8Array, h: number, start: number, end: number): number {
  for (let i = start; i < end; i++) h = Math.imul(h ^ chars[i], 0x01000193);
  return h;
}

function grownBytes(array: Uint8Array, least: number): Uint8Array {
  const grown = new Uint8Array(Math.max(least, array.length * 2));
  grown.set(array);
  return grown;
}

function grownInts(array: Int32Array, least: number): Int32Array {
  const grown = new Int32Array(Math.max(least, array.length * 2));
  grown.set(array);
  return grown;
}

/** The words of a text: lower-cased, every run of digits as "0", split at anything but letters and digits. */
export function normalisedWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\p{N}+/gu, '0')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * normalisedWords(parts.join(' ')) for ASCII parts, by one pass over their characters instead of
 * four Unicode regular-expression passes over a joined copy (in ASCII, letters are A-Z and a-z,
 * digits 0-9, and lower-casing maps A-Z only); undefined at the first non-ASCII character.
 */
export function asciiWords(parts: string[]): string[] | undefined {
  const words: string[] = [];
  for (const text of parts) {
    let start = -1;
    let upper = false;
    let digit = false;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      if (c >= 128) return undefined;
      const isDigit = c >= 48 && c <= 57;
      const isUpper = c >= 65 && c <= 90;
      if (isDigit || isUpper || (c >= 97 && c <= 122)) {
        if (start === -1) {
          start = i;
          upper = false;
          digit = false;
        }
        upper ||= isUpper;
        digit ||= isDigit;
      } else if (start !== -1) {
        let word = text.slice(start, i);
        if (upper) word = word.toLowerCase();
        if (digit) word = word.replace(/[0-9]+/g, '0');
        words.push(word);
        start = -1;
      }
    }
  }
  return words;
}

// Scratch for the shingle hashes of one example, grown as needed (a Set of numbers per example was
// ~6% of a run; sorting with repeats and skipping them gives the same sorted distinct values).
let shingleScratch = new Uint32Array(1024);

/** Sorted distinct hashes of the word 3-shingles (a shorter text is one shingle). */
export function shingleHashes(words: string[]): Uint32Array {
  return distinctShingles(words).slice();
}

/** shingleHashes as a view of the scratch array: valid until the next call (no typed array per example). */
export function distinctShingles(words: string[]): Uint32Array {
  return distinctOfSorted(sortedShingleHashes(words));
}

/** The first n values of shingleScratch (sorted) without repeats, as a view of it. */
function distinctOfSorted(n: number): Uint32Array {
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || shingleScratch[i] !== shingleScratch[i - 1]) shingleScratch[distinct++] = shingleScratch[i];
  }
  return shingleScratch.subarray(0, distinct);
}

/** Writes the shingle hashes, sorted with repeats, to the start of shingleScratch; returns how many. */
function sortedShingleHashes(words: string[]): number {
  const count = words.length === 0 ? 0 : Math.max(1, words.length - SHINGLE_WORDS + 1);
  if (count > shingleScratch.length) shingleScratch = new Uint32Array(Math.max(count, shingleScratch.length * 2));
  if (words.length > 0 && words.length < SHINGLE_WORDS) shingleScratch[0] = fnv1a(words.join(' '));
  // SHINGLE_WORDS is 3: the shingle text is the three words joined by spaces, hashed without joining them.
  else for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingleScratch[i] = fnv1aWords(words[i], words[i + 1], words[i + 2]);
  shingleScratch.subarray(0, count).sort();
  return count;
}

function fnv1a(text: string): number {
  return fnv1aContinue(0x811c9dc5, text) >>> 0;
}

/** fnv1a of `a + ' ' + b + ' ' + c`, without building that string. */
function fnv1aWords(a: string, b: string, c: string): number {
  let h = fnv1aContinue(0x811c9dc5, a);
  h = Math.imul(h ^ 32, 0x01000193);
  h = fnv1aContinue(h, b);
  h = Math.imul(h ^ 32, 0x01000193);
  return fnv1aContinue(h, c) >>> 0;
}

function fnv1aContinue(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

