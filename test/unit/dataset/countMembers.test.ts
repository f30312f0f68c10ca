// countMembers keeps its stack between calls instead of growing a new one per line: the same
// counts as the walk with a fresh stack (kept here as the reference) on dataset lines and
// random values, and a walk that threw leaves nothing behind for the next one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countMembers } from '../../../core/dataset/structure.ts';
import { mulberry32 } from '../../../core/random.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

function referenceCount(value: unknown): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    for (const key in v) {
      count++;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) stack.push(item);
    }
  }
  return count;
}

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (depth > 6 || r < 0.3) return [1, 'a', null, true, {}, []][Math.floor(random() * 6)];
  if (r < 0.6) return Array.from({ length: Math.floor(random() * 5) }, () => randomValue(random, depth + 1));
  return Object.fromEntries(Array.from({ length: Math.floor(random() * 5) }, (_, i) => [`k${i}`, randomValue(random, depth + 1)]));
}

test('countMembers counts as the walk with a fresh stack did', () => {
  const values: unknown[] = [];
  for (const line of [...fixtureLines(), ...generatedLines(200, 9)]) {
    try {
      values.push(JSON.parse(line.replace(/^\uFEFF/, '')));
    } catch {
      // not JSON
    }
  }
  const random = mulberry32(11);
  for (let i = 0; i < 2000; i++) values.push(randomValue(random, 0));
  let deep: unknown = { end: 1 };
  for (let i = 0; i < 5000; i++) deep = [{ a: deep }];
  values.push(deep, null, 3, 'x', [], {});
  let total = 0;
  for (const value of values) {
    const expected = referenceCount(value);
    assert.equal(countMembers(value), expected);
    total += expected;
  }
  assert.ok(total > 10000, `members counted: ${total}`);
});

test('a walk that threw leaves nothing for the next', () => {
  const throwing = new Proxy({}, { ownKeys: () => { throw new Error('no keys'); } });
  const value = { a: [{ b: 1 }, { c: { d: 2 } }], e: 3 };
  assert.throws(() => countMembers([{ x: [1, { y: 2 }] }, { z: 1 }, throwing]));
  assert.equal(countMembers(value), 5);
  assert.equal(countMembers(1), 0);
});
