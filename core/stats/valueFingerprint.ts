// A 64-bit fingerprint of an example's parsed JSON value, in two 32-bit halves: equal values
// (as the exact key sees them: key order, whitespace and escapes ignored, 0 and -0 alike, a
// number too large for a double written as null) always get equal fingerprints. Different values
// almost always get different ones, but not surely: the fingerprint only says which lines may be
// exact copies (deferredKeys.ts), and their exact keys decide. It costs a quarter of the exact key
// (no JSON text is written, no sha1): 30,000 generated lines 49 ms against 170 ms.
//
// An example's conversation texts (what conversationParts reads: non-system contents, calls'
// names and arguments) are most of its characters, and the near-duplicate index's word pass reads
// them already: exampleFingerprint takes their joined text's hash from there (`textHash`) and
// hashes only their lengths in its walk. Equal values have equal parts, so equal hashes. Arguments
// that are not a string are in the parts as JSON.stringify writes them, in the line's key order:
// an example with any is walked in full instead, without `textHash`.
import { isObject, type Example } from './example.ts';

/** Containers nested deeper than this count as one constant: equal values still fingerprint alike. */
const MAX_DEPTH = 64;

const FNV_PRIME = 0x01000193;
const NULL_LO = 0x6a09e667;
const NULL_HI = 0x3c6ef372;
const OBJECT_LO = 0xa4093822;
const OBJECT_HI = 0x299f31d0;

const float = new Float64Array(1);
const floatWords = new Uint32Array(float.buffer);

/** The two halves of a fingerprint. */
export interface Fingerprint {
  lo: number;
  hi: number;
}

// The halves of the last value walked: written by `walk`, read by its caller (no object per value).
let lo = 0;
let hi = 0;

// Whether the walk of `messages` hashes only the lengths of the conversation texts, and whether it
// met arguments that are not a string (then the example is walked again in full).
let lengthsOnly = false;
let objectArguments = false;
// The sums of the example's members, written by sumMembers.
let sumLo = 0;
let sumHi = 0;
/** A made-up member key for the conversation's text: any fixed value will do. */
const TEXT_KEY = 0x3f84d5b5;

/**
 * The fingerprint of an example, in `out` (overwritten), given partsTextHash of its
 * conversationParts; declarations arrays shared between lines are walked once.
 */
export function exampleFingerprint(example: Example, textHash: number, out: Fingerprint): Fingerprint {
  lengthsOnly = true;
  objectArguments = false;
  sumMembers(example);
  if (objectArguments) {
    lengthsOnly = false;
    sumMembers(example);
  } else {
    sumLo = (sumLo + member(TEXT_KEY, textHash)) | 0;
    sumHi = (sumHi + member(TEXT_KEY ^ 0x5bd1e995, fmix(textHash))) | 0;
  }
  lengthsOnly = false;
  out.lo = fmix(sumLo ^ OBJECT_LO);
  out.hi = fmix(sumHi ^ OBJECT_HI);
  return out;
}

/** Writes the sums of the example's members (one term per member, whatever their order) to sumLo and sumHi. */
function sumMembers(example: Example): void {
  const value = example.value;
  let a = 0;
  let b = 0;
  for (const key in value) {
    const child = value[key];
    const shared = (key === 'tools' || key === 'functions') && Array.isArray(child) ? example.shared?.[key] : undefined;
    if (key === 'messages' && Array.isArray(child)) walkArray(child, 1, MESSAGES);
    else if (shared === undefined) walk(child, 1);
    else {
      if (shared.fingerprint === undefined) {
        walk(child, 1);
        shared.fingerprint = { lo, hi };
      }
      lo = shared.fingerprint.lo;
      hi = shared.fingerprint.hi;
    }
    const k = keyHash(key);
    // A sum of one term per member: the same whatever order the object has its keys in.
    a = (a + member(k, lo)) | 0;
    b = (b + member(k ^ 0x5bd1e995, hi)) | 0;
  }
  sumLo = a;
  sumHi = b;
}

// The walk of `messages` (depth 1), as `walk` does it but for the conversation's texts, which
// count by their lengths while lengthsOnly is set: the messages conversationParts reads (objects
// whose role is not system or developer), their string content, and the calls callsOf reads
// (a `tool_calls` entry whose `function` has a string name, a `function_call` with one).

/** What walkArray reads an array's elements as: any value, messages, or `tool_calls` entries. */
const ANY = 0;
const MESSAGES = 1;
const CALLS = 2;

/** An array at `depth`: each element hashed (as `elements` says), the hashes combined in order. */
function walkArray(items: unknown[], depth: number, elements: number): void {
  let a = 0x9e3779b9 ^ items.length;
  let b = 0x85ebca6b ^ items.length;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (elements === MESSAGES && isObject(item)) walkMessage(item);
    else if (elements === CALLS && isObject(item) && isCall(item.function)) walkCall(item);
    else walk(item, depth + 1);
    a = (Math.imul(a ^ lo, FNV_PRIME) + 0x6b43a9b5) | 0;
    b = (Math.imul(b ^ hi, 0x2127599b) + 0x165667b1) | 0;
  }
  lo = fmix(a);
  hi = fmix(b);
}

function walkMessage(message: Record<string, unknown>): void {
  const inConversation = message.role !== 'system' && message.role !== 'developer';
  let a = 0;
  let b = 0;
  for (const key in message) {
    const child = message[key];
    if (key === 'content' && inConversation && typeof child === 'string') walkText(child);
    else if (key === 'tool_calls' && inConversation && Array.isArray(child)) walkArray(child, 3, CALLS);
    else if (key === 'function_call' && inConversation && isCall(child)) walkFunction(child, 3);
    else walk(child, 3);
    const k = keyHash(key);
    a = (a + member(k, lo)) | 0;
    b = (b + member(k ^ 0x5bd1e995, hi)) | 0;
  }
  lo = fmix(a ^ OBJECT_LO);
  hi = fmix(b ^ OBJECT_HI);
}

