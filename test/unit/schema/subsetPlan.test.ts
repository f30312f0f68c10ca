// A subset schema's plan must answer exactly what fastValid answers for the schema, on random
// subset schemas and random JSON values (numbers of every JSON form, unicode lengths, own keys
// named like Object.prototype members, integer-like and `__proto__` keys).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastValid, inFastSubset } from '../../../core/schema/fastSubset.ts';
import { planOf, planValid } from '../../../core/schema/subsetPlan.ts';
import { SchemaCache } from '../../../core/schema/index.ts';
import { compileParameters } from '../../../core/schema/compileParameters.ts';
import { AjvPool } from '../../../core/schema/ajvPool.ts';
// Seeded (mulberry32), so a failure repeats.
import { mulberry32 as random } from '../../../core/random.ts';

const NAMES = ['a', 'b', 'city', 'unit_1', 'constructor', 'toString', '0', '12', 'é', '😀'];
const STRINGS = ['', 'x', 'ab', 'abc', 'celsius', '😀😀', '😀😀😀', 'é', '\ud800', '\ud800x', 'constructor'];
const NUMBERS = [0, -0, 1, -1, 2.5, 3, 10, 11, 100, 0.1, 7, 2 ** 53, 1e400, -1e400, 12345678901234567890];
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'array', 'object'];

function pick<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() * list.length)]!;
}

function randomSchema(next: () => number, depth: number): unknown {
  if (depth > 0 && next() < 0.08) return next() < 0.7;
  const schema: Record<string, unknown> = {};
  const roll = next();
  const types = roll < 0.15 ? [] : roll < 0.3 ? [pick(next, TYPES), pick(next, TYPES)] : [depth === 0 ? 'object' : pick(next, TYPES)];
  const distinct = [...new Set(types)];
  if (distinct.length === 1) schema.type = distinct[0];
  else if (distinct.length > 1) schema.type = distinct;
  const has = (t: string) => distinct.includes(t) || (t === 'number' && distinct.includes('integer'));
  if (next() < 0.2) {
    const values = [...new Set([pick(next, STRINGS), pick(next, NUMBERS), pick(next, [true, false]), null].filter((v) => next() < 0.6 && (typeof v !== 'number' || Number.isFinite(v))))];
    if (values.length > 0) schema.enum = values;
  }
  if (next() < 0.08) schema.const = pick(next, [pick(next, STRINGS), 3, 0, true, null]);
  if (has('string') && next() < 0.3) schema.minLength = Math.floor(next() * 3);
  if (has('string') && next() < 0.3) schema.maxLength = Math.floor(next() * 4);
  if (has('number') && next() < 0.3) schema.minimum = pick(next, [-1, 0, 2.5]);
  if (has('number') && next() < 0.3) schema.maximum = pick(next, [0, 3, 10]);
  if (has('number') && next() < 0.15) schema.exclusiveMinimum = pick(next, [0, -1]);
  if (has('number') && next() < 0.15) schema.exclusiveMaximum = pick(next, [10, 3]);
  if (has('array') && next() < 0.7) schema.items = randomSchema(next, depth + 1);
  if (has('array') && next() < 0.2) schema.minItems = pick(next, [0, 1, 2]);
  if (has('array') && next() < 0.2) schema.maxItems = pick(next, [0, 1, 2]);
  if (has('object')) {
    if (next() < 0.85 && depth < 3) {
      const properties: Record<string, unknown> = {};
      for (const name of NAMES) if (next() < 0.35) properties[name] = randomSchema(next, depth + 1);
      schema.properties = properties;
      const declared = Object.keys(properties).filter(() => next() < 0.5);
      if (declared.length > 0) schema.required = declared;
    }
    if (next() < 0.5) schema.additionalProperties = next() < 0.6 ? next() < 0.5 : randomSchema(next, depth + 1);
    if (next() < 0.1) schema.minProperties = pick(next, [0, 1, 2]);
    if (next() < 0.1) schema.maxProperties = pick(next, [0, 1, 2]);
  }
  if (next() < 0.2) schema.description = 'd';
  if (next() < 0.05) schema.default = 1;
  // Keywords read from the schema as JSON.parse gives it (own keys only, one shape per key order).
  return JSON.parse(JSON.stringify(schema));
}

