import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextCache } from '../../../core/textCache.ts';
import { exampleKey } from '../../../core/stats/duplicates.ts';
import { canonicalKey } from '../../../core/schema/canonical.ts';
import type { Example } from '../../../core/stats/example.ts';

test('TextCache computes each distinct text once while it fits, long texts included', () => {
  const cache = new TextCache<number>(1_000);
  const long = 'x'.repeat(600); // keyed by its hash: holding it costs 28 characters
  const computed: string[] = [];
  const length = (t: string) => (computed.push(t), t.length);
  for (let i = 0; i < 50; i++) {
    assert.equal(cache.get('system prompt', length), 13);
    assert.equal(cache.get(long, length), 600);
    assert.equal(cache.get(long + 'y', length), 601);
  }
  assert.deepEqual(computed.map((t) => t.length), [13, 600, 601]);
  assert.equal(cache.misses, 3);
});

test('TextCache is bounded by characters: the oldest generation is dropped, a text seen again moves back', () => {
  const cache = new TextCache<string>(10);
  const id = (t: string) => t;
  cache.get('aaaa', id); // young: aaaa (4)
  cache.get('bbbb', id); // young: aaaa bbbb (8)
  cache.get('cccc', id); // 12 > 10: old = {aaaa, bbbb}, young = {cccc}
  assert.equal(cache.misses, 3);
  cache.get('aaaa', id); // hit in old, moved to young: {cccc, aaaa}
  assert.equal(cache.misses, 3);
  cache.get('dddd', id); // 12 > 10: old = {cccc, aaaa}, young = {dddd}; bbbb dropped
  cache.get('bbbb', id);
  assert.equal(cache.misses, 5);
  cache.get('aaaa', id);
  assert.equal(cache.misses, 5);
});

const example = (value: Record<string, unknown>): Example => ({ line: 1, value, messages: value.messages as Example['messages'] });

test('exampleKey: equal JSON gives equal keys whatever the key order; other tools or messages give other keys', () => {
  const tools = [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } } }];
  const reordered = [{ function: { parameters: { properties: { a: { type: 'string' } }, type: 'object' }, name: 'f' }, type: 'function' }];
  const messages = [{ role: 'user', content: 'hi' }];
  const a = exampleKey(example({ messages, tools }));
  assert.equal(exampleKey(example({ tools: reordered, messages })), a);
  assert.notEqual(exampleKey(example({ messages, tools: [{ ...tools[0], type: 'other' }] })), a);
  assert.notEqual(exampleKey(example({ messages: [{ role: 'user', content: 'hi!' }], tools })), a);
  // The declarations stand in as "#" + their own key: never the key of a line holding that text.
  const marker = '#' + canonicalKey(tools);
  assert.notEqual(exampleKey(example({ messages, tools: marker })), a);
  // Without declarations the key is the plain canonical key.
  assert.equal(exampleKey(example({ messages })), canonicalKey({ messages }));
});

test('TextCache lookup and set: set after a failed lookup holds the value; chargeTextLength bounds by text length', () => {
  const byKey = new TextCache<number>(100);
  const byText = new TextCache<number>(1_000, { chargeTextLength: true });
  const long = 'y'.repeat(400); // keyed by its hash in both
  for (const cache of [byKey, byText]) {
    assert.equal(cache.lookup(long), undefined);
    cache.set(long, 1);
    assert.equal(cache.lookup(long), 1);
    assert.equal(cache.lookup('y'.repeat(400)), 1); // an equal text, another string
    assert.equal(cache.misses, 0); // misses count `get`'s computations only
  }
  // 28 characters each by key: all four and the first long text fit in two generations of 100.
  // By text length, 400 each against 1,000: "b" starts a generation (old: the first long text and
  // "a"), "d" another (old: "b" and "c"), so "a" is gone and the others are found.
  const texts = ['a', 'b', 'c', 'd'].map((c) => c.repeat(400));
  for (const cache of [byKey, byText]) texts.forEach((t, i) => cache.set(t, i));
  assert.deepEqual(texts.map((t) => byKey.lookup(t)), [0, 1, 2, 3]);
  assert.deepEqual(texts.map((t) => byText.lookup(t)), [undefined, 1, 2, 3]);
});

test('TextCache with keyByText: long texts cut from different lines find one entry; a text one character away does not', () => {
  const cache = new TextCache<number>(3_000, { chargeTextLength: true, keyByText: true });
  const tools = '[' + '{"type":"function","function":{"name":"f"}},'.repeat(20) + '{}]';
  const lineA = `{"messages":[],"tools":${tools}}`;
  const lineB = `{"messages":[{"role":"user","content":"hi"}],"tools":${tools}}`;
  const cut = (line: string) => line.slice(line.indexOf('"tools":') + 8, line.length - 1);
  assert.equal(cut(lineA), tools);
  let computed = 0;
  const compute = (t: string) => (computed++, t.length);
  assert.equal(cache.get(cut(lineA), compute), tools.length);
  assert.equal(cache.get(cut(lineB), compute), tools.length);
  assert.equal(cache.lookup(tools.replace('"f"', '"g"')), undefined);
  assert.equal(computed, 1);
  // Charged by length (904 characters each, 3,000 per generation): ten more texts drop the first.
  for (const name of ['a', 'b', 'c', 'd', 'e', 'g', 'h', 'i', 'j', 'k']) cache.get(tools.replaceAll('"f"', `"${name}"`), compute);
  assert.equal(computed, 11);
  assert.equal(cache.lookup(cut(lineA)), undefined);
});
