// Argument texts that the engine's JSON.parse reads exactly as Python's json.loads does, kept as
// the plain values JSON.parse returns: json.dumps(sort_keys=True) and Python's == are computed on
// them directly. Most arguments are such texts, and building the Python value model (a Map per
// object, a BigInt per number; pythonJson.ts) for each was a fifth of comparing a pair.
import { parsePythonJson, type PyDict, type PyJson } from './pythonJson.ts';
import { sortCodePoints, writeAscii, writeString, type DumpsBuffer } from './pythonJsonDumps.ts';

/** A value from JSON.parse of a plain text: every number is an int below 2**53 (see readPlainJson). */
export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

// Any digit followed by `.`, `e` or `E` (a float, or text that only looks like one), or a run of
// 16 digits (an int that might not be exact as a double, or text that only looks like one).
const NOT_PLAIN = /\d[.eE]|\d{16}/;
// Nesting needs two characters a level: shorter texts stay far below json.loads's recursion limit.
const MAX_PLAIN_LENGTH = 400;
// Conversion to the Python model gives up this deep and leaves the text to parsePythonJson.
const MAX_CONVERTED_DEPTH = 200;

/**
 * The text's value when JSON.parse and json.loads agree on it by construction, else undefined
 * (then parse it with parsePythonJson). They agree when JSON.parse accepts the text (json.loads
 * then does too: NaN, Infinity, a BOM or a bad escape make JSON.parse throw), every number is an
 * int of at most 15 digits (so the double is that int exactly; `-0` is the int 0 in both), and
 * the text is short enough that nesting stays far below json.loads's recursion limit. Duplicate
 * keys keep the last value in both; only the order of keys may differ (JS puts integer-like keys
 * first), which json.dumps(sort_keys=True) and == ignore, and plainToPython restores.
 */
export function readPlainJson(text: string): PlainJson | undefined {
  if (!isPlainCandidate(text)) return undefined;
  try {
    return JSON.parse(text) as PlainJson;
  } catch {
    return undefined;
  }
}

/** Whether the text is plain if JSON.parse accepts it: short, no float and no run of 16 digits (see readPlainJson). */
export function isPlainCandidate(text: string): boolean {
  return text.length <= MAX_PLAIN_LENGTH && !NOT_PLAIN.test(text);
}

/**
 * The Python value of a plain text (`text` is the one `plain` was read from): converted when no
 * key starts with a digit (a dict keeps insertion order, which JS objects do not for integer-like
 * keys), else parsed again by parsePythonJson.
 */
export function plainToPython(plain: PlainJson, text: string): PyJson {
  return toPython(plain, 0) ?? parsePythonJson(text);
}

/**
 * JSON.parse's value in the Python model, or undefined when it cannot be exact: a number that is
 * not a safe int, a key that starts with a digit, or nesting past MAX_CONVERTED_DEPTH.
 */
export function toPython(v: unknown, depth: number): PyJson | undefined {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (depth >= MAX_CONVERTED_DEPTH) return undefined;
  if (Array.isArray(v)) {
    const list: PyJson[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const item = toPython(v[i], depth + 1);
      if (item === undefined) return undefined;
      list[i] = item;
    }
    return list;
  }
  const dict: PyDict = new Map();
  for (const key of Object.keys(v as object)) {
    const c = key.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39) return undefined;
    const item = toPython((v as Record<string, unknown>)[key], depth + 1);
    if (item === undefined) return undefined;
    dict.set(key, item);
  }
  return dict;
}

/** Python's `a == b` on the values of two plain texts: bool is an int (True == 1), dicts compare by key. */
export function plainEquals(a: PlainJson, b: PlainJson): boolean {
  if (a === b) return true;
  if (typeof a === 'number' || typeof a === 'boolean') {
    if (typeof b !== 'number' && typeof b !== 'boolean') return false;
    return +a === +b;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!plainEquals(a[k], b[k])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.hasOwn(b, key) || !plainEquals(a[key], b[key])) return false;
  }
  return true;
}

/** Writes `json.dumps(value, sort_keys=True)` of a plain value into `out` (from its start). */
export function writePlainDumps(value: PlainJson, out: DumpsBuffer): void {
  out.length = 0;
  writeValue(value, out);
}

function writeValue(v: PlainJson, out: DumpsBuffer): void {
  if (typeof v === 'string') writeString(v, out);
  // An int (String(-0) is "0", as Python writes the int json.loads reads from -0).
  else if (typeof v === 'number') writeAscii(String(v), out);
  else if (v === null) writeAscii('null', out);
  else if (v === true) writeAscii('true', out);
  else if (v === false) writeAscii('false', out);
  else if (Array.isArray(v)) {
    writeAscii('[', out);
    for (let n = 0; n < v.length; n++) {
      if (n) writeAscii(', ', out);
      writeValue(v[n], out);
    }
    writeAscii(']', out);
  } else {
    const keys = Object.keys(v);
    sortCodePoints(keys);
    writeAscii('{', out);
    for (let n = 0; n < keys.length; n++) {
      if (n) writeAscii(', ', out);
      writeString(keys[n], out);
      writeAscii(': ', out);
      writeValue(v[keys[n]], out);
    }
    writeAscii('}', out);
  }
}
