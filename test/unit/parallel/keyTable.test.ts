// Declaration keys cross the thread boundary as ids into a table both sides grow: decoding what
// was encoded must give back the facts exactly, across messages and across a table reset.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyDecoder, KeyEncoder, type ChunkResult } from '../../../core/parallel/validateWorker.ts';
import { lastMemberSource } from '../../../core/checks/toolSet.ts';

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

test('the raw text of a last `tools` member, and only of a top-level one', () => {
  const tools = '[{"type":"function","function":{"name":"f","description":"a ] } \\" [ {"}}]';
  assert.equal(lastMemberSource(`{"messages":[],"tools":${tools}}`, 'tools'), tools);
  assert.equal(lastMemberSource(`{"messages":[],"functions":[{"name":"f"}]}`, 'functions'), '[{"name":"f"}]');
  // Nested deeper, followed by spaces, or not last: no fast path.
  assert.equal(lastMemberSource('{"messages":[{"x":1,"tools":[1]}]}', 'tools'), undefined);
  assert.equal(lastMemberSource('{"tools":[1],"messages":[{"a":1,"tools":[2]}]}', 'tools'), undefined);
  assert.equal(lastMemberSource('{"messages":[], "tools": [1]}', 'tools'), undefined);
  assert.equal(lastMemberSource('{"messages":[],"tools":[1]} ', 'tools'), undefined);
  assert.equal(lastMemberSource('{"tools":[1],"messages":[]}', 'tools'), undefined);
  // A later duplicate key is the one JSON.parse keeps, and the one sliced.
  assert.equal(lastMemberSource('{"tools":[1],"messages":[],"tools":[2]}', 'tools'), '[2]');
});
