// Requirement 1: strict-mode complaints and unknown formats are non-fatal problems, never crashes;
// `$schema` picks the draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache } from '../../../core/schema/index.ts';

test('unknown keywords and undeclared required properties are strict-keyword problems', () => {
  const compiled = new SchemaCache().compile({
    type: 'object',
    properties: { a: { type: 'string', optional: true } },
    required: ['a', 'b'],
  });
  assert.deepEqual(compiled.problems, [
    {
      code: 'strict-keyword',
      message: 'Required property "b" is not declared in "properties"; declare it there so its value is checked.',
      path: ['required', 1],
      fatal: false,
    },
    {
      code: 'strict-keyword',
      message: 'Unknown keyword "optional" is ignored by validation; remove it, or put notes for the model in "description".',
      path: ['properties', 'a', 'optional'],
      fatal: false,
    },
  ]);
  assert.deepEqual(compiled.validate!({ a: 'x' }).map((e) => e.params), [{ missingProperty: 'b' }]);
});

test('a keyword without its type is a strict-keyword problem at that keyword', () => {
  const compiled = new SchemaCache().compile({ properties: { n: { minimum: 1 } } });
  assert.deepEqual(compiled.problems, [
    {
      code: 'strict-keyword',
      message: '"properties" only applies to object values, but this schema declares no "type"; add it so other values are rejected.',
      path: ['properties'],
      fatal: false,
    },
    {
      code: 'strict-keyword',
      message: '"minimum" only applies to number values, but this schema declares no "type"; add it so other values are rejected.',
      path: ['properties', 'n', 'minimum'],
      fatal: false,
    },
  ]);
});

test('union types are allowed without complaint', () => {
  assert.deepEqual(new SchemaCache().compile({ type: ['string', 'null'] }).problems, []);
});

test('an unknown format is a non-fatal unknown-format problem; known formats are checked', () => {
  const compiled = new SchemaCache().compile({
    type: 'object',
    properties: { when: { type: 'string', format: 'date-time' }, id: { type: 'string', format: 'snowflake' } },
  });
  assert.deepEqual(compiled.problems, [{
    code: 'unknown-format',
    message: 'Format "snowflake" is not known, so it is not checked; use a standard format (date-time, date, email, uri, uuid, ...) or explain it in "description".',
    path: ['properties', 'id', 'format'],
    fatal: false,
  }]);
  assert.deepEqual(compiled.validate!({ when: '2024-05-01T10:00:00Z', id: 'anything' }), []);
  assert.deepEqual(compiled.validate!({ when: 'yesterday' }), [{
    keyword: 'format',
    instancePath: ['when'],
    params: { format: 'date-time' },
    message: 'must match format "date-time"',
  }]);
});

test('$schema selects draft-07, 2019-09 or 2020-12; anything else is checked as draft-07 with a problem', () => {
  const cache = new SchemaCache();
  const draft7 = cache.compile({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }], additionalItems: false, minItems: 1 });
  assert.deepEqual(draft7.problems, []);
  assert.deepEqual(draft7.validate!(['a', 'b']).map((e) => e.keyword), ['additionalItems']);

  const draft2019 = cache.compile({ $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object', properties: { a: {} }, unevaluatedProperties: false });
  assert.deepEqual(draft2019.problems, []);
  assert.deepEqual(draft2019.validate!({ a: 1, b: 2 }).map((e) => e.keyword), ['unevaluatedProperties']);

  const draft2020 = cache.compile({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'string' }], items: false, minItems: 1 });
  assert.deepEqual(draft2020.problems, []);
  assert.deepEqual(draft2020.validate!(['a', 1]).map((e) => e.keyword), ['items']);

  const draft4 = cache.compile({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' });
  assert.deepEqual(draft4.problems, [{
    code: 'invalid-schema',
    message: '"$schema" "http://json-schema.org/draft-04/schema#" is not a supported draft, so the schema is checked as draft-07; use draft-07, 2019-09 or 2020-12, or leave "$schema" out.',
    path: ['$schema'],
    fatal: false,
  }]);
  assert.deepEqual(draft4.validate!(1).map((e) => e.keyword), ['type']);
});
