// JSON.parse's value of a text in Python's json.loads model (pythonJson.ts), with each number
// read from its own token: JSON.parse makes 1.0 and 1 the same number and rounds big ints, which
// json.loads keeps apart (a float, an int exact at any size). Arguments with floats were parsed
// by the JavaScript json.loads, several times slower than the engine's parser.

import type { PyDict, PyJson } from './pythonJson.ts';

// Python 3.11+ refuses int literals above 4300 digits (pythonJson.ts rejects them the same way).
const MAX_INT_DIGITS = 4300;
// Far below json.loads's recursion limit; deeper texts are left to pythonJson.ts.
const MAX_DEPTH = 200;

/**
 * json.loads(text) from `parsed`, JSON.parse's value of the same text, or undefined to leave the
 * text to parsePythonJson. Exact by construction when it answers: JSON.parse accepted the text,
 * so it is JSON, which json.loads reads to the same structure, except that (1) objects put keys
 * like "12" first where dicts keep the text's order: no key may start with a digit; (2) a
 * repeated key keeps one value where the text has two: the members kept must be every member of
 * the text (its colons outside strings); then the numbers met walking the value in order are the
 * text's number tokens in order, and each is a float when its token has `.`, `e` or `E`, else an
 * int read from its digits.
 */
export function pythonValueOfParsed(text: string, parsed: unknown): PyJson | undefined {
  if (!scanTokens(text)) return undefined;
  const walk = new Walk(text);
  const value = walk.value(parsed, 0);
  if (value === undefined || walk.next !== tokenCount || walk.members !== memberCount) return undefined;
  return value;
}

// The text's number tokens (start, end, and whether a float) and its members, by scanTokens.
let starts = new Int32Array(64);
let ends = new Int32Array(64);
let floats = new Uint8Array(64);
let tokenCount = 0;
let memberCount = 0;

// Finds the number tokens and counts the colons outside strings of a text JSON.parse accepted
// (so strings are closed, and a number token is a run of [-+.0-9eE] starting with - or a digit).
// False for a text too long for the token arrays to be worth keeping.
function scanTokens(text: string): boolean {
  tokenCount = 0;
  memberCount = 0;
  const n = text.length;
  for (let k = 0; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x22) {
      for (k++; ; k++) {
        const d = text.charCodeAt(k);
        if (d === 0x5c) k++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x3a) memberCount++;
    else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = k;
      let float = 0;
      for (k++; k < n; k++) {
        const d = text.charCodeAt(k);
        if (d === 0x2e || d === 0x65 || d === 0x45) float = 1;
        else if (!((d >= 0x30 && d <= 0x39) || d === 0x2d || d === 0x2b)) break;
      }
      if (tokenCount === starts.length) {
        if (tokenCount >= 1 << 16) return false;
        starts = grow(starts);
        ends = grow(ends);
        const more = new Uint8Array(floats.length * 2);
        more.set(floats);
        floats = more;
      }
      starts[tokenCount] = start;
      ends[tokenCount] = k;
      floats[tokenCount++] = float;
      k--;
    }
  }
  return true;
}

function grow(list: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const more = new Int32Array(list.length * 2);
  more.set(list);
  return more;
}

/** A walk of JSON.parse's value that takes the number tokens in order. */
class Walk {
  next = 0;
  members = 0;
  constructor(private readonly text: string) {}

  value(v: unknown, depth: number): PyJson | undefined {
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
    if (typeof v === 'number') {
      const t = this.next++;
      if (t >= tokenCount) return undefined;
      if (floats[t] === 1) return v;
      if (Number.isSafeInteger(v)) return BigInt(v);
      const digits = this.text.slice(starts[t], ends[t]);
      return digits.length - (digits.charCodeAt(0) === 0x2d ? 1 : 0) > MAX_INT_DIGITS ? undefined : BigInt(digits);
    }
    if (depth >= MAX_DEPTH) return undefined;
    if (Array.isArray(v)) {
      const list: PyJson[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const item = this.value(v[i], depth + 1);
        if (item === undefined) return undefined;
        list[i] = item;
      }
      return list;
    }
    const dict: PyDict = new Map();
    const keys = Object.keys(v as object);
    this.members += keys.length;
    for (let n = 0; n < keys.length; n++) {
      const key = keys[n];
      const c = key.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39) return undefined;
      const item = this.value((v as Record<string, unknown>)[key], depth + 1);
      if (item === undefined) return undefined;
      dict.set(key, item);
    }
    return dict;
  }
}
