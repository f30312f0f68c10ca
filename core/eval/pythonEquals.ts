// Python's `==` on values from json.loads, for the exact-match metric and the
// structural checker: `1 == 1.0`, `True == 1`, ints and floats compared exactly.
import type { PyJson } from './pythonJson.ts';

/**
 * `a == b` in Python for json.loads values. bool is an int (True == 1 == 1.0); an
 * int equals a float only if exactly equal (2**53 + 1 != 2.0**53). NaN != NaN at
 * the top level, but NaN inside lists or dicts equals NaN: json.loads returns the
 * same NaN object every time and container comparison checks identity first.
 */
export function pythonEquals(a: PyJson, b: PyJson): boolean {
  return equals(a, b, false);
}

function equals(a: PyJson, b: PyJson, inContainer: boolean): boolean {
  // One parse shared by both sides (equal texts) is one object: Python compares two parses of
  // the text, which are equal element by element (its NaN constant is one object, equal to itself
  // inside containers), so only a top-level NaN, a number here, can differ from itself.
  if (a === b && typeof a === 'object') return true;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) {
    if (na === undefined || nb === undefined) return false;
    if (inContainer && Number.isNaN(na) && Number.isNaN(nb)) return true;
    return numbersEqual(na, nb);
  }
  if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (!equals(a[k]!, b[k]!, true)) return false;
    return true;
  }
  if (!(a instanceof Map) || !(b instanceof Map) || a.size !== b.size) return false;
  for (const key of a.keys()) {
    if (!b.has(key) || !equals(a.get(key)!, b.get(key)!, true)) return false;
  }
  return true;
}

/**
 * pythonEquals on plain values (metrics.ts: JSON.parse's values of texts with no float, every
 * number a safe int, no digit-led key), which stand for the Python values: a number is an int,
 * an object a dict.
 */
export function plainEquals(a: unknown, b: unknown): boolean {
  return plainComparison(a, b) !== PLAIN_UNEQUAL;
}

/** plainComparison's answers, least first: a container is the least of its elements. */
export const PLAIN_UNEQUAL = 0;
/** Equal by Python's ==, with a bool against an int somewhere (True == 1), which json.dumps writes apart. */
export const PLAIN_EQUAL = 1;
/** Equal with every bool against a bool: json.dumps(sort_keys=True) writes the two alike. */
export const PLAIN_SAME = 2;

/**
 * pythonEquals on plain values (see plainEquals), telling apart the equal values whose json.dumps
 * texts are the same (PLAIN_SAME: the similarity of such a pair is 1.0 without writing them).
 */
export function plainComparison(a: unknown, b: unknown): number {
  if (a === b) return PLAIN_SAME;
  // Two numbers or two bools that are not === differ: only a bool against an int can still be ==.
  if (typeof a === 'number' || typeof a === 'boolean') return (typeof b === 'number' || typeof b === 'boolean') && Number(a) === Number(b) ? PLAIN_EQUAL : PLAIN_UNEQUAL;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return PLAIN_UNEQUAL;
  let least = PLAIN_SAME;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return PLAIN_UNEQUAL;
    for (let k = 0; k < a.length; k++) {
      const item = plainComparison(a[k], b[k]);
      if (item === PLAIN_UNEQUAL) return PLAIN_UNEQUAL;
      if (item < least) least = item;
    }
    return least;
  }
  if (Array.isArray(b)) return PLAIN_UNEQUAL;
  // for..in rather than Object.keys: no array of keys made per object (JSON.parse's objects
  // inherit no enumerable key).
  let size = 0;
  for (const key in a) {
    if (!Object.hasOwn(b, key)) return PLAIN_UNEQUAL;
    const value = plainComparison((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
    if (value === PLAIN_UNEQUAL) return PLAIN_UNEQUAL;
    if (value < least) least = value;
    size++;
  }
  for (const _ in b) size--;
  return size === 0 ? least : PLAIN_UNEQUAL;
}

// bool, int and float all compare as numbers in Python.
function numeric(v: PyJson): number | bigint | undefined {
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  return undefined;
}

function numbersEqual(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  const big = (typeof a === 'bigint' ? a : b) as bigint;
  const float = (typeof a === 'number' ? a : b) as number;
  // Exact comparison, as Python does: a float equals an int only if it is integral.
  return Number.isInteger(float) && BigInt(float) === big;
}

/**
 * A value from JSON.parse in the PyJson model: objects become Maps, integral
 * numbers ints, others floats (JSON.parse loses `1.0` vs `1`, which == ignores).
 */
export function fromJsValue(value: unknown): PyJson {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(fromJsValue);
  if (typeof value === 'object') {
    return new Map(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJsValue(v)]));
  }
  throw new TypeError(`not a JSON value: ${typeof value}`);
}
