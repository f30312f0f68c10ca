// The plain-keyword subset answers "valid" without ajv; these tests hold it to ajv's answers and
// check that every admitted schema really compiles without a problem (strict mode included).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache } from '../../../core/schema/index.ts';
import { fastValid, inFastSubset } from '../../../core/schema/fastSubset.ts';
import { compileParameters } from '../../../core/schema/compileParameters.ts';
import { AjvPool } from '../../../core/schema/ajvPool.ts';

const ADMITTED: Record<string, unknown>[] = [
  { type: 'object', properties: {} },
  { type: 'object', properties: { a: { type: 'string', description: 'x', minLength: 1, maxLength: 3 } }, required: ['a'], additionalProperties: false },
  { type: 'object', properties: { n: { type: 'integer', minimum: 0, maximum: 10 }, x: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } } },
  { type: 'object', properties: { u: { type: 'string', enum: ['c', 'f'] }, k: { const: 3 }, e: { enum: [1, 'a', null, true] } } },
  { type: 'object', properties: { l: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 2 } } },
  { type: 'object', properties: { o: { type: ['object', 'null'], properties: { p: { type: 'boolean' } }, required: ['p'], additionalProperties: { type: 'integer' } } } },
  { type: 'object', properties: { any: {}, t: true }, additionalProperties: true, minProperties: 1, maxProperties: 2, title: 'T', default: {}, examples: [{}] },
  { type: 'object', properties: { s: { type: 'string', default: 'x', readOnly: true, $comment: 'c' } } },
];

const REFUSED: [string, Record<string, unknown>][] = [
  ['an unknown keyword', { type: 'object', properties: {}, foo: 1 }],
  ['properties without type object (strictTypes)', { properties: { a: { type: 'string' } } }],
  ['minLength next to type integer (strictTypes)', { type: 'object', properties: { a: { type: 'integer', minLength: 1 } } }],
  ['a required name not declared (strictRequired)', { type: 'object', properties: {}, required: ['a'] }],
  ['a pattern (RE2 checks)', { type: 'object', properties: { a: { type: 'string', pattern: '^a' } } }],
  ['a format', { type: 'object', properties: { a: { type: 'string', format: 'email' } } }],
  ['a tuple', { type: 'object', properties: { a: { type: 'array', items: [{ type: 'string' }] } } }],
  ['a $ref', { type: 'object', properties: { a: { $ref: '#/definitions/x' } }, definitions: { x: {} } }],
  ['an enum of objects', { type: 'object', properties: { a: { enum: [{ x: 1 }] } } }],
  ['an empty enum', { type: 'object', properties: { a: { enum: [] } } }],
  ['a non-standard type', { type: 'object', properties: { a: { type: 'dict' } } }],
  ['a negative minLength', { type: 'object', properties: { a: { type: 'string', minLength: -1 } } }],
  ['$schema', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }],
  ['anyOf', { type: 'object', properties: { a: { anyOf: [{ type: 'string' }] } } }],
  ['a __proto__ property', JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"}}}')],
];

test('every admitted schema is in the subset and compiles with ajv without any problem', () => {
  for (const schema of ADMITTED) {
    assert.equal(inFastSubset(schema), true, JSON.stringify(schema));
    assert.deepEqual(compileParameters(schema, new AjvPool()).problems, [], JSON.stringify(schema));
  }
});

test('schemas outside the subset are refused', () => {
  for (const [why, schema] of REFUSED) assert.equal(inFastSubset(schema), false, why);
});

const VALUES: unknown[] = [
  null, true, false, 0, -0, 1, 2.5, 3, 11, -1, 'c', 'f', '', 'ab', 'abcd', '😀😀😀', '😀😀😀😀', 'x',
  [], ['a'], ['a', 'b'], ['a', 'b', 'c'], [1], {}, { p: true }, { p: 1 }, { p: true, q: 2 }, { p: true, q: 'z' },
];

/** Objects built from every admitted schema's property names with every value above. */
function argumentSamples(schema: Record<string, unknown>): unknown[] {
  const names = [...Object.keys((schema.properties as object) ?? {}), 'other'];
  const samples: unknown[] = [...VALUES];
  for (const name of names) for (const value of VALUES) samples.push({ [name]: value });
  for (const value of VALUES) samples.push(Object.fromEntries(names.map((n) => [n, value])));
  samples.push(JSON.parse('{"__proto__": 1}'));
  return samples;
}

test('"valid" from the subset check always agrees with ajv, and the cache reports ajv\'s errors', () => {
  let fastAnswers = 0;
  for (const schema of ADMITTED) {
    const eager = compileParameters(schema, new AjvPool());
    const cache = new SchemaCache();
    const lazy = cache.compile(schema);
    assert.deepEqual(lazy.problems, []);
    for (const args of argumentSamples(schema)) {
      const expected = eager.validate!(args);
      if (fastValid(schema, args)) {
        fastAnswers++;
        assert.deepEqual(expected, [], `${JSON.stringify(schema)} ${JSON.stringify(args)}`);
      }
      assert.deepEqual(lazy.validate!(args), expected, `${JSON.stringify(schema)} ${JSON.stringify(args)}`);
    }
  }
  assert.ok(fastAnswers > 100);
});

test('ajv compiles a subset schema only when a call is not plainly valid, and once', () => {
  const cache = new SchemaCache();
  const compiled = cache.compile(ADMITTED[1]);
  assert.deepEqual(compiled.validate!({ a: 'ab' }), []);
  assert.equal(cache.ajvCompileCount, 0);
  assert.deepEqual(compiled.validate!({}).map((e) => e.keyword), ['required']);
  assert.deepEqual(compiled.validate!({ a: 1, b: 2 }).map((e) => e.keyword), ['additionalProperties', 'type']);
  assert.equal(cache.ajvCompileCount, 1);
  // Outside the subset, ajv compiles up front, so its strict-mode problems are known at once.
  const strict = cache.compile({ properties: { a: { type: 'string' } } });
  assert.equal(cache.ajvCompileCount, 2);
  assert.deepEqual(strict.problems.map((p) => p.code), ['strict-keyword']);
});
