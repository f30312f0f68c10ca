// Python's json.dumps with its defaults (and sort_keys), reproduced to the byte: similarity is
// computed on `json.dumps(json.loads(args), sort_keys=True)`, and a single differing character
// (1.0 vs 1, an escape, the key order) changes the ratio.
import { parsePythonJson, type PyJson } from './pythonJson.ts';

/** Options of `pythonJsonDumps`. */
export interface DumpsOptions {
  /** Python's `sort_keys` (default false). */
  sortKeys?: boolean;
}

/**
 * The text of json.dumps as character codes in a growable buffer. With ensure_ascii the text is
 * ASCII, one code per character, so it can be compared (difflib) without making a string.
 */
export class DumpsBuffer {
  codes = new Int32Array(256);
  length = 0;
}

/** Python's `json.dumps(value, sort_keys=...)` with its defaults: `, ` and `: ` separators, ensure_ascii, NaN/Infinity allowed. */
export function pythonJsonDumps(value: PyJson, options: DumpsOptions = {}): string {
  writePythonJsonDumps(value, options.sortKeys ?? false, scratch);
  const { codes, length } = scratch;
  if (length === 0) return '';
  let out = '';
  // fromCharCode takes its codes as arguments: a bounded number per call.
  for (let at = 0; at < length; at += 8192) out += String.fromCharCode.apply(null, codes.subarray(at, Math.min(length, at + 8192)) as unknown as number[]);
  // One huge value must not keep its buffer for the life of the process.
  if (codes.length > 1 << 16) scratch.codes = new Int32Array(256);
  return out;
}

const scratch = new DumpsBuffer();

/** Writes `json.dumps(value, sort_keys=sortKeys)` into `out` (from its start; `out.length` is set). */
export function writePythonJsonDumps(value: PyJson, sortKeys: boolean, out: DumpsBuffer): void {
  out.length = 0;
  writeValue(value, sortKeys, out);
}

// Plain recursion writing codes: canonical texts are made for every differing pair an eval
// scores, and building strings from parts was a third of its time.
function writeValue(v: PyJson, sortKeys: boolean, out: DumpsBuffer): void {
  if (typeof v === 'string') writeString(v, out);
  else if (v === null) writeAscii('null', out);
  else if (v === true) writeAscii('true', out);
  else if (v === false) writeAscii('false', out);
  else if (typeof v === 'bigint') writeAscii(v.toString(), out);
  else if (typeof v === 'number') writeAscii(pythonJsonFloat(v), out);
  else if (Array.isArray(v)) {
    writeAscii('[', out);
    for (let n = 0; n < v.length; n++) {
      if (n) writeAscii(', ', out);
      writeValue(v[n], sortKeys, out);
    }
    writeAscii(']', out);
  } else {
    const keys = Array.from(v.keys());
    if (sortKeys) sortCodePoints(keys);
    writeAscii('{', out);
    for (let n = 0; n < keys.length; n++) {
      if (n) writeAscii(', ', out);
      writeString(keys[n], out);
      writeAscii(': ', out);
      writeValue(v.get(keys[n])!, sortKeys, out);
    }
    writeAscii('}', out);
  }
}

/**
 * writePythonJsonDumps(value, true, out) for a plain value (metrics.ts: JSON.parse's value of a
 * text with no float, every number a safe int, no digit-led key), which stands for it.
 */
export function writePlainJsonDumps(value: unknown, out: DumpsBuffer): void {
  out.length = 0;
  writePlain(value, out);
}

function writePlain(v: unknown, out: DumpsBuffer): void {
  if (typeof v === 'string') writeString(v, out);
  else if (v === null) writeAscii('null', out);
  else if (v === true) writeAscii('true', out);
  else if (v === false) writeAscii('false', out);
  // A safe int (String(-0) is "0", as Python's int), or a float, which is never integral here.
  else if (typeof v === 'number') writeAscii(Number.isInteger(v) ? String(v) : pythonJsonFloat(v), out);
  else if (Array.isArray(v)) {
    writeAscii('[', out);
    for (let n = 0; n < v.length; n++) {
      if (n) writeAscii(', ', out);
      writePlain(v[n], out);
    }
    writeAscii(']', out);
  } else {
    const keys = Object.keys(v as object);
    sortCodePoints(keys);
    writeAscii('{', out);
    for (let n = 0; n < keys.length; n++) {
      if (n) writeAscii(', ', out);
      writeString(keys[n], out);
      writeAscii(': ', out);
      writePlain((v as Record<string, unknown>)[keys[n]], out);
    }
    writeAscii('}', out);
  }
}

/** Room for `more` codes after the current end. */
function reserve(out: DumpsBuffer, more: number): Int32Array {
  const need = out.length + more;
  if (out.codes.length < need) {
    const bigger = new Int32Array(Math.max(need, out.codes.length * 2));
    bigger.set(out.codes.subarray(0, out.length));
    out.codes = bigger;
  }
  return out.codes;
}

