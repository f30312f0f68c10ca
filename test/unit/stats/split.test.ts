import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitLines } from '../../../core/dataset/lines.ts';
import { classify } from '../../../core/stats/category.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { mulberry32, splitDataset } from '../../../core/stats/split.ts';

const call = (id: string, name: string) => ({ id, type: 'function', function: { name, arguments: '{}' } });
function line(kind: 'single' | 'multi' | 'none' | 'recovery', i: number): string {
  const user = { role: 'user', content: `request ${kind} number ${i}` };
  if (kind === 'none') return JSON.stringify({ messages: [user, { role: 'assistant', content: `answer ${i}` }] });
  if (kind === 'single') return JSON.stringify({ messages: [user, { role: 'assistant', tool_calls: [call('a', 'f')] }] });
  if (kind === 'multi') return JSON.stringify({ messages: [user, { role: 'assistant', tool_calls: [call('a', 'f'), call('b', 'g')] }] });
  return JSON.stringify({ messages: [user, { role: 'assistant', weight: 0, tool_calls: [call('a', 'f')] }, { role: 'tool', tool_call_id: 'a', content: 'Error' }, { role: 'assistant', tool_calls: [call('b', 'f')] }] });
}
// 20 single, 10 multi, 5 recovery, 5 no-call, interleaved.
const kinds = [...Array(20).fill('single'), ...Array(10).fill('multi'), ...Array(5).fill('recovery'), ...Array(5).fill('none')] as const;
const text = kinds.map((k, i) => line(k, i)).join('\n') + '\n';

test('mulberry32 is deterministic and in [0, 1)', () => {
  const a = mulberry32(7);
  const b = mulberry32(7);
  const xs = Array.from({ length: 5 }, () => a());
  assert.deepEqual(xs, Array.from({ length: 5 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  assert.notDeepEqual(xs, Array.from({ length: 5 }, mulberry32(8)));
  // The reference sequence of mulberry32 seeded with 1 (first value 0.6270739405881613).
  assert.equal(mulberry32(1)(), 0.6270739405881613);
});

test('stratified by category with exact counts per side', () => {
  const result = splitDataset(splitLines(text), { ratio: 0.8, seed: 1 });
  assert.deepEqual(result.byCategory, {
    'single-call': { train: 16, validation: 4 },
    'error-recovery': { train: 4, validation: 1 },
    'multi-step': { train: 8, validation: 2 },
    'no-call': { train: 4, validation: 1 },
  });
  assert.equal(result.train.length, 32);
  assert.equal(result.validation.length, 8);
  assert.deepEqual(result.invalid, []);
  assert.deepEqual([...result.train, ...result.validation].sort((a, b) => a - b), kinds.map((_, i) => i));
  assert.deepEqual(result.train, [...result.train].sort((a, b) => a - b));
});

test('deterministic by seed; another seed gives another split', () => {
  const a = splitDataset(splitLines(text), { seed: 3 });
  assert.deepEqual(splitDataset(splitLines(text), { seed: 3 }), a);
  assert.notDeepEqual(splitDataset(splitLines(text), { seed: 4 }).validation, a.validation);
});

test('exact copies stay on one side; invalid and blank lines go nowhere', () => {
  const copy = line('single', 0);
  const withCopies = [copy, copy, copy, ...kinds.slice(1).map((k, i) => line(k, i + 1)), '', 'not json', copy.replace('{"messages"', '{ "messages"')].join('\n');
  for (let seed = 0; seed < 20; seed++) {
    const result = splitDataset(splitLines(withCopies), { seed });
    const copies = [0, 1, 2, 44];
    const inTrain = copies.filter((i) => result.train.includes(i)).length;
    assert.ok(inTrain === 0 || inTrain === 4, `seed ${seed}: copies split ${inTrain}/4`);
    assert.deepEqual(result.invalid, [43]);
    assert.equal(result.train.length + result.validation.length, 43);
    assert.equal(result.train.filter((i) => result.validation.includes(i)).length, 0);
  }
});

test('the mixed fixture: each category split, copies together', () => {
  const mixed = readFileSync(join(__dirname, '../../fixtures/stats/mixed.jsonl'), 'utf8');
  const result = splitDataset(splitLines(mixed), { ratio: 0.5, seed: 42 });
  const lines = [...splitLines(mixed)];
  const category = (i: number) => classify(readExample(lines[i]) as Example).category;
  assert.equal(result.train.includes(0), result.train.includes(1));
  for (const c of ['single-call', 'error-recovery', 'multi-step', 'no-call'] as const) {
    assert.ok(result.train.some((i) => category(i) === c), `${c} in train`);
  }
  assert.deepEqual(result.invalid, [9, 11]);
});

test('ratio outside (0, 1) is refused', () => {
  assert.throws(() => splitDataset(splitLines(text), { ratio: 1 }), RangeError);
  assert.throws(() => splitDataset(splitLines(text), { ratio: 0 }), RangeError);
});