/** A `tool_calls` entry whose `function` isCall. */
function walkCall(call: Record<string, unknown>): void {
  let a = 0;
  let b = 0;
  for (const key in call) {
    const child = call[key];
    if (key === 'function') walkFunction(child as Record<string, unknown>, 5);
    else walk(child, 5);
    const k = keyHash(key);
    a = (a + member(k, lo)) | 0;
    b = (b + member(k ^ 0x5bd1e995, hi)) | 0;
  }
  lo = fmix(a ^ OBJECT_LO);
  hi = fmix(b ^ OBJECT_HI);
}

/** `{ name, arguments }` of a call, at `depth`: its name and string arguments are conversation texts. */
function walkFunction(fn: Record<string, unknown>, depth: number): void {
  let a = 0;
  let b = 0;
  for (const key in fn) {
    const child = fn[key];
    if (key === 'name') walkText(child as string);
    else if (key === 'arguments' && typeof child === 'string') walkText(child);
    else {
      if (key === 'arguments') objectArguments = true;
      walk(child, depth + 1);
    }
    const k = keyHash(key);
    a = (a + member(k, lo)) | 0;
    b = (b + member(k ^ 0x5bd1e995, hi)) | 0;
  }
  lo = fmix(a ^ OBJECT_LO);
  hi = fmix(b ^ OBJECT_HI);
}

/** An object with a string `name`: a call callsOf reads. */
function isCall(fn: unknown): fn is Record<string, unknown> {
  return isObject(fn) && typeof fn.name === 'string';
}

/** A conversation text: by its length while lengthsOnly is set (its characters are in `textHash`), else as `walk` hashes it. */
function walkText(text: string): void {
  if (!lengthsOnly) {
    walk(text, 0);
    return;
  }
  lo = fmix(text.length ^ 0x1f83d9ab);
  hi = fmix(text.length ^ 0x5be0cd19);
}

/** The fingerprint of any parsed JSON value: exampleFingerprint of an example gives the same as this of its value. */
export function valueFingerprint(value: unknown): Fingerprint {
  walk(value, 0);
  return { lo, hi };
}

function walk(value: unknown, depth: number): void {
  if (typeof value === 'string') {
    const h = stringHash(value);
    lo = fmix(h);
    hi = fmix(h ^ 0x7f4a7c15);
  } else if (typeof value === 'number') walkNumber(value);
  else if (typeof value === 'boolean') {
    lo = value ? 0x510e527f : 0x9b05688c;
    hi = value ? 0x1f83d9ab : 0x5be0cd19;
  } else if (typeof value !== 'object' || value === null) {
    lo = NULL_LO;
    hi = NULL_HI;
  } else if (depth > MAX_DEPTH) {
    lo = 0x428a2f98;
    hi = 0x71374491;
  } else if (Array.isArray(value)) walkArray(value, depth, ANY);
  else {
    const object = value as Record<string, unknown>;
    let a = 0;
    let b = 0;
    for (const key in object) {
      walk(object[key], depth + 1);
      const k = keyHash(key);
      a = (a + member(k, lo)) | 0;
      b = (b + member(k ^ 0x5bd1e995, hi)) | 0;
    }
    lo = fmix(a ^ OBJECT_LO);
    hi = fmix(b ^ OBJECT_HI);
  }
}

/** A number by its value: 0 and -0 alike; a value JSON cannot write (JSON.parse gives Infinity for 1e400) as null, as JSON.stringify writes it. */
function walkNumber(value: number): void {
  if (!Number.isFinite(value)) {
    lo = NULL_LO;
    hi = NULL_HI;
  } else if ((value | 0) === value) {
    lo = fmix((value | 0) ^ 0xbb67ae85);
    hi = fmix(value | 0) ^ 0xa54ff53a;
  } else {
    float[0] = value;
    lo = fmix(floatWords[0] ^ 0x3c6ef372) ^ floatWords[1];
    hi = fmix(floatWords[1] ^ 0x1b873593) ^ floatWords[0];
  }
}

// The hashes of the keys met last, by a slot of their length and first character: the same few
// keys are on every line, and JSON.parse gives a key met before as the same string (=== is then a
// pointer compare), so a key is hashed once instead of once per member.
const KEY_SLOTS = 64;
const keyTexts: string[] = new Array<string>(KEY_SLOTS).fill('');
const keyHashes = new Int32Array(KEY_SLOTS).fill(stringHash(''));

function keyHash(key: string): number {
  const slot = (Math.imul(key.length, 31) + key.charCodeAt(0)) & (KEY_SLOTS - 1);
  if (keyTexts[slot] === key) return keyHashes[slot];
  const h = stringHash(key);
  keyTexts[slot] = key;
  keyHashes[slot] = h;
  return h;
}

/** FNV-1a over the string's code units, two at a time (one multiply per pair: the chain is the cost). */
function stringHash(text: string): number {
  const n = text.length;
  let h = n ^ 0x811c9dc5;
  let i = 0;
  for (; i + 1 < n; i += 2) h = Math.imul(h ^ (text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)), FNV_PRIME);
  if (i < n) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

function member(keyPart: number, valueHash: number): number {
  return fmix(Math.imul(keyPart, 0xcc9e2d51) ^ valueHash);
}

/** MurmurHash3's finaliser: every input bit moves every output bit. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
