// Requirement 8: schemas that break the meta-schema become fatal invalid-schema problems with paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache } from '../../../core/schema/index.ts';

const TYPE_MESSAGE = '"type" must be one of "string", "number", "integer", "boolean", "object", "array", "null", or an array of them.';

function problemsOf(schema: unknown) {
  const compiled = new SchemaCache().compile(schema);
  assert.equal(compiled.validate, null);
  return compiled.problems;
}

test('{"type": 5}', () => {
  assert.deepEqual(problemsOf({ type: 5 }), [{ code: 'invalid-schema', message: TYPE_MESSAGE, path: ['type'], fatal: true }]);
});

test('{"properties": []}', () => {
  assert.deepEqual(problemsOf({ properties: [] }), [{
    code: 'invalid-schema',
    message: '"properties" must be an object mapping each property name to its schema.',
    path: ['properties'],
    fatal: true,
  }]);
});

test('{"required": "a"}', () => {
  assert.deepEqual(problemsOf({ required: 'a' }), [{
    code: 'invalid-schema',
    message: '"required" must be an array of distinct property names (strings).',
    path: ['required'],
    fatal: true,
  }]);
});

test('nested problems get nested paths, array indexes as numbers', () => {
  assert.deepEqual(problemsOf({
    type: 'object',
    properties: { a: { type: 'strin' }, b: { anyOf: [{ type: 'string' }, { minLength: -1 }] }, type: 7 },
    required: ['a', 3],
  }), [
    // In ajv's keyword order: required is checked before properties.
    { code: 'invalid-schema', message: '"required" must be an array of distinct property names (strings).', path: ['required', 1], fatal: true },
    { code: 'invalid-schema', message: TYPE_MESSAGE, path: ['properties', 'a', 'type'], fatal: true },
    { code: 'invalid-schema', message: '"minLength" must be a non-negative integer.', path: ['properties', 'b', 'anyOf', 1, 'minLength'], fatal: true },
    // A property named "type" is a property, not the keyword.
    { code: 'invalid-schema', message: 'Each entry of "properties" must be a schema (an object, or true/false).', path: ['properties', 'type'], fatal: true },
  ]);
});

test('duplicate required names and an empty enum are invalid', () => {
  assert.deepEqual(problemsOf({ required: ['a', 'a'] }).map((p) => p.path), [['required']]);
  assert.deepEqual(problemsOf({ enum: [] }), [{
    code: 'invalid-schema',
    message: '"enum" must be a non-empty array of the allowed values.',
    path: ['enum'],
    fatal: true,
  }]);
});
