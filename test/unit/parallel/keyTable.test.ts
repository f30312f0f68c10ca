// Declaration keys cross the thread boundary as ids into a table both sides grow: decoding what
// was encoded must give back the facts exactly, across messages and across a table reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyDecoder, KeyEncoder, type ChunkResult } from '../../../core/parallel/validateWorker.ts';

const declaration = (name: string, key: string, index = 0) => ({ name, key, namePath: ['tools', index, 'function', 'name'] });
const result = (id: number, keys: string[][]): ChunkResult => ({
  id,
  diagnostics: [],
  facts: keys.map((line) => (line.length ? { isExample: true, contentKey: `c${id}`, declarations: line.map((k, i) => declaration(`f${i}`, k, i)) } : { isExample: false })),
});

test('keys are sent once and decoded back exactly, message after message', () => {
  const encoder = new KeyEncoder();
  const decoder = new KeyDecoder();
  const first = result(0, [['{"a":1}', '{"b":2}'], [], ['{"a":1}']]);
  const second = result(1, [['{"b":2}', '{"c":3}']]);
  const wire1 = encoder.encode(first);
  const wire2 = encoder.encode(second);
  assert.deepEqual(wire1.keys, ['{"a":1}', '{"b":2}']);
  assert.deepEqual(wire2.keys, ['{"c":3}']);
  assert.deepEqual(wire2.facts[0].declarations?.map((d) => d.key), [1, 2]);
  assert.deepEqual(decoder.decode(structuredClone(wire1)), first);
  assert.deepEqual(decoder.decode(structuredClone(wire2)), second);
});

test('a full table starts over on both sides', () => {
  const encoder = new KeyEncoder();
  const decoder = new KeyDecoder();
  const many = result(0, [Array.from({ length: 50_001 }, (_, i) => `k${i}`)]);
  assert.deepEqual(decoder.decode(structuredClone(encoder.encode(many))), many);
  const after = result(1, [['k7', 'new']]);
  const wire = encoder.encode(after);
  assert.equal(wire.reset, true);
  assert.deepEqual(wire.keys, ['k7', 'new']);
  assert.deepEqual(decoder.decode(structuredClone(wire)), after);
});