/** Writes text known to be ASCII. */
function writeAscii(text: string, out: DumpsBuffer): void {
  const codes = reserve(out, text.length);
  let n = out.length;
  for (let k = 0; k < text.length; k++) codes[n++] = text.charCodeAt(k);
  out.length = n;
}

const HEX = '0123456789abcdef';

// A JSON string as Python writes it with ensure_ascii (only printable ASCII stays, the rest as
// \uXXXX, lower-case hex, astral as a surrogate pair), as codes: at most 6 per UTF-16 unit, plus the quotes.
function writeString(s: string, out: DumpsBuffer): void {
  const codes = reserve(out, 6 * s.length + 2);
  let n = out.length;
  codes[n++] = 0x22;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) {
      codes[n++] = c;
      continue;
    }
    codes[n++] = 0x5c;
    switch (c) {
      case 0x22: codes[n++] = 0x22; break;
      case 0x5c: codes[n++] = 0x5c; break;
      case 0x0a: codes[n++] = 0x6e; break; // n
      case 0x0d: codes[n++] = 0x72; break; // r
      case 0x09: codes[n++] = 0x74; break; // t
      case 0x08: codes[n++] = 0x62; break; // b
      case 0x0c: codes[n++] = 0x66; break; // f
      // UTF-16 units are exactly the \u escapes Python writes, pairs included.
      default:
        codes[n++] = 0x75; // u
        codes[n++] = HEX.charCodeAt(c >> 12);
        codes[n++] = HEX.charCodeAt((c >> 8) & 15);
        codes[n++] = HEX.charCodeAt((c >> 4) & 15);
        codes[n++] = HEX.charCodeAt(c & 15);
    }
  }
  codes[n++] = 0x22;
  out.length = n;
}

/** Sorts strings as Python sorts str: by code point. */
function sortCodePoints(keys: string[]): void {
  // Without surrogates, code point order is UTF-16 order, which is `<` on strings.
  for (let n = 0; n < keys.length; n++) {
    if (SURROGATE.test(keys[n]!)) {
      keys.sort(compareCodePoints);
      return;
    }
  }
  if (keys.length > 16) {
    keys.sort();
    return;
  }
  // Argument objects have a handful of keys: an insertion sort costs less than sort()'s set-up.
  for (let n = 1; n < keys.length; n++) {
    const key = keys[n];
    let k = n;
    for (; k > 0 && keys[k - 1] > key; k--) keys[k] = keys[k - 1];
    keys[k] = key;
  }
}

/** Python's str ordering (by code point), which differs from JS's UTF-16 order above U+FFFF. */
export function compareCodePoints(x: string, y: string): number {
  if (!SURROGATE.test(x) && !SURROGATE.test(y)) return x < y ? -1 : x > y ? 1 : 0;
  // for..of walks code points; a lone surrogate is one element, as in Python.
  const px = [...x].map((c) => c.codePointAt(0)!);
  const py = [...y].map((c) => c.codePointAt(0)!);
  for (let k = 0; k < Math.min(px.length, py.length); k++) {
    if (px[k] !== py[k]) return px[k] < py[k] ? -1 : 1;
  }
  return px.length - py.length;
}

const SURROGATE = /[\ud800-\udfff]/;

/** A float as json.dumps writes it: Python's repr(float), and NaN, Infinity, -Infinity. */
export function pythonJsonFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return pythonFloatRepr(x);
}

/**
 * Python's `repr(float)`: the shortest round-tripping digits (the same digits as
 * JS), in fixed notation when the decimal exponent is in [-4, 16), scientific
 * otherwise with at least two exponent digits (`1e+16`, `1e-05`), and `.0` on integral values.
 */
export function pythonFloatRepr(x: number): string {
  // Where both write fixed notation (JS below 1e21 and from 1e-6; Python below 1e16 and from
  // 1e-4), JS's String of a float that is not integral is repr: the same shortest digits, and a
  // fraction to show. Most floats of arguments are such; the general way below splits strings.
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16 && !Number.isInteger(x)) return String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without digits gives the shortest round-trip digits: "d.ddde±x".
  const [mantissa, exponent] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 16) {
    const rest = digits.length > 1 ? '.' + digits.slice(1) : '';
    const expDigits = String(Math.abs(exp)).padStart(2, '0');
    return `${sign}${digits[0]}${rest}e${exp < 0 ? '-' : '+'}${expDigits}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

/** `json.dumps(json.loads(text), sort_keys=True)`: the canonical form similarity is computed on. */
export function canonicalJson(text: string): string {
  return pythonJsonDumps(parsePythonJson(text), { sortKeys: true });
}
