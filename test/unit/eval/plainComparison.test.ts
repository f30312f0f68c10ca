// plainComparison (pythonEquals.ts) against the Python model it stands for: on seeded pairs of
// plain values, most equal or nearly so (bools against ints, keys reordered, one scalar changed),
// PLAIN_SAME exactly when Python's == holds and json.dumps(sort_keys=True) writes both alike,
// PLAIN_EQUAL when == holds and the texts differ, PLAIN_UNEQUAL otherwise. compareParsed's
// similarity rests on it (PLAIN_SAME: 1.0 without writing the texts), so it is checked too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sequenceRatio } from '../../../core/eval/difflib.ts';
import { compareParsed, parseArguments } from '../../../core/eval/metrics.ts';
import { fromJsValue, PLAIN_EQUAL, PLAIN_SAME, PLAIN_UNEQUAL, plainComparison, plainEquals, pythonEquals } from '../../../core/eval/pythonEquals.ts';
import { pythonJsonDumps } from '../../../core/eval/pythonJsonDumps.ts';
import { mulberry32 } from '../../../core/random.ts';

const random = mulberry32(1318);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

const KEYS = ['a', 'b', 'city', 'days', '__proto__', 'k"q', ''];
const SCALARS: unknown[] = [0, 1, -1, 2, 7, true, false, null, '', 'Paris', '1', 'true', 2.5, -0.125, 9007199254740991];

function value(depth: number): unknown {
  const kind = depth > 3 ? 0 : int(4);
  if (kind <= 1) return pick(SCALARS);
  if (kind === 2) return Array.from({ length: int(4) }, () => value(depth + 1));
  const object: Record<string, unknown> = {};
  for (let n = int(4); n > 0; n--) object[pick(KEYS)] = value(depth + 1);
  return object;
}

// A copy of v, keys in another order, with a few changes: a bool for its int (or back), or another scalar.
function variant(v: unknown, changes: { left: number }): unknown {
  if (Array.isArray(v)) return v.map((item) => variant(item, changes));
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v);
    if (random() < 0.5) keys.reverse();
    const object: Record<string, unknown> = {};
    for (const key of keys) object[key] = variant((v as Record<string, unknown>)[key], changes);
    return object;
  }
  if (changes.left === 0 || random() < 0.7) return v;
  changes.left--;
  if (v === true || v === false) return v ? 1 : 0;
  if (v === 0 || v === 1) return v === 1;
  return pick(SCALARS);
}

test('plainComparison: PLAIN_SAME exactly when == holds and json.dumps writes both alike, on 6,000 seeded pairs', () => {
  const counts = [0, 0, 0];
  for (let n = 0; n < 6000; n++) {
    const a = value(0);
    const b = variant(a, { left: int(3) });
    // JSON texts through JSON.parse: the values plain arguments are (own __proto__ keys included).
    const pa = JSON.parse(JSON.stringify(a));
    const pb = JSON.parse(JSON.stringify(b));
    const python = [fromJsValue(pa), fromJsValue(pb)] as const;
    const expected = !pythonEquals(python[0], python[1]) ? PLAIN_UNEQUAL : pythonJsonDumps(python[0], { sortKeys: true }) === pythonJsonDumps(python[1], { sortKeys: true }) ? PLAIN_SAME : PLAIN_EQUAL;
    const got = plainComparison(pa, pb);
    assert.equal(got, expected, `${JSON.stringify(a)} against ${JSON.stringify(b)}`);
    assert.equal(plainEquals(pa, pb), expected !== PLAIN_UNEQUAL);
    counts[got]!++;
  }
  // Every answer is reached often.
  for (const count of counts) assert.ok(count > 300, `${counts}`);
});

test("compareParsed's similarity of differing texts with the same values is the ratio of their json.dumps texts", () => {
  const pairs: [string, string][] = [
    ['{"a": 1, "b": [true, null]}', '{"b":[true,null],"a":1}'],
    ['{"a": true}', '{"a": 1}'],
    ['{"a": [0, false]}', '{"a": [false, 0]}'],
    ['{"x": 2.5, "y": "s"}', '{"y": "s", "x": 2.50}'],
    ['{"a": -0}', '{"a": 0}'],
  ];
  for (const [e, p] of pairs) {
    const expected = parseArguments(e)!;
    const predicted = parseArguments(p)!;
    assert.notEqual(expected.plain, undefined, e);
    const ratio = sequenceRatio(pythonJsonDumps(predicted.value, { sortKeys: true }), pythonJsonDumps(expected.value, { sortKeys: true }));
    const m = compareParsed('f', expected, 'f', predicted);
    assert.equal(m.similarity, ratio, `${e} against ${p}`);
    assert.equal(m.exact, pythonEquals(expected.value, predicted.value), `${e} against ${p}`);
  }
});
