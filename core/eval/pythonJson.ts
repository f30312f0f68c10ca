// Python's json.loads, reproduced to the value (json.dumps is pythonJsonDumps.ts), because
// similarity is computed on `json.dumps(json.loads(args), sort_keys=True)` and a single
// differing character (1.0 vs 1, an escape, the key order) changes the ratio.

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
  return parse(text, false);
}

/**
 * parsePythonJson, or undefined where it would throw: for callers that only need to know. The
 * error's message (line, column, position in code points) and stack were most of the cost of a
 * rejected text.
 */
export function tryParsePythonJson(text: string): PyJson | undefined {
  try {
    return parse(text, true);
  } catch (error) {
    if (error === REJECTED) return undefined;
    throw error;
  }
}

// What parse throws when quiet: one object, no message to build.
const REJECTED = Symbol('rejected');

function parse(text: string, quiet: boolean): PyJson {
  let pos = 0;
  const fail = (message: string, at = pos): never => {
    if (quiet) throw REJECTED;
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
        if (quiet) throw REJECTED;
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
