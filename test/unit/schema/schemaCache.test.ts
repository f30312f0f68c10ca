// Threat 3 (memory growth): one compile per distinct schema, and a bounded cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache } from '../../../core/schema/index.ts';
import { sharedAjvPool } from '../../../core/schema/schemaCache.ts';

test('10,000 compiles of the same schema (keys in any order) compile once', () => {
  const cache = new SchemaCache();
  const first = cache.compile({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'] });
  for (let i = 0; i < 5000; i++) {
    cache.compile({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer' } }, required: ['a'] });
    cache.compile({ required: ['a'], properties: { b: { type: 'integer' }, a: { type: 'string' } }, type: 'object' });
  }
  assert.deepEqual(cache.stats, { compiles: 1, hits: 10_000, size: 1 });
  // The cached result is the same frozen object.
  const again = cache.compile({ required: ['a'], type: 'object', properties: { b: { type: 'integer' }, a: { type: 'string' } } });
  assert.equal(again, first);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first.problems));
});

test('10,000 distinct schemas never hold more than maxEntries', () => {
  const cache = new SchemaCache({ maxEntries: 100 });
  let largest = 0;
  for (let i = 0; i < 10_000; i++) {
    cache.compile({ type: 'object', properties: { [`p${i}`]: { type: 'string' } } });
    largest = Math.max(largest, cache.stats.size);
  }
  assert.equal(largest, 100);
  assert.deepEqual(cache.stats, { compiles: 10_000, hits: 0, size: 100 });
});

test('least recently used entries are evicted first', () => {
  const cache = new SchemaCache({ maxEntries: 2 });
  const a = { type: 'string' };
  const b = { type: 'number' };
  const c = { type: 'boolean' };
  cache.compile(a);
  cache.compile(b);
  cache.compile(a); // a is now the most recently used
  cache.compile(c); // evicts b
  assert.deepEqual(cache.stats, { compiles: 3, hits: 1, size: 2 });
  cache.compile(a);
  assert.equal(cache.stats.hits, 2);
  cache.compile(b);
  assert.equal(cache.stats.compiles, 4);
});

test('array order is significant in the cache key', () => {
  const cache = new SchemaCache();
  const ab = cache.compile({ enum: ['a', 'b'] });
  const ba = cache.compile({ enum: ['b', 'a'] });
  assert.notEqual(ab, ba);
  assert.equal(cache.stats.compiles, 2);
});

test('a valid call returns [] and errors carry ajv keyword, path, params and message', () => {
  const compiled = new SchemaCache().compile({
    type: 'object',
    properties: {
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'array', items: { type: 'integer', minimum: 1 } },
    },
    required: ['unit'],
    additionalProperties: false,
  });
  assert.deepEqual(compiled.validate!({ unit: 'celsius', days: [1, 2] }), []);
  assert.deepEqual(compiled.validate!({ unit: 'kelvin', days: [1, 0], extra: true }), [
    { keyword: 'additionalProperties', instancePath: [], params: { additionalProperty: 'extra' }, message: 'must NOT have additional properties' },
    { keyword: 'enum', instancePath: ['unit'], params: { allowedValues: ['celsius', 'fahrenheit'] }, message: 'must be equal to one of the allowed values' },
    { keyword: 'minimum', instancePath: ['days', 1], params: { comparison: '>=', limit: 1 }, message: 'must be >= 1' },
  ]);
});

test('object keys that look like numbers stay strings; "/" and "~" in keys are decoded', () => {
  const compiled = new SchemaCache().compile({
    type: 'object',
    properties: { '0': { type: 'string' }, 'a/b~c': { type: 'string' } },
  });
  assert.deepEqual(compiled.validate!({ '0': 1, 'a/b~c': 2 }).map((e) => e.instancePath), [['0'], ['a/b~c']]);
});

test('non-schema values are refused with one invalid-schema problem', () => {
  const cache = new SchemaCache();
  for (const [value, kind] of [[undefined, 'undefined'], [null, 'null'], [[], 'an array'], ['object', 'a string'], [3, 'a number']] as const) {
    assert.deepEqual(cache.compile(value).problems, [{
      code: 'invalid-schema',
      message: `The parameters schema must be a JSON object (or true/false), not ${kind}.`,
      path: [],
      fatal: true,
    }]);
  }
  assert.deepEqual(cache.compile(true).validate!(1), []);
  assert.deepEqual(cache.compile(false).validate!(1).map((e) => e.keyword), ['false schema']);
});

test('the input schema is never mutated', () => {
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { s: { type: 'string', pattern: '(?=x)', format: 'nonsense' } } };
  const before = JSON.stringify(schema);
  new SchemaCache().compile(schema);
  assert.equal(JSON.stringify(schema), before);
});

test('every cache of the thread compiles with the same ajv instances (a new document pays no instance start-up)', () => {
  // A schema outside the fast subset (a pattern) goes to ajv; each cache stands for one open document.
  const schema = (n: number) => ({ type: 'object', properties: { q: { type: 'string', pattern: `^doc${n}` } } });
  new SchemaCache().compile(schema(0));
  const created = sharedAjvPool.created;
  for (let n = 1; n <= 5; n++) {
    const compiled = new SchemaCache().compile(schema(n));
    assert.deepEqual(compiled.validate!({ q: `doc${n}x` }), []);
    assert.equal(compiled.validate!({ q: 'nope' }).length, 1);
  }
  assert.equal(sharedAjvPool.created, created);
});
