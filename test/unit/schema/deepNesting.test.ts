// Threat 6: data nested thousands deep never crashes validate() or canonicalKey().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache, canonicalKey, normalizeTypes } from '../../../core/schema/index.ts';

function deepArrays(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

test('validate() on 6,000-deep data against a recursive schema returns an internal error instead of throwing', () => {
  const compiled = new SchemaCache().compile({ $ref: '#/definitions/list', definitions: { list: { type: 'array', items: { $ref: '#/definitions/list' } } } });
  assert.deepEqual(compiled.problems, []);
  assert.deepEqual(compiled.validate!(deepArrays(10)), []);
  // Deep enough to overflow ajv's recursion whatever the stack size.
  const errors = compiled.validate!(deepArrays(200_000));
  assert.deepEqual(errors, [{
    keyword: 'internal',
    instancePath: [],
    params: { error: 'RangeError' },
    message: 'the arguments are nested too deeply to validate (the call stack overflowed); nest them less deeply',
  }]);
  // Still usable afterwards.
  assert.deepEqual(compiled.validate!(deepArrays(3)), []);
});

test('validate() on 6,000-deep data never throws', () => {
  const compiled = new SchemaCache().compile({ $ref: '#/definitions/list', definitions: { list: { type: 'array', items: { $ref: '#/definitions/list' } } } });
  const errors = compiled.validate!(deepArrays(6000));
  // Either it validates or it reports the overflow; it never throws.
  assert.ok(errors.length === 0 || errors[0].keyword === 'internal');
});

test('validate() with a non-recursive schema does not walk deep data at all', () => {
  const compiled = new SchemaCache().compile({ type: 'object', properties: { a: { type: 'array' } } });
  assert.deepEqual(compiled.validate!({ a: deepArrays(6000) }), []);
  assert.deepEqual(compiled.validate!(deepArrays(6000)).map((e) => e.keyword), ['type']);
});

test('canonicalKey on 10,000-deep data returns a sha1 and distinguishes depths', () => {
  const key = canonicalKey(deepArrays(10_000));
  assert.match(key, /^[0-9a-f]{40}$/);
  assert.notEqual(key, canonicalKey(deepArrays(10_001)));
  let object: unknown = {};
  for (let i = 0; i < 10_000; i++) object = { a: object };
  assert.match(canonicalKey(object), /^[0-9a-f]{40}$/);
});

test('uniqueItems on deep items does not overflow', () => {
  const compiled = new SchemaCache().compile({ type: 'array', uniqueItems: true });
  assert.deepEqual(compiled.validate!([deepArrays(6000), deepArrays(6000)]).map((e) => e.keyword), ['uniqueItems']);
});

test('compile() and normalizeTypes() on a 10,000-deep schema do not overflow', () => {
  let schema: unknown = { type: 'dict' };
  for (let i = 0; i < 10_000; i++) schema = { type: 'dict', properties: { a: schema } };
  const normalized = normalizeTypes(schema);
  // Only the levels within the compile budget's 64 JSON levels are rewritten (depths 0, 2, ..., 64).
  assert.equal(normalized.nonStandard.length, 33);
  assert.deepEqual(new SchemaCache().compile(normalized.schema).problems.map((p) => p.code), ['budget']);
});
