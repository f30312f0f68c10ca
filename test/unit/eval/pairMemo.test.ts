// The bounded memo of argument-pair ratios (core/eval/pairMemo.ts), and scoring through it
// against scoring from scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sequenceRatio } from '../../../core/eval/difflib.ts';
import { compareCalls, parseArguments, ratioMemoHits } from '../../../core/eval/metrics.ts';
import { PairMemo } from '../../../core/eval/pairMemo.ts';
import { canonicalJson } from '../../../core/eval/pythonJsonDumps.ts';

// The memo as its callers use it: find, and on a miss compute and keep.
function lookUp<V>(memo: PairMemo<V>, a: string, b: string, compute: () => V): V {
  const found = memo.find(a, b);
  if (found !== undefined) return found.value;
  const value = compute();
  memo.keep(a, b, value);
  return value;
}

test('PairMemo computes a pair once, tells (a, b) from (b, a), remembers undefined, and keeps two generations within its bounds', () => {
  const computed: string[] = [];
  const memo = new PairMemo<number | undefined>(3, 12);
  const join = (a: string, b: string) => () => {
    computed.push(a + b);
    return a === 'none' ? undefined : a.length + 10 * b.length;
  };
  assert.equal(lookUp(memo, 'ab', 'c', join('ab', 'c')), 12);
  assert.equal(lookUp(memo, 'ab', 'c', join('ab', 'c')), 12);
  assert.equal(lookUp(memo, 'c', 'ab', join('c', 'ab')), 21);
  assert.equal(lookUp(memo, 'none', 'x', join('none', 'x')), undefined);
  assert.equal(lookUp(memo, 'none', 'x', join('none', 'x')), undefined);
  assert.deepEqual([computed, memo.hits], [['abc', 'cab', 'nonex'], 2]);
  // A fourth entry is over 3 entries: the three become the previous generation and (d, e) starts
  // the current one; (ab, c) and (c, ab) are still answered, and move back to the current one.
  assert.equal(lookUp(memo, 'd', 'e', join('d', 'e')), 11);
  assert.equal(lookUp(memo, 'ab', 'c', join('ab', 'c')), 12);
  assert.equal(lookUp(memo, 'c', 'ab', join('c', 'ab')), 21);
  assert.deepEqual([computed, memo.hits], [['abc', 'cab', 'nonex', 'de'], 4]);
  // The current generation is full again: (f, g) starts a new one, and (none, x), left in the
  // generation before, is gone and computed again.
  assert.equal(lookUp(memo, 'f', 'g', join('f', 'g')), 11);
  assert.equal(lookUp(memo, 'none', 'x', join('none', 'x')), undefined);
  assert.equal(lookUp(memo, 'd', 'e', join('d', 'e')), 11);
  assert.deepEqual([computed, memo.hits], [['abc', 'cab', 'nonex', 'de', 'fg', 'nonex'], 5]);
  // Longer than the 12-character budget: computed every time, never kept, and the memo stays.
  assert.equal(lookUp(memo, '0123456789', 'abc', join('0123456789', 'abc')), 40);
  assert.equal(lookUp(memo, '0123456789', 'abc', join('0123456789', 'abc')), 40);
  assert.equal(lookUp(memo, 'f', 'g', join('f', 'g')), 11);
  // (hello, world) starts a generation (the current one held 3); (none, x), answered from the
  // previous one, does not fit beside it (10 + 5 > 12 characters): it starts another, and
  // (ab, c), two generations back, is computed again.
  assert.equal(lookUp(memo, 'hello', 'world', join('hello', 'world')), 55);
  assert.equal(lookUp(memo, 'none', 'x', join('none', 'x')), undefined);
  assert.equal(lookUp(memo, 'ab', 'c', join('ab', 'c')), 12);
  assert.deepEqual([computed, memo.hits], [['abc', 'cab', 'nonex', 'de', 'fg', 'nonex', '0123456789abc', '0123456789abc', 'helloworld', 'abc'], 7]);
});

test('compareCalls through the memo equals the ratio computed from scratch on 3,000 pairs with repeats', () => {
  let seed = 5;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const texts = Array.from({ length: 20 }, (_, k) =>
    pick([
      () => JSON.stringify({ city: pick(['Paris', 'Zürich', 'São Paulo']), days: k % 7, unit: pick(['c', 'f']) }),
      () => `{"q": "${pick(['a', 'b'])}${k}", "n": ${k}.0, "x": [1, 2.5e3]}`,
      () => `{"b": 1, "a": ${k}`, // not JSON
    ])(),
  );
  const before = ratioMemoHits();
  for (let k = 0; k < 3000; k++) {
    const expected = pick(texts);
    const predicted = random() < 0.3 ? expected : pick(texts);
    for (const autojunk of [true, false]) {
      const got = compareCalls({ name: 'f', arguments: expected }, { name: 'f', arguments: predicted }, { autojunk });
      const want = parseArguments(expected) && parseArguments(predicted) ? sequenceRatio(canonicalJson(predicted), canonicalJson(expected), { autojunk }) : 0;
      assert.equal(got.similarity, want, `${predicted} against ${expected}`);
      assert.equal(got.fuzzy, want > 0.8);
    }
  }
  // 20 texts give at most 400 distinct pairs, and about 900 of the differing pairs both parse
  // (twice: with and without autojunk): most of them were answered from the memo.
  assert.ok(ratioMemoHits() - before > 1200, `ratio hits ${ratioMemoHits() - before}`);
});

test('PairMemo keeps many pairs of one first text (its short chain turned into a Map) and counts them in its bounds', () => {
  const computed: string[] = [];
  const memo = new PairMemo<string>(30, 1000);
  const compute = (a: string, b: string) => () => {
    computed.push(a + b);
    return `${a}-${b}`;
  };
  // 20 second texts for 'p' (past the chain's 8), and a few for 'q', each asked three times.
  const seconds = Array.from({ length: 20 }, (_, k) => `e${k}`);
  for (let round = 0; round < 3; round++) {
    for (const b of seconds) assert.equal(lookUp(memo, 'p', b, compute('p', b)), `p-${b}`);
    for (const b of seconds.slice(0, 3)) assert.equal(lookUp(memo, 'q', b, compute('q', b)), `q-${b}`);
  }
  assert.deepEqual([computed, memo.hits], [[...seconds.map((b) => 'p' + b), ...seconds.slice(0, 3).map((b) => 'q' + b)], 46]);
  // 23 entries held: 8 more start a new generation at the 31st, and the first ones move back from the previous.
  for (let k = 0; k < 8; k++) lookUp(memo, 'r', `x${k}`, compute('r', `x${k}`));
  assert.equal(lookUp(memo, 'p', 'e19', compute('p', 'e19')), 'p-e19');
  assert.deepEqual([computed.length, memo.hits], [31, 47]);
});

test('PairMemo.keep adds to the pairs of a first text, with or without a find before it', () => {
  const memo = new PairMemo<number>(10, 100);
  assert.equal(memo.find('p', 'x'), undefined);
  memo.keep('p', 'x', 1);
  // No find before this one: (p, x) stays beside it.
  memo.keep('p', 'z', 2);
  assert.equal(memo.find('q', 'y'), undefined);
  assert.equal(memo.find('p', 'w'), undefined);
  memo.keep('q', 'y', 3);
  memo.keep('p', 'w', 4);
  assert.deepEqual([memo.find('p', 'x')?.value, memo.find('p', 'z')?.value, memo.find('q', 'y')?.value, memo.find('p', 'w')?.value, memo.hits], [1, 2, 3, 4, 4]);
});
