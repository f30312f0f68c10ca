// The bounded memo of argument parses and ratios (core/eval/textMemo.ts), and scoring through
// it against scoring from scratch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sequenceRatio } from '../../../core/eval/difflib.ts';
import { compareCalls, memoHits, parseArguments } from '../../../core/eval/metrics.ts';
import { canonicalJson } from '../../../core/eval/pythonJson.ts';
import { TextMemo } from '../../../core/eval/textMemo.ts';

test('TextMemo computes a key once, remembers undefined too, and starts over at its bounds', () => {
  const computed: string[] = [];
  const memo = new TextMemo<number | undefined>(2, 10);
  const length = (key: string) => {
    computed.push(key);
    return key === 'none' ? undefined : key.length;
  };
  assert.equal(memo.get('ab', length), 2);
  assert.equal(memo.get('ab', length), 2);
  assert.equal(memo.get('none', length), undefined);
  assert.equal(memo.get('none', length), undefined);
  assert.deepEqual([computed, memo.hits], [['ab', 'none'], 2]);
  // A third entry is over 2 entries: the memo starts over with it alone.
  assert.equal(memo.get('xyz', length), 3);
  assert.equal(memo.get('ab', length), 2);
  // Longer than the 10-character budget: computed every time, never kept.
  assert.equal(memo.get('0123456789a', length), 11);
  assert.equal(memo.get('0123456789a', length), 11);
  assert.equal(memo.get('xyz', length), 3);
  assert.deepEqual([computed, memo.hits], [['ab', 'none', 'xyz', 'ab', '0123456789a', '0123456789a'], 3]);
});

test('compareCalls through the memo equals the ratio and exact match computed from scratch on 3,000 pairs with repeats', () => {
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
  const before = memoHits();
  for (let k = 0; k < 3000; k++) {
    const expected = pick(texts);
    const predicted = random() < 0.3 ? expected : pick(texts);
    const got = compareCalls({ name: 'f', arguments: expected }, { name: 'f', arguments: predicted });
    const want = parseArguments(expected) && parseArguments(predicted) ? sequenceRatio(canonicalJson(predicted), canonicalJson(expected)) : 0;
    assert.equal(got.similarity, want, `${predicted} against ${expected}`);
    assert.equal(got.fuzzy, want > 0.8);
  }
  const after = memoHits();
  // 20 texts give at most 400 distinct pairs, and about 900 of the differing pairs both parse: most of them were answered from the memo.
  assert.ok(after.ratios - before.ratios > 600, `ratio hits ${after.ratios - before.ratios}`);
  assert.ok(after.arguments - before.arguments > 5000, `parse hits ${after.arguments - before.arguments}`);
});
