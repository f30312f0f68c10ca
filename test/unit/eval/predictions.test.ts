// The predictions table holds each prediction packed (core/eval/predictions.ts): what it gives
// back is what was read, for every key, including keys past the packed numeric range and pairs
// whose numbers would collide if the turn were not bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PredictionTable, type Prediction } from '../../../core/eval/predictions.ts';
import { mulberry32 } from '../../../core/random.ts';

const call = (name: string, args: string) => ({ id: 'c', type: 'function', function: { name, arguments: args } });

test('get gives back each prediction read, and nothing for keys not read', () => {
  const random = mulberry32(7);
  const table = new PredictionTable();
  const read: Prediction[] = [];
  const names = ['get_weather', 'book_flight', 'a.b.c', ''];
  for (let n = 0; n < 2000; n++) {
    const line = 1 + Math.floor(random() * 400);
    const turn = Math.floor(random() * 6);
    const calls = Array.from({ length: Math.floor(random() * 4) }, (_, c) => call(names[Math.floor(random() * names.length)]!, `{"x": ${n}, "c": ${c}}`));
    const content = random() < 0.3 ? `text ${n}` : random() < 0.5 ? null : undefined;
    const p = table.add(JSON.stringify({ line, turn, tool_calls: calls.length || random() < 0.5 ? calls : null, content }), n + 1);
    if (p) read.push(p);
  }
  assert.equal(read.length, table.size);
  assert.equal(read.length + table.errors.length, 2000);
  // Repeats of a key are the only errors here.
  assert.deepEqual(new Set(table.errors.map((e) => e.message.replace(/\d+/g, 'N'))), new Set(['A prediction for line N, turn N was already given.']));
  for (const p of read) assert.deepEqual(table.get(p.line, p.turn), p);
  const held = new Set(read.map((p) => `${p.line}:${p.turn}`));
  for (let line = 0; line <= 401; line++) for (let turn = 0; turn < 7; turn++) if (!held.has(`${line}:${turn}`)) assert.equal(table.get(line, turn), undefined);
});

test('keys past the packed range are held apart, and never meet a packed key', () => {
  const table = new PredictionTable();
  // Packed keys are line * 64 + turn below line 2**24: (1, 64) would be (2, 0), (2**24, 0) would be (2**24 - 1, 64).
  const keys: [number, number][] = [[1, 64], [2, 0], [1, 63], [1, 65536], [1, 0], [2 ** 24 - 1, 63], [2 ** 24 - 1, 64], [2 ** 24, 0], [2 ** 36, 1], [2 ** 53, 3], [1, 2 ** 40]];
  keys.forEach(([line, turn], k) => table.add(JSON.stringify({ line, turn, tool_calls: [call('f', `{"k": ${k}}`)] }), k + 1));
  assert.deepEqual(table.errors, []);
  assert.equal(table.size, keys.length);
  keys.forEach(([line, turn], k) => assert.deepEqual(table.get(line, turn), { line, turn, calls: [{ name: 'f', arguments: `{"k": ${k}}` }], content: null }));
  assert.equal(table.get(1, 65537), undefined);
  assert.equal(table.get(3, 0), undefined);
  table.add(JSON.stringify({ line: 1, turn: 65536 }), 7);
  assert.deepEqual(table.errors, [{ line: 7, message: 'A prediction for line 1, turn 65536 was already given.' }]);
});
