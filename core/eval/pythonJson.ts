// Python's json.loads / json.dumps, reproduced to the byte, because similarity is
// computed on `json.dumps(json.loads(args), sort_keys=True)` and a single differing
// character (1.0 vs 1, an escape, the key order) changes the ratio.

/**
 * A value as Python's json.loads returns it: `bigint` is a Python int (exact at any
 * size), `number` is a Python float, `Map` is a dict (insertion order kept).
 */
export type PyJson = null | boolean | number | bigint | string | PyJson[] | PyDict;
/** A Python dict from JSON: string keys, insertion order. */
export type PyDict = Map<string, PyJson>;

/** A JSON text Python's json.loads would reject; the message follows Python's. */
export class PythonJsonError extends Error {
  /** Offset in UTF-16 units of the problem in the text. */
  readonly offset: number;
  constructor(message: string, text: string, offset: number, withPosition = true) {
    if (!withPosition) {
      super(message);
      this.name = 'PythonJsonError';
      this.offset = offset;
      return;
    }
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    // Python counts characters in code points.
    const char = Array.from(before).length;
    super(`${message}: line ${line} column ${column} (char ${char})`);
    this.name = 'PythonJsonError';
    this.offset = offset;
  }
}

// Python 3.11+ refuses int literals above 4300 digits (sys.int_info.str_digits_check_threshold default).
const MAX_INT_DIGITS = 4300;
// Python would raise RecursionError near 1000 levels; a bound also keeps JS off the stack limit.
const MAX_DEPTH = 1000;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;

/** Python's `json.loads(text)` (strict mode, NaN/Infinity accepted); throws PythonJsonError. */
export function parsePythonJson(text: string): PyJson {
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    throw new PythonJsonError(message, text, at);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else return;
    }
  };

  const parseString = (): string => {
    const begin = pos; // at the opening quote
    pos++;
    let out = '';
    let chunk = pos;
    for (;;) {
      if (pos >= text.length) fail('Unterminated string starting at', begin);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunk, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('Invalid control character at');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(chunk, pos);
      const esc = text[pos + 1];
      if (esc === undefined) fail('Unterminated string starting at', begin);
      const simple = SIMPLE_ESCAPES[esc];
      if (simple !== undefined) {
        out += simple;
        pos += 2;
      } else if (esc === 'u') {
        const unit = hex4(pos + 2);
        if (unit < 0) fail('Invalid \\uXXXX escape', pos + 1);
        pos += 6;
        // Like Python, combine an escaped high surrogate with an escaped low one;
        // a lone surrogate stays a lone code unit, as in the Python str.
        if (unit >= 0xd800 && unit <= 0xdbff && text[pos] === '\\' && text[pos + 1] === 'u') {
          const low = hex4(pos + 2);
          if (low >= 0xdc00 && low <= 0xdfff) {
            out += String.fromCharCode(unit, low);
            pos += 6;
            chunk = pos;
            continue;
          }
        }
        out += String.fromCharCode(unit);
      } else {
        fail('Invalid \\escape', pos);
      }
      chunk = pos;
    }
  };

  const hex4 = (at: number): number => {
    const digits = text.slice(at, at + 4);
    return /^[0-9a-fA-F]{4}$/.test(digits) ? parseInt(digits, 16) : -1;
  };

  const parseValue = (depth: number): PyJson => {
    if (depth > MAX_DEPTH) fail('maximum recursion depth exceeded');
    const c = text[pos];
    if (c === '"') return parseString();
    if (c === '{') return parseObject(depth);
    if (c === '[') return parseArray(depth);
    if (c === 'n' && text.startsWith('null', pos)) return (pos += 4), null;
    if (c === 't' && text.startsWith('true', pos)) return (pos += 4), true;
    if (c === 'f' && text.startsWith('false', pos)) return (pos += 5), false;
    if (c === 'N' && text.startsWith('NaN', pos)) return (pos += 3), NaN;
    if (c === 'I' && text.startsWith('Infinity', pos)) return (pos += 8), Infinity;
    if (c === '-' && text.startsWith('-Infinity', pos)) return (pos += 9), -Infinity;
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m === null) return fail('Expecting value');
    pos += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const digits = m[0].replace('-', '').length;
      if (digits > MAX_INT_DIGITS) {
        // Python raises this ValueError (not a JSONDecodeError), without a position.
        const message = `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`;
        throw new PythonJsonError(message, text, pos - m[0].length, false);
      }
      return BigInt(m[0]);
    }
    // Number() rounds correctly like Python's float(); overflow gives ±Infinity, as Python.
    return Number(m[0]);
  };

  const parseObject = (depth: number): PyDict => {
    const dict: PyDict = new Map();
    pos++;
    skipSpace();
    if (text[pos] === '}') {
      pos++;
      return dict;
    }
    for (;;) {
      if (text[pos] !== '"') fail('Expecting property name enclosed in double quotes');
      const key = parseString();
      skipSpace();
      if (text[pos] !== ':') fail("Expecting ':' delimiter");
      pos++;
      skipSpace();
      // Duplicate keys: the last value wins at the first key's position, as in a dict.
      dict.set(key, parseValue(depth + 1));
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return dict;
      }
      if (text[pos] !== ',') fail("Expecting ',' delimiter");
      pos++;
      skipSpace();
    }
  };

  const parseArray = (depth: number): PyJson[] => {
    const list: PyJson[] = [];
    pos++;
    skipSpace();
    if (text[pos] === ']') {
      pos++;
      return list;
    }
    for (;;) {
      list.push(parseValue(depth + 1));
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return list;
      }
      if (text[pos] !== ',') fail("Expecting ',' delimiter");
      pos++;
      skipSpace();
    }
  };

  if (text.startsWith('\ufeff')) fail('Unexpected UTF-8 BOM (decode using utf-8-sig)');
  skipSpace();
  const value = parseValue(0);
  skipSpace();
  if (pos !== text.length) fail('Extra data');
  return value;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

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

// pythonJsonString written as codes: at most 6 codes per UTF-16 unit, plus the quotes.
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
  for (const key of keys) {
    if (SURROGATE.test(key)) {
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

/** A JSON string as Python writes it with ensure_ascii: only printable ASCII stays, the rest as \uXXXX (lower-case hex; astral as a surrogate pair). */
export function pythonJsonString(s: string): string {
  return pythonJsonDumps(s);
}

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
