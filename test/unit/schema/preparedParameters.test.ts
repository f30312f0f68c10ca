// prepareParameters skips the type-mapping and flag-lifting walks after a scan finds nothing for
// them, and keys an unchanged schema from the canonical text its caller wrote. Both must give
// exactly what the two walks and SchemaCache.keyOf give: compared on every parameters schema of
// the fixtures and of generated lines, and on schemas made to catch a scan that looks too little.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareParameters, standardizeSchema } from '../../../core/schema/preparedParameters.ts';
import { liftRequiredFlags, normalizeTypes, SchemaCache } from '../../../core/schema/index.ts';
import { canonicalJsonOfParsed, canonicalKey } from '../../../core/schema/canonical.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

/** Every parameters value declared in the fixtures and in generated lines (objects or not). */
function declaredParameters(): unknown[] {
  const found: unknown[] = [];
  for (const line of [...fixtureLines(), ...generatedLines(300, 7)]) {
    let value: unknown;
    try {
      value = JSON.parse(line.replace(/^\uFEFF/, ''));
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    const { tools, functions } = value as { tools?: unknown; functions?: unknown };
    for (const tool of [...(Array.isArray(tools) ? tools : []), ...(Array.isArray(functions) ? functions : [])]) {
      const fn = (tool as { function?: unknown } | null)?.function ?? tool;
      if (typeof fn === 'object' && fn !== null && 'parameters' in fn) found.push((fn as { parameters: unknown }).parameters);
    }
  }
  return found;
}

const nested = (levels: number, leaf: Record<string, unknown>): Record<string, unknown> => {
  let schema = leaf;
  for (let i = 0; i < levels; i++) schema = { type: 'object', properties: { p: schema } };
  return schema;
};

/** Parsed schemas where a rewrite hides in an odd place, or where something looks like one and is not. */
const oddParsedSchemas = (): unknown[] =>
  [
    '{"type":"dict","properties":{"a":{"type":"str"}}}',
    '{"type":"object","properties":{"type":{"type":"string"},"required":{"type":"boolean"}}}',
    '{"type":"object","properties":{"a":{"type":"string","required":true},"b":{"type":"integer","required":false}}}',
    '{"type":"object","required":["a"],"properties":{"a":{"type":"string"},"b":{"type":"number","required":true}}}',
    '{"type":"object","properties":{"a":{"type":["string","Integer",3,null]}}}',
    '{"type":"object","properties":{"a":{"type":["string",3,null]}}}',
    '{"type":"object","properties":{"a":{"enum":["dict","float"],"default":{"type":"dict","required":true}}}}',
    '{"type":"object","properties":{"a":{"anyOf":[{"type":"float"},{"type":"null"}]},"b":{"items":[{"type":"int"}]}}}',
    '{"type":"object","$defs":{"x":{"type":"Any","required":true}},"properties":{"a":{"$ref":"#/$defs/x"}}}',
    '{"type":"object","properties":{"__proto__":{"type":"float","required":true},"constructor":{"type":"list"}}}',
    '{"type":"object","properties":{"a":{"type":"object","additionalProperties":{"type":"HashMap"}}}}',
    '{"type":"object","examples":[{"type":"float"}],"properties":{}}',
    '{"type":"Object","required":true}',
    '{"type":[],"required":"yes"}',
    '{}',
    `{"type":"object","properties":{"big":{"type":"string","enum":[${Array.from({ length: 10_001 }, (_, i) => i).join(',')}]}}}`,
  ].map((text) => JSON.parse(text));

/** Also values only code makes: deeper than the walks go, cyclic, shared, inherited keys. */
function oddSchemas(): unknown[] {
  const inherited = Object.create({ required: true }) as Record<string, unknown>;
  inherited.type = 'object';
  const cyclic: Record<string, unknown> = { type: 'object', properties: {} };
  (cyclic.properties as Record<string, unknown>).self = cyclic;
  const shared = { type: 'float' };
  return [
    ...oddParsedSchemas(),
    nested(40, { type: 'float', required: true }), // 81 levels: past the scan's depth, so both walks run
    nested(40, { type: 'string' }),
    nested(31, { type: 'double' }), // 63 levels: inside the walks' reach
    { type: 'object', properties: { p: { type: 'object', properties: { q: inherited } } } },
    cyclic,
    { type: 'object', properties: { a: shared, b: shared } },
    { type: 'object', properties: { a: { type: 'string' } }, nothing: undefined },
  ];
}

test('standardizeSchema gives what normalizeTypes then liftRequiredFlags give, the same object when neither changes anything', () => {
  const schemas = [...declaredParameters(), ...oddSchemas()];
  let unchanged = 0;
  let mapped = 0;
  let lifted = 0;
  for (const parameters of schemas) {
    const normalized = normalizeTypes(parameters);
    const walks = liftRequiredFlags(normalized.schema);
    const prepared = standardizeSchema(parameters);
    const label = parameters === schemas[schemas.length - 3] ? 'cyclic' : String(JSON.stringify(parameters)).slice(0, 200);
    assert.deepEqual(prepared.nonStandard, normalized.nonStandard, label);
    assert.deepEqual(prepared.flags, walks.flags, label);
    if (walks.schema === parameters) {
      assert.equal(prepared.schema, parameters, label);
      unchanged++;
    } else {
      assert.deepEqual(prepared.schema, walks.schema, label);
      assert.notEqual(prepared.schema, parameters, label);
    }
    if (normalized.nonStandard.length > 0) mapped++;
    if (walks.flags.length > 0) lifted++;
  }
  // Pinned, so that the comparison cannot silently shrink to nothing.
  assert.deepEqual({ schemas: schemas.length, unchanged, mapped, lifted }, { schemas: 1034, unchanged: 1001, mapped: 29, lifted: 7 });
});

test('prepareParameters keys the schema as SchemaCache.keyOf does, with or without the canonical text', () => {
  const cache = new SchemaCache();
  let keyed = 0;
  let refused = 0;
  for (const parameters of [...declaredParameters(), ...oddParsedSchemas(), nested(40, { type: 'float' })]) {
    if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) continue;
    const record = parameters as Record<string, unknown>;
    const withText = prepareParameters(record, cache, canonicalJsonOfParsed(record));
    const without = prepareParameters(record, cache);
    const expected = cache.keyOf(liftRequiredFlags(normalizeTypes(record).schema).schema);
    assert.deepEqual(withText.key, expected);
    assert.deepEqual(without.key, expected);
    if (typeof expected === 'string') {
      assert.equal(expected, canonicalKey(withText.schema));
      keyed++;
    } else {
      refused++;
    }
  }
  assert.deepEqual({ keyed, refused }, { keyed: 1026, refused: 2 });
});

test('an over-budget schema is refused with the same problem whether or not its canonical text is given', () => {
  const cache = new SchemaCache({ budget: { maxProperties: 3 } });
  const parameters = { type: 'object', properties: { a: {}, b: {}, c: {}, d: {} } };
  const withText = prepareParameters(parameters, cache, canonicalJsonOfParsed(parameters));
  assert.deepEqual(withText.key, cache.keyOf(parameters));
  assert.equal(typeof withText.key, 'object');
  assert.equal(cache.compileKeyed(withText.schema, withText.key).validate, null);
  assert.deepEqual(cache.compileKeyed(withText.schema, withText.key).problems, cache.compile(parameters).problems);
  assert.deepEqual(cache.stats, { compiles: 0, hits: 0, size: 0 });
});
