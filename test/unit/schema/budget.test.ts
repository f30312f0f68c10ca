// Threat 2 (compile blow-ups): schemas over budget are refused before ajv sees them, fast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache, DEFAULT_BUDGET } from '../../../core/schema/index.ts';

/**
 * Runs `work` and checks it took less than `limitMs` times GENEROUS (a safety bound that load
 * cannot reach: an unbudgeted schema takes tens of seconds or overflows). The figure is printed;
 * the table's own bounds are timed by `npm run bench`.
 */
const GENEROUS = 10;
function within<T>(limitMs: number, work: () => T): T {
  const start = performance.now();
  const result = work();
  const elapsed = performance.now() - start;
  console.log(`took ${elapsed.toFixed(0)} ms (table bound ${limitMs} ms, asserted ${limitMs * GENEROUS} ms)`);
  assert.ok(elapsed < limitMs * GENEROUS, `took ${elapsed.toFixed(0)} ms, limit ${limitMs * GENEROUS} ms`);
  return result;
}

function nestedProperties(depth: number): unknown {
  let schema: unknown = { type: 'string' };
  for (let i = 0; i < depth; i++) schema = { type: 'object', properties: { a: schema } };
  return schema;
}

test('500-deep nested properties: a budget problem at the depth limit', () => {
  const compiled = within(1000, () => new SchemaCache().compile(nestedProperties(500)));
  assert.equal(compiled.validate, null);
  assert.equal(compiled.problems.length, 1);
  const [problem] = compiled.problems;
  assert.equal(problem.code, 'budget');
  assert.equal(problem.fatal, true);
  assert.equal(problem.message, 'The schema nests deeper than 64 levels; flatten it (tool parameters are rarely more than a few levels deep).');
  // The path leads to the first value at depth 64: 32 levels of properties.a.
  assert.deepEqual(problem.path, Array.from({ length: 32 }, () => ['properties', 'a']).flat());
});

test('a 30-level schema (deeper than any real tool) still compiles and validates', () => {
  const compiled = new SchemaCache().compile(nestedProperties(30));
  assert.deepEqual(compiled.problems, []);
  let args: unknown = 5;
  for (let i = 0; i < 30; i++) args = { a: args };
  const errors = compiled.validate!(args);
  assert.deepEqual(errors.map((e) => [e.keyword, e.instancePath.length]), [['type', 30]]);
});

test('5,000 properties: a budget problem on the properties map', () => {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < 5000; i++) properties[`p${i}`] = { type: 'string' };
  const compiled = within(1000, () => new SchemaCache().compile({ type: 'object', properties }));
  assert.deepEqual(compiled.problems, [{
    code: 'budget',
    message: 'The schema declares more than 2,000 properties in total; split the tool or simplify its parameters.',
    path: ['properties'],
    fatal: true,
  }]);
  assert.equal(compiled.validate, null);
});

test('a 30,000-value enum: a budget problem on the enum', () => {
  const values = Array.from({ length: 30_000 }, (_, i) => `v${i}`);
  const compiled = within(1000, () => new SchemaCache().compile({ type: 'object', properties: { v: { enum: values } } }));
  assert.deepEqual(compiled.problems, [{
    code: 'budget',
    message: 'This "enum" lists 30,000 values, more than the 10,000 allowed; list fewer values or describe them with a "pattern".',
    path: ['properties', 'v', 'enum'],
    fatal: true,
  }]);
});

test('a 5,000-value enum is within budget and compiles fast (the meta-schema uniqueItems is linear)', () => {
  const values = Array.from({ length: 5000 }, (_, i) => `v${i}`);
  const compiled = within(1000, () => new SchemaCache().compile({ enum: values }));
  assert.deepEqual(compiled.problems, []);
  assert.deepEqual(compiled.validate!('v4999'), []);
  assert.deepEqual(compiled.validate!('nope').map((e) => e.keyword), ['enum']);
});

test('uniqueItems over 20,000 objects validates in linear time', () => {
  const compiled = new SchemaCache().compile({ type: 'array', uniqueItems: true, items: { type: 'object' } });
  const items = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `n${i}` }));
  assert.deepEqual(within(1000, () => compiled.validate!(items)), []);
  // Key order does not matter for equality; the duplicate is reported with ajv's params and message.
  const withDuplicate = [...items, { name: 'n5', id: 5 }];
  assert.deepEqual(within(1000, () => compiled.validate!(withDuplicate)), [{
    keyword: 'uniqueItems',
    instancePath: [],
    params: { i: 20_000, j: 5 },
    message: 'must NOT have duplicate items (items ## 5 and 20000 are identical)',
  }]);
});

test('uniqueItems keeps JSON equality: 1 and "1" differ, nested objects compare by value', () => {
  const compiled = new SchemaCache().compile({ type: 'array', uniqueItems: true });
  assert.deepEqual(compiled.validate!([1, '1', true, 'true', null, 'null', [1], { a: [1] }]), []);
  assert.deepEqual(compiled.validate!([{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }]).map((e) => e.params), [{ i: 1, j: 0 }]);
});

test('a long anyOf list, too many objects, and a huge schema text are budget problems', () => {
  const cache = new SchemaCache();
  const anyOf = cache.compile({ anyOf: Array.from({ length: 4000 }, (_, i) => ({ const: i })) });
  assert.deepEqual(anyOf.problems.map((p) => [p.code, p.path, p.message]), [[
    'budget', ['anyOf'], 'This "anyOf" lists 4,000 schemas, more than the 500 allowed; merge alternatives or split the tool.',
  ]]);
  const manyObjects = { type: 'object', properties: Object.fromEntries(Array.from({ length: 1600 }, (_, i) => [`p${i}`, { type: 'array', items: { type: 'string' } }])) };
  assert.deepEqual(cache.compile(manyObjects).problems.map((p) => p.code), ['budget']);
  assert.deepEqual(cache.compile({ description: 'x'.repeat(DEFAULT_BUDGET.maxChars) }).problems.map((p) => [p.code, p.path]), [['budget', ['description']]]);
});

test('budgets can be lowered per cache', () => {
  const cache = new SchemaCache({ budget: { maxProperties: 2 } });
  const compiled = cache.compile({ type: 'object', properties: { a: {}, b: {}, c: {} } });
  assert.deepEqual(compiled.problems.map((p) => p.message), ['The schema declares more than 2 properties in total; split the tool or simplify its parameters.']);
});
