// ExactKeys (exactKeys.ts) writes values in key orders fixed per run instead of sorted ones: it
// must group exactly the examples that canonical keys (exampleKey) group, whatever the key
// orders, nesting and number of key sets, and with declarations shared or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { exampleKey } from '../../../core/stats/duplicates.ts';
import { ExactKeys } from '../../../core/stats/exactKeys.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { SharedDeclarationsReader } from '../../../core/stats/sharedDeclarations.ts';

let state = 5;
const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);

/** The same JSON value with every object's keys in a random order. */
function shuffled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffled);
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return Object.fromEntries(keys.map((k) => [k, shuffled((value as Record<string, unknown>)[k])]));
}

function* fixtureLines(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* fixtureLines(file);
    else if (name.endsWith('.jsonl')) yield* readFileSync(file, 'utf8').split('\n');
  }
}

/** Which earlier item each item equals (its own index when none), by a key function. */
function groups<T>(items: T[], key: (item: T) => string): number[] {
  const first = new Map<string, number>();
  return items.map((item, i) => {
    const k = key(item);
    if (!first.has(k)) first.set(k, i);
    return first.get(k)!;
  });
}

const hex = (digest: Uint8Array) => Buffer.from(digest).toString('hex');
const asExample = (value: Record<string, unknown>, line = 1): Example => ({ line, value, messages: (value.messages ?? []) as Example['messages'] });

test('ExactKeys groups fixture lines, their copies with keys reordered and with one value changed exactly as canonical keys do', () => {
  const values: Record<string, unknown>[] = [];
  for (const line of fixtureLines(path.join(__dirname, '../../fixtures'))) {
    const example = readExample({ index: 0, text: line });
    if (typeof example === 'string') continue;
    values.push(example.value);
    values.push(shuffled(example.value) as Record<string, unknown>);
    const changed = structuredClone(example.value) as { messages: unknown[] };
    changed.messages.push({ role: 'user', content: 'one more' });
    values.push(shuffled(changed) as Record<string, unknown>);
  }
  // Shuffle the order the keys are met in, too: the first order met decides each set's order.
  for (let i = values.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [values[i], values[j]] = [values[j], values[i]];
  }
  const keys = new ExactKeys();
  const expected = groups(values, (v) => exampleKey(asExample(v)));
  assert.deepEqual(groups(values, (v) => hex(keys.key(asExample(v)))), expected);
  const grouped = expected.filter((g, i) => g !== i).length;
  assert.ok(values.length > 600 && grouped > values.length / 4, `${values.length} values, ${grouped} equal to an earlier one`);
});

test('ExactKeys: key order at every depth and in arrays is ignored; values, array order and nesting past 64 levels are not', () => {
  const keys = new ExactKeys();
  const key = (value: Record<string, unknown>) => hex(keys.key(asExample(value)));
  const a = { messages: [{ role: 'user', content: 'hi', extra: { b: 1, a: [1, { y: 2, x: 3 }] } }], weight: 1 };
  const b = { weight: 1, messages: [{ extra: { a: [1, { x: 3, y: 2 }], b: 1 }, content: 'hi', role: 'user' }] };
  assert.equal(key(b), key(a));
  assert.equal(key(a), key(JSON.parse(JSON.stringify(b))));
  assert.notEqual(key({ ...a, weight: 2 }), key(a));
  assert.notEqual(key({ messages: [{ role: 'user', content: 'hi', extra: { b: 1, a: [{ y: 2, x: 3 }, 1] } }], weight: 1 }), key(a));
  assert.notEqual(key({ messages: a.messages }), key(a));
  // A string that looks like JSON is not the JSON it spells.
  assert.notEqual(key({ messages: [], x: '{"a":1}' }), key({ messages: [], x: { a: 1 } }));
  // 150 levels: written as canonical JSON, reordered copies still equal, a change at the bottom not.
  const deep = (bottom: Record<string, unknown>) => {
    let v: unknown = bottom;
    for (let i = 0; i < 150; i++) v = i % 2 ? [v] : { z: 0, inner: v };
    return v;
  };
  const d1 = { messages: [], deep: deep({ p: 1, q: 2 }) };
  const d2 = shuffled({ deep: deep({ q: 2, p: 1 }), messages: [] }) as Record<string, unknown>;
  assert.equal(key(d2), key(d1));
  assert.notEqual(key({ messages: [], deep: deep({ p: 1, q: 3 }) }), key(d1));
  // The same value not nested past the limit is another value with another key.
  assert.notEqual(key({ messages: [], deep: { p: 1, q: 2 } }), key(d1));
});

test('ExactKeys: past its held key sets and key lists, new sets take sorted order and still group as canonical keys do', () => {
  const values: Record<string, unknown>[] = [];
  for (let i = 0; i < 400; i++) {
    const object = { [`k${i}`]: i, [`j${i % 7}`]: 'x', a: [i % 3] };
    values.push({ messages: [], o: object }, shuffled({ messages: [], o: object }) as Record<string, unknown>, { messages: [], o: { ...object, a: [i % 3, 0] } });
  }
  for (const [sets, lists] of [[10, 20], [0, 0], [1_000, 5]]) {
    const keys = new ExactKeys(sets, lists);
    assert.deepEqual(
      groups(values, (v) => hex(keys.key(asExample(v)))),
      groups(values, (v) => exampleKey(asExample(v))),
      `${sets} sets, ${lists} lists`,
    );
  }
});

test('ExactKeys: declarations, shared between lines or not, in any key order, count as their canonical key', () => {
  const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } } }];
  const reordered = [{ function: { parameters: { properties: { a: { type: 'string' } }, type: 'object' }, name: 'f' }, type: 'function' }];
  const lines = [
    JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], tools }),
    JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], tools: reordered }),
    JSON.stringify({ tools, messages: [{ content: 'hi', role: 'user' }] }),
    JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], tools: [] }),
    JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], functions: [tools[0].function] }),
    JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], tools: '#' }),
    JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], tools }),
  ];
  const reader = new SharedDeclarationsReader();
  const shared = lines.map((text, index) => reader.read({ index, text }) as Example);
  assert.equal(reader.reused, 1); // the last line's array is the first line's object
  const plain = lines.map((text, index) => readExample({ index, text }) as Example);
  const keys = new ExactKeys();
  const expected = groups(plain, exampleKey);
  assert.deepEqual(expected, [0, 0, 0, 3, 4, 5, 0]);
  assert.deepEqual(groups(shared, (e) => hex(keys.key(e))), expected);
  assert.deepEqual(groups(plain, (e) => hex(keys.key(e))), expected);
});
