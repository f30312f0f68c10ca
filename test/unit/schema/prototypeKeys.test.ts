// Threat 5: prototype keys (toString, constructor, __proto__) are ordinary names, never inherited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaCache, normalizeTypes, canonicalKey } from '../../../core/schema/index.ts';

test('required: ["toString"] on {} reports toString missing', () => {
  const compiled = new SchemaCache().compile({ type: 'object', required: ['toString'] });
  assert.deepEqual(compiled.validate!({}), [{
    keyword: 'required',
    instancePath: [],
    params: { missingProperty: 'toString' },
    message: "must have required property 'toString'",
  }]);
});

test('constructor and hasOwnProperty are required like any other name', () => {
  const compiled = new SchemaCache().compile({ type: 'object', required: ['constructor', 'hasOwnProperty'] });
  assert.deepEqual(compiled.validate!({}).map((e) => e.params.missingProperty), ['constructor', 'hasOwnProperty']);
  assert.deepEqual(compiled.validate!(JSON.parse('{"constructor": 1, "hasOwnProperty": 2}')), []);
});

test('__proto__ keys in schema and data pollute nothing', () => {
  // JSON.parse makes "__proto__" an own key (an object literal would set the prototype instead).
  const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"dict","polluted":true},"a":{"type":"str"}},"additionalProperties":false}');
  const normalized = normalizeTypes(schema);
  assert.deepEqual(normalized.nonStandard.map((n) => [n.path, n.found, n.standard]), [
    [['properties', '__proto__', 'type'], 'dict', 'object'],
    [['properties', 'a', 'type'], 'str', 'string'],
  ]);
  const copy = normalized.schema as { properties: Record<string, { type: string }> };
  assert.ok(Object.hasOwn(copy.properties, '__proto__'));
  assert.equal(Object.getPrototypeOf(copy.properties), Object.prototype);
  assert.equal(copy.properties['__proto__'].type, 'object');

  const compiled = new SchemaCache().compile(normalized.schema);
  assert.deepEqual(compiled.problems, [{
    code: 'strict-keyword',
    message: 'Property "__proto__" cannot be declared (validators ignore that name to prevent prototype pollution, so it counts as undeclared); rename the property.',
    path: ['properties', '__proto__'],
    fatal: false,
  }]);
  // ajv treats the declared-but-ignored "__proto__" as an additional property.
  assert.deepEqual(compiled.validate!(JSON.parse('{"__proto__": {"polluted": true}, "a": "x"}')), [{
    keyword: 'additionalProperties',
    instancePath: [],
    params: { additionalProperty: '__proto__' },
    message: 'must NOT have additional properties',
  }]);
  assert.equal(canonicalKey(JSON.parse('{"__proto__": 1}')) === canonicalKey({}), false);

  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined);
  assert.equal(probe.type, undefined);
  assert.equal(Object.getPrototypeOf(probe), Object.prototype);
});
