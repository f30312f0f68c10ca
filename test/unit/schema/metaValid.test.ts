// knownDraft07Valid answers for ajv's meta-schema check (ajv.validateSchema of the pool's draft-07
// instance) without compiling the meta-schema: held to ajv on random schemas of every draft-07
// keyword, with values the meta-schema accepts and values it refuses, at every depth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knownDraft07Valid } from '../../../core/schema/metaValid.ts';
import { AjvPool } from '../../../core/schema/ajvPool.ts';
import { compileParameters } from '../../../core/schema/compileParameters.ts';
import { mulberry32 } from '../../../core/random.ts';

const TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];
const LEFT_TO_AJV = ['$id', '$schema', '$ref', 'pattern', 'patternProperties', 'dependencies'];
const SCALARS: unknown[] = [null, true, false, 0, -0, 1, 1.0, 2.5, -3, 1e21, '', 'a', 'b', '1'];
const NAMES = ['a', 'b', 'type', 'required', 'properties', '__proto__', 'constructor', 'toString', ''];

/** A random value, schema or not; `depth` bounds nesting. */
function randomSchema(random: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  if (chance(0.1)) return chance(0.5);
  if (chance(0.03)) return pick<unknown>([null, 0, 'object', [], [{}]]);
  const child = () => (depth > 0 ? randomSchema(random, depth - 1) : chance(0.5) ? {} : pick<unknown>([true, 'x', null]));
  const children = () => Array.from({ length: Math.floor(random() * 3) }, child);
  const names = (unique: boolean) => {
    const list = Array.from({ length: Math.floor(random() * 4) }, () => pick(NAMES));
    return unique ? [...new Set(list)] : list;
  };
  const count = () => pick<unknown>([0, 1, 7, 2.0, -1, 1.5, '3', null, 1e21]);
  const number = () => pick<unknown>([0, -2, 3.5, 1e21, '1', null, true]);
  const scalarEnum = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(SCALARS));
  const makers: Record<string, () => unknown> = {
    type: () => (chance(0.6) ? pick([...TYPES, 'str', 'any', '']) : Array.from({ length: Math.floor(random() * 3) }, () => pick([...TYPES, 'dict']))),
    properties: () => (chance(0.9) ? Object.fromEntries(names(true).map((name) => [name, child()])) : pick<unknown>([[], 'x', null])),
    definitions: () => (chance(0.9) ? Object.fromEntries(names(true).map((name) => [name, child()])) : []),
    items: () => (chance(0.6) ? child() : children()),
    additionalItems: child, additionalProperties: child, contains: child, propertyNames: child,
    not: child, if: child, then: child, else: child,
    allOf: children, anyOf: children, oneOf: () => (chance(0.9) ? children() : child()),
    required: () => (chance(0.9) ? names(chance(0.7)) : pick<unknown>(['a', [1], null, {}])),
    enum: () => (chance(0.8) ? scalarEnum() : chance(0.5) ? [{ a: 1 }, { a: 1 }] : [[1], [2], 'x']),
    const: () => pick<unknown>([...SCALARS, {}, [1]]),
    default: () => pick<unknown>([...SCALARS, {}, [1]]),
    examples: () => pick<unknown>([[], [1, 'x'], 'x', null]),
    title: () => pick<unknown>(['t', 1, null]),
    description: () => pick<unknown>(['d', '', 2, null, ['d']]),
    $comment: () => pick<unknown>(['c', 3]),
    format: () => pick<unknown>(['date', 'no-such-format', '', 5, null]),
    contentMediaType: () => pick<unknown>(['text/plain', 1]),
    contentEncoding: () => pick<unknown>(['base64', false]),
    readOnly: () => pick<unknown>([true, false, 'true', 0]),
    uniqueItems: () => pick<unknown>([true, false, 1, null]),
    maximum: number, minimum: number, exclusiveMaximum: number, exclusiveMinimum: number,
    multipleOf: () => pick<unknown>([2, 0.5, 0, -1, '2']),
    maxLength: count, minLength: count, maxItems: count, minItems: count, maxProperties: count, minProperties: count,
    $id: () => pick<unknown>(['#a', 'http://x/y', 1]),
    $schema: () => pick<unknown>(['http://json-schema.org/draft-07/schema#', 1]),
    $ref: () => pick<unknown>(['#', '#/definitions/a', 2]),
    pattern: () => pick<unknown>(['^a+$', '(', 3]),
    patternProperties: () => pick<unknown>([{ '^a': {} }, { '(': {} }, []]),
    dependencies: () => pick<unknown>([{ a: ['b'] }, { a: {} }, { a: 1 }]),
    optional: () => pick<unknown>([true, 'x', null]),
    nullable: () => pick<unknown>([true, 1]),
  };
  const keywords = Object.keys(makers);
  const schema: Record<string, unknown> = {};
  const size = Math.floor(random() * 5);
  for (let i = 0; i < size; i++) {
    const keyword = pick(keywords);
    if (LEFT_TO_AJV.includes(keyword) && chance(0.7)) continue; // mostly schemas this can answer for
    schema[keyword] = makers[keyword]();
  }
  if (chance(0.1)) schema[pick(['__proto__', 'constructor', 'x-extra'])] = pick<unknown>([1, 'x', {}, [2]]);
  return schema;
}