/** A JSON value for `schema`, mostly fitting it, sometimes not. */
function randomValue(next: () => number, schema: unknown, depth: number): unknown {
  const s = (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>;
  if (Array.isArray(s.enum) && next() < 0.5) return pick(next, s.enum as unknown[]);
  if (Object.hasOwn(s, 'const') && next() < 0.3) return s.const;
  const type = typeof s.type === 'string' ? s.type : Array.isArray(s.type) ? pick(next, s.type as string[]) : pick(next, TYPES);
  switch (depth > 4 ? 'null' : next() < 0.85 ? type : pick(next, TYPES)) {
    case 'string':
      return pick(next, STRINGS);
    case 'number':
    case 'integer':
      return pick(next, NUMBERS);
    case 'boolean':
      return next() < 0.5;
    case 'null':
      return null;
    case 'array':
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, s.items, depth + 1));
    default: {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const names = NAMES.filter(() => next() < 0.2);
      for (const name of Object.keys(properties)) if (next() < 0.7 && !names.includes(name)) names.push(name);
      let text = '{' + names.map((name) => `${JSON.stringify(name)}:${JSON.stringify(randomValue(next, properties[name] ?? s.additionalProperties, depth + 1))}`).join(',');
      if (next() < 0.05) text += `${names.length > 0 ? ',' : ''}"__proto__":${JSON.stringify(randomValue(next, s.additionalProperties, depth + 1))}`;
      // Parsed, as checkArguments gives it: an own `__proto__` key, Object.prototype as prototype.
      return JSON.parse(text + '}');
    }
  }
}

test("a subset schema's plan answers what fastValid answers, on 3,000 random schemas x 40 values", () => {
  const next = random(18);
  let schemas = 0;
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < 3000; i++) {
    const schema = randomSchema(next, 0);
    if (!inFastSubset(schema)) continue;
    schemas++;
    const plan = planOf(schema);
    for (let j = 0; j < 40; j++) {
      const value = randomValue(next, schema, 0);
      const expected = fastValid(schema as Record<string, unknown>, value);
      assert.equal(planValid(plan, value), expected, `${JSON.stringify(schema)} ${JSON.stringify(value)}`);
      if (expected) valid++;
      else invalid++;
    }
  }
  // The generator reaches both answers often, with most schemas admitted.
  assert.ok(schemas > 2000, `${schemas} schemas`);
  assert.ok(valid > 10_000 && invalid > 10_000, `${valid} valid, ${invalid} not`);
});

test('the boolean schemas and their plans: true passes everything, false nothing', () => {
  for (const value of [null, 0, 1e400, '', [], {}, JSON.parse('{"__proto__":1}')]) {
    assert.equal(planValid(planOf(true), value), true);
    assert.equal(planValid(planOf(false), value), false);
    assert.equal(planValid(planOf({ type: 'object', additionalProperties: false }), { x: value }), false);
  }
});

test("the cache's validation, first by fastValid and then by the plan, gives ajv's errors on every call", () => {
  const next = random(7);
  for (let i = 0; i < 150; i++) {
    const schema = randomSchema(next, 0);
    if (!inFastSubset(schema)) continue;
    const byAjv = compileParameters(schema, new AjvPool());
    const compiled = new SchemaCache().compile(schema);
    for (let j = 0; j < 12; j++) {
      const value = randomValue(next, schema, 0);
      assert.deepEqual(compiled.validate!(value), byAjv.validate!(value), `${JSON.stringify(schema)} ${JSON.stringify(value)}`);
    }
  }
});
