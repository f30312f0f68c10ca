// flatErrors words ajv's errors for calls of flat subset schemas without compiling them: held to
// ajv's own compile (ajvPool.ts's options) on random flat schemas and random calls, where every
// error kind, several at once, odd property names and key orders occur; and no ajv compile happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatErrors, isFlat } from '../../../core/schema/flatErrors.ts';
import { inFastSubsetIgnoring } from '../../../core/schema/fastSubset.ts';
import { compileParameters } from '../../../core/schema/compileParameters.ts';
import { AjvPool } from '../../../core/schema/ajvPool.ts';
import { SchemaCache } from '../../../core/schema/index.ts';
import { mulberry32 } from '../../../core/random.ts';

const NAMES = ['a', 'b', 'location', '', '0', '12', 'a/b', 'a~b', "it's", 'ü', 'constructor', 'toString', 'x y', 'q"r', 'back\\slash'];
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array'];
const VALUES: unknown[] = [null, true, false, 0, 1, -3, 2.5, 1e21, '', 'x', '12', [], [1, 2], ['a', 1, null, true], [[1]], [{}], {}, { a: 1 }];

function randomSchema(random: () => number): Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const properties: Record<string, unknown> = {};
  const count = Math.floor(random() * 14); // past 8 names ajv checks additional keys another way
  for (let i = 0; i < count; i++) {
    const type = pick(TYPES);
    const leaf: Record<string, unknown> = random() < 0.15 ? {} : { type };
    if (type === 'array' && random() < 0.6) leaf.items = { type: pick(TYPES.slice(0, 5)), ...(random() < 0.3 ? { description: 'item' } : {}) };
    if (random() < 0.5) leaf.description = 'd';
    if (random() < 0.2) leaf.optional = true;
    if (random() < 0.1) leaf.default = pick(VALUES);
    properties[pick(NAMES)] = leaf;
  }
  const names = Object.keys(properties);
  const schema: Record<string, unknown> = { type: 'object', properties };
  if (random() < 0.7 && names.length > 0) schema.required = names.filter(() => random() < 0.6).sort(() => random() - 0.5);
  if (random() < 0.6) schema.additionalProperties = random() < 0.7 ? false : true;
  if (random() < 0.2) schema.description = 'root';
  return schema;
}

function randomCall(random: () => number, schema: Record<string, unknown>): unknown {
  if (random() < 0.03) return VALUES[Math.floor(random() * VALUES.length)];
  const names = [...Object.keys(schema.properties as object), ...NAMES.slice(0, 4), 'extra'];
  const call: Record<string, unknown> = {};
  for (const name of names.sort(() => random() - 0.5)) if (random() < 0.5) call[name] = VALUES[Math.floor(random() * VALUES.length)];
  return call;
}

test('flatErrors equals ajv\'s errors on random flat schemas and calls, with no ajv compile', () => {
  const random = mulberry32(18);
  const pool = new AjvPool();
  let schemas = 0;
  let calls = 0;
  let errors = 0;
  const kinds = new Set<string>();
  for (let s = 0; s < 300; s++) {
    const schema = randomSchema(random);
    const ignored = inFastSubsetIgnoring(schema);
    if (ignored === undefined || !isFlat(schema, ignored)) continue;
    schemas++;
    const byAjv = compileParameters(schema, pool);
    const cache = new SchemaCache();
    const compiled = cache.compile(schema);
    assert.deepEqual(compiled.problems, byAjv.problems);
    const odd = [JSON.parse('{"__proto__":1,"a":"x","b":[1,"2"]}'), JSON.parse('{"constructor":[],"toString":null}')];
    for (let c = 0; c < 42; c++) {
      const call = c < 40 ? randomCall(random, schema) : odd[c - 40];
      const expected = byAjv.validate!(call);
      assert.deepEqual(compiled.validate!(call), expected, `${JSON.stringify(schema)} ${JSON.stringify(call)}`);
      assert.deepEqual(flatErrors(schema, call), expected, `${JSON.stringify(schema)} ${JSON.stringify(call)}`);
      calls++;
      errors += expected.length;
      for (const error of expected) kinds.add(`${error.keyword}@${error.instancePath.length}`);
    }
    assert.equal(cache.ajvCompileCount, 0);
  }
  assert.deepEqual([...kinds].sort(), ['additionalProperties@0', 'required@0', 'type@0', 'type@1', 'type@2']);
  // Pinned, so that the comparison cannot silently shrink.
  assert.deepEqual({ schemas, calls, errors }, { schemas: 281, calls: 11802, errors: 41644 });
});

test('schemas with anything else that can fail are not flat: ajv words their errors', () => {
  const base = { type: 'object', properties: { a: { type: 'string' } } };
  const notFlat: [string, Record<string, unknown>][] = [
    ['a length limit', { type: 'object', properties: { a: { type: 'string', minLength: 1 } } }],
    ['an enum', { type: 'object', properties: { a: { type: 'string', enum: ['x'] } } }],
    ['a const', { type: 'object', properties: { a: { const: 1 } } }],
    ['a union type', { type: 'object', properties: { a: { type: ['string', 'null'] } } }],
    ['a nested object', { type: 'object', properties: { a: { type: 'object', properties: {} } } }],
    ['an additionalProperties schema', { ...base, additionalProperties: { type: 'string' } }],
    ['minProperties', { ...base, minProperties: 1 }],
    ['array items of arrays', { type: 'object', properties: { a: { type: 'array', items: { type: 'array' } } } }],
    ['array items with a limit', { type: 'object', properties: { a: { type: 'array', items: { type: 'integer', minimum: 0 } } } }],
    ['a boolean property schema', { type: 'object', properties: { a: false } }],
    ['no properties', { type: 'object' }],
  ];
  for (const [why, schema] of notFlat) assert.equal(isFlat(schema, inFastSubsetIgnoring(schema) ?? ''), false, why);
  assert.equal(isFlat({ ...base, required: ['a'], additionalProperties: false, optional: [] }, 'optional'), true);
  const cache = new SchemaCache();
  const compiled = cache.compile(notFlat[0][1]);
  assert.deepEqual(compiled.validate!({ a: '' }).map((e) => e.keyword), ['minLength']);
  assert.equal(cache.ajvCompileCount, 1);
});
