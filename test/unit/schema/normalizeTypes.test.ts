// Requirement 9: non-standard type names (BFCL's dict, float, tuple, any, Java/JS names) become
// JSON Schema types, so real pasted schemas can still check arguments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SchemaCache, normalizeTypes } from '../../../core/schema/index.ts';

const FIXTURE = join(__dirname, '../../fixtures/schema/bfcl_v3_faithful_sample.jsonl');

test('a standard schema is returned as the same object with no replacements', () => {
  const schema = { type: 'object', properties: { a: { type: ['string', 'null'] }, b: { type: 'array', items: { type: 'integer' } } } };
  const result = normalizeTypes(schema);
  assert.equal(result.schema, schema);
  assert.deepEqual(result.nonStandard, []);
  for (const value of [undefined, null, 5, 'dict', true]) assert.equal(normalizeTypes(value).schema, value);
});

test('every name the corpora use maps to the expected standard type', () => {
  const names: [string, string | null][] = [
    ['dict', 'object'], ['HashMap', 'object'], ['Map', 'object'],
    ['float', 'number'], ['double', 'number'], ['Float', 'number'], ['Double', 'number'],
    ['int', 'integer'], ['long', 'integer'], ['short', 'integer'], ['byte', 'integer'], ['Integer', 'integer'],
    ['tuple', 'array'], ['list', 'array'], ['ArrayList', 'array'], ['Array', 'array'],
    ['str', 'string'], ['String', 'string'], ['char', 'string'],
    ['bool', 'boolean'], ['Boolean', 'boolean'],
    ['any', null], ['Any', null], ['', null], ['Object', null], ['IResultSetController', null],
  ];
  for (const [found, standard] of names) {
    const result = normalizeTypes({ type: 'object', properties: { x: { type: found } } });
    assert.deepEqual(result.nonStandard, [{ path: ['properties', 'x', 'type'], found, standard }], found);
    const x = (result.schema as { properties: { x: Record<string, unknown> } }).properties.x;
    if (standard === null) assert.equal(Object.hasOwn(x, 'type'), false, found);
    else assert.equal(x.type, standard, found);
  }
});

test('every schema position is walked, and only changed objects are copied', () => {
  const untouched = { type: 'string' };
  const schema = {
    type: 'dict',
    properties: { keep: untouched, list: { type: 'tuple', items: { type: 'float' } } },
    additionalProperties: { type: 'str' },
    anyOf: [{ type: 'int' }, { type: 'null' }],
    definitions: { d: { type: 'bool' } },
    $defs: { e: { type: 'long' } },
    not: { type: 'Boolean' },
    enum: [{ type: 'dict' }], // data, not a schema: untouched
  };
  const result = normalizeTypes(schema);
  assert.deepEqual(result.nonStandard.map((n) => [n.path.join('.'), n.standard]), [
    ['type', 'object'],
    ['properties.list.type', 'array'],
    ['properties.list.items.type', 'number'],
    ['additionalProperties.type', 'string'],
    ['anyOf.0.type', 'integer'],
    ['definitions.d.type', 'boolean'],
    ['$defs.e.type', 'integer'],
    ['not.type', 'boolean'],
  ]);
  const copy = result.schema as typeof schema;
  assert.notEqual(copy, schema);
  assert.equal(copy.properties.keep, untouched);
  assert.equal(copy.anyOf[1], schema.anyOf[1]);
  assert.deepEqual(copy.enum, [{ type: 'dict' }]);
  assert.equal(schema.type, 'dict'); // the input is not mutated
});

test('type unions: members are mapped and deduplicated; one "any" member drops the type', () => {
  assert.deepEqual(normalizeTypes({ type: ['String', 'str', 'null'] }), {
    schema: { type: ['string', 'null'] },
    nonStandard: [
      { path: ['type', 0], found: 'String', standard: 'string' },
      { path: ['type', 1], found: 'str', standard: 'string' },
    ],
  });
  assert.deepEqual(normalizeTypes({ type: ['Integer'] }).schema, { type: 'integer' });
  assert.deepEqual(normalizeTypes({ type: ['string', 'any'] }).schema, {});
});

test('every tool of the BFCL faithful sample compiles without fatal problems after normalizeTypes', () => {
  const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter((line) => line.trim() !== '');
  assert.equal(lines.length, 8);
  const cache = new SchemaCache();
  const found = new Set<string>();
  let calls = 0;
  const callErrors: string[] = [];
  for (const line of lines) {
    const example = JSON.parse(line);
    for (const tool of example.tools) {
      const raw = cache.compile(tool.function.parameters);
      assert.equal(raw.validate, null, 'the faithful schema itself is not valid JSON Schema');
      const normalized = normalizeTypes(tool.function.parameters);
      for (const n of normalized.nonStandard) found.add(n.found);
      const compiled = cache.compile(normalized.schema);
      assert.deepEqual(compiled.problems.filter((p) => p.fatal), [], tool.function.name);
      for (const message of example.messages) {
        for (const call of message.tool_calls ?? []) {
          if (call.function.name !== tool.function.name) continue;
          calls++;
          for (const e of compiled.validate!(JSON.parse(call.function.arguments))) callErrors.push(`${e.keyword} ${e.instancePath.join('.')}`);
        }
      }
    }
  }
  assert.deepEqual([...found].sort(), ['', 'Array', 'ArrayList', 'Boolean', 'HashMap', 'String', 'any', 'char', 'dict', 'double', 'float', 'long', 'tuple']);
  assert.equal(calls, 8);
  // The defects of the source in this sample: Java variable names passed where an object
  // (`environ`, a HashMap) and an array (`ch`, a char array) are declared.
  assert.deepEqual(callErrors, ['type environ', 'type ch']);
});

test('the faithful line with an empty type name reports exactly its replacements', () => {
  const line = readFileSync(FIXTURE, 'utf8').split('\n')[7];
  const parameters = JSON.parse(line).tools[0].function.parameters;
  assert.deepEqual(normalizeTypes(parameters).nonStandard, [
    { path: ['type'], found: 'dict', standard: 'object' },
    { path: ['properties', 'username', 'type'], found: 'String', standard: 'string' },
    { path: ['properties', 'options', 'type'], found: 'dict', standard: 'object' },
    { path: ['properties', 'options', 'properties', 'issuer', 'type'], found: '', standard: null },
    { path: ['properties', 'options', 'properties', 'role', 'type'], found: 'String', standard: 'string' },
    { path: ['properties', 'options', 'properties', 'algorithm', 'type'], found: 'String', standard: 'string' },
  ]);
});