/** Whether `value` holds a keyword left to ajv, or an enum item ajv compares deeply. */
function outsideWhatIsKnown(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(outsideWhatIsKnown);
  for (const [key, inner] of Object.entries(value)) {
    if (LEFT_TO_AJV.includes(key)) return true;
    if (key === 'enum' && Array.isArray(inner) && inner.some((item) => item !== null && typeof item === 'object')) return true;
    if (outsideWhatIsKnown(inner)) return true;
  }
  return false;
}

test('knownDraft07Valid: true only where ajv\'s meta-schema check passes; on the keywords it knows, exactly ajv\'s answer', () => {
  const random = mulberry32(2007);
  const ajv = new AjvPool().take('draft-07').ajv;
  let known = 0;
  let refused = 0;
  let leftToAjv = 0;
  for (let i = 0; i < 20_000; i++) {
    const schema = randomSchema(random, 3);
    // What compileParameters checks: an object or a boolean (keyOf refuses the rest), without its root $schema.
    if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema))) continue;
    if (typeof schema === 'object') delete (schema as Record<string, unknown>).$schema;
    const byAjv = ajv.validateSchema(schema as object) as boolean;
    const answer = knownDraft07Valid(schema);
    if (answer) {
      assert.equal(byAjv, true, JSON.stringify(schema));
      known++;
    } else if (outsideWhatIsKnown(schema)) {
      leftToAjv++;
    } else {
      assert.equal(byAjv, false, `not known valid, yet ajv accepts: ${JSON.stringify(schema)}`);
      refused++;
    }
  }
  // Both answers occur often: the comparison means something either way.
  assert.ok(known > 3000 && refused > 3000 && leftToAjv > 1000, `${known} known, ${refused} refused, ${leftToAjv} left to ajv`);
});

test('knownDraft07Valid refuses what the meta-schema refuses, case by case', () => {
  const refusedByMeta: unknown[] = [
    { type: 'str' }, { type: [] }, { type: ['string', 'string'] }, { required: ['a', 'a'] }, { required: [1] },
    { enum: [] }, { enum: [1, 1.0] }, { enum: ['a', 'a'] }, { minLength: -1 }, { maxItems: 1.5 }, { multipleOf: 0 },
    { items: [] }, { anyOf: [] }, { properties: { a: 'string' } }, { properties: [] }, { additionalProperties: null },
    { description: 2 }, { format: 1 }, { uniqueItems: 'yes' }, { minimum: '1' }, { properties: { a: { type: 'dict' } } },
    [], 'object', 3,
  ];
  const ajv = new AjvPool().take('draft-07').ajv;
  for (const schema of refusedByMeta) {
    assert.equal(ajv.validateSchema(schema as object), false, JSON.stringify(schema));
    assert.equal(knownDraft07Valid(schema), false, JSON.stringify(schema));
  }
  assert.equal(knownDraft07Valid({ type: 'object', properties: { a: { type: ['string', 'null'], format: 'date' } }, required: ['a'], optional: 3 }), true);
});

test('a compile without the meta-schema check gives the same problems and errors as one with it', () => {
  // The pool's first compile of a known-valid schema does not compile the meta-schema; its
  // problems (a strict-mode complaint here) and a call's errors are ajv's, as before.
  const schema = { type: 'object', properties: { when: { type: 'string', format: 'date' }, n: { type: 'object', required: ['x'] } }, required: ['when'] };
  const fresh = compileParameters(schema, new AjvPool());
  const pool = new AjvPool();
  pool.take('draft-07').ajv.validateSchema({}); // the meta-schema compiled first, as the old path did
  const checked = compileParameters(schema, pool);
  assert.deepEqual(fresh.problems, checked.problems);
  assert.equal(fresh.problems.length, 1);
  for (const call of [{}, { when: 3 }, { when: 'not a date', n: {} }, { when: '2024-01-31', n: { x: 1 } }]) {
    assert.deepEqual(fresh.validate!(call), checked.validate!(call), JSON.stringify(call));
  }
});
