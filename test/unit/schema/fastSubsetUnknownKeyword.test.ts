// A subset schema with one unknown keyword (BFCL's "optional": true) is not compiled by ajv on
// first sight: its problems are strictProblems of the one complaint ajv would log. Held to ajv's
// own compile (problems, and every call's errors) on the fixtures' and generated lines' schemas
// with the keyword put at every schema place, and on the keys that must still go to ajv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AJV_KEYWORDS, fastValid, inFastSubset, inFastSubsetIgnoring } from '../../../core/schema/fastSubset.ts';
import { compileParameters } from '../../../core/schema/compileParameters.ts';
import { AjvPool } from '../../../core/schema/ajvPool.ts';
import { SchemaCache } from '../../../core/schema/index.ts';
import { standardizeSchema } from '../../../core/schema/preparedParameters.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

const pool = new AjvPool();

test('AJV_KEYWORDS are the keywords of the draft-07 instance ajvPool.ts makes', () => {
  const keywords = Object.keys((pool.take('draft-07').ajv as unknown as { RULES: { keywords: object } }).RULES.keywords).sort();
  assert.deepEqual([...AJV_KEYWORDS].sort(), keywords);
});

/** The parameters schemas of the fixtures and of generated lines that are in the subset, as compiled (types mapped). */
function subsetSchemas(): Record<string, unknown>[] {
  const found = new Map<string, Record<string, unknown>>();
  for (const line of [...fixtureLines(), ...generatedLines(30, 11)]) {
    let value: unknown;
    try {
      value = JSON.parse(line.replace(/^\uFEFF/, ''));
    } catch {
      continue;
    }
    const tools = (value as { tools?: unknown } | null)?.tools;
    for (const tool of Array.isArray(tools) ? tools : []) {
      const schema = standardizeSchema((tool as { function?: { parameters?: unknown } } | null)?.function?.parameters).schema;
      if (inFastSubset(schema)) found.set(JSON.stringify(schema), schema as Record<string, unknown>);
    }
  }
  return [...found.values()];
}

/** Every schema object of a subset schema (the root, property schemas, items, additionalProperties). */
function schemaPlaces(schema: Record<string, unknown>): Record<string, unknown>[] {
  const places = [schema];
  for (const place of places) {
    const properties = place.properties as Record<string, unknown> | undefined;
    for (const child of [...Object.values(properties ?? {}), place.items, place.additionalProperties]) {
      if (typeof child === 'object' && child !== null) places.push(child as Record<string, unknown>);
    }
  }
  return places;
}

/** `schema` with `key: value` added at the places `which` picks (by index). */
function withKeyword(schema: Record<string, unknown>, key: string, value: unknown, which: (index: number) => boolean): Record<string, unknown> {
  const copy = structuredClone(schema);
  schemaPlaces(copy).forEach((place, i) => {
    if (which(i)) place[key] = value;
  });
  return copy;
}

const CALLS: unknown[] = [{}, { a: 1 }, { location: 'x', unit: 'celsius' }, { query: 3 }, { x: [1, 'a'], y: null }, { optional: true }];

test('one unknown keyword at any places: the same problems and the same errors as ajv compiling the schema', () => {
  let compared = 0;
  let problems = 0;
  const values: unknown[] = [true, 'True', [], { type: 'string' }, null];
  for (const schema of subsetSchemas()) {
    const places = schemaPlaces(schema).length;
    for (let pick = 0; pick < Math.min(places, 3); pick++) {
      const variants = [
        withKeyword(schema, 'optional', values[pick % values.length], (i) => i === pick),
        withKeyword(schema, 'optional', true, (i) => i >= pick),
        withKeyword(schema, 'x_extra', 1, (i) => i % 2 === pick % 2),
      ];
      for (const variant of variants) {
        const ignored = inFastSubsetIgnoring(variant);
        assert.ok(ignored === 'optional' || ignored === 'x_extra' || ignored === '', JSON.stringify(variant));
        const byAjv = compileParameters(variant, pool);
        const cache = new SchemaCache();
        const compiled = cache.compile(variant);
        assert.deepEqual(compiled.problems, byAjv.problems, JSON.stringify(variant));
        assert.equal(cache.ajvCompileCount, 0);
        for (const call of CALLS) {
          assert.deepEqual(compiled.validate!(call), byAjv.validate!(call), `${JSON.stringify(variant)} ${JSON.stringify(call)}`);
          if (fastValid(variant, call)) assert.deepEqual(byAjv.validate!(call), []);
        }
        problems += byAjv.problems.length;
        compared++;
      }
    }
  }
  // Pinned, so that the comparison cannot silently shrink.
  assert.deepEqual({ compared, problems }, { compared: 891, problems: 1706 });
});

test('two unknown keywords, prototype names, $ names and other keys still go to ajv', () => {
  const base = { type: 'object', properties: { a: { type: 'string' } } };
  const refused: [string, Record<string, unknown>][] = [
    ['two unknown keywords', { ...base, optional: true, properties: { a: { type: 'string', nullableX: true } } }],
    ['"constructor" (ajv takes it for a known keyword)', JSON.parse('{"type":"object","constructor":1,"properties":{}}')],
    ['"toString"', { ...base, toString: 'x' }],
    ['"__proto__"', JSON.parse('{"type":"object","__proto__":{"x":1},"properties":{}}')],
    ['a $ name', { ...base, $anchor: 'x' }],
    ['a name with a dash', { ...base, 'x-order': 1 }],
    ['a keyword ajv knows but the subset does not', { ...base, nullable: true }],
    ['an unknown keyword in a schema outside the subset', { ...base, optional: true, format: 'date' }],
  ];
  for (const [why, schema] of refused) assert.equal(inFastSubsetIgnoring(schema), undefined, why);
  assert.equal(inFastSubsetIgnoring(base), '');
  assert.equal(inFastSubset({ ...base, optional: true }), false);
  const cache = new SchemaCache();
  cache.compile(refused[0][1]);
  assert.equal(cache.ajvCompileCount, 1);
});
