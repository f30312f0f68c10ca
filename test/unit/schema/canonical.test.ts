// canonicalKey: equal JSON values give equal keys whatever the key order; no recursion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { canonicalKey } from '../../../core/schema/index.ts';
import { canonicalJson, canonicalJsonOfParsed, canonicalKeyOfAcyclic } from '../../../core/schema/canonical.ts';
import { SchemaCache } from '../../../core/schema/schemaCache.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

test('canonical JSON sorts object keys and keeps array order', () => {
  assert.equal(canonicalJson({ b: 1, a: [3, { d: null, c: 'x"y' }], e: true }), '{"a":[3,{"c":"x\\"y","d":null}],"b":1,"e":true}');
  assert.equal(canonicalJson('text'), '"text"');
  assert.equal(canonicalJson([]), '[]');
  assert.equal(canonicalJson({}), '{}');
  assert.equal(canonicalJson(-0), '0');
});

test('canonicalKey is the sha1 hex of the canonical JSON', () => {
  assert.equal(canonicalKey({ b: 1, a: 2 }), createHash('sha1').update('{"a":2,"b":1}').digest('hex'));
  assert.equal(canonicalKey({ b: 1, a: 2 }), canonicalKey({ a: 2, b: 1 }));
  assert.notEqual(canonicalKey([1, 2]), canonicalKey([2, 1]));
  assert.notEqual(canonicalKey('1'), canonicalKey(1));
});

test('values JSON cannot hold and cycles do not throw', () => {
  assert.equal(canonicalJson({ a: undefined, f: () => 1 }), '{"a":null,"f":null}');
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  assert.equal(canonicalJson(cyclic), '{"a":1,"self":"[Circular]"}');
  const shared = { x: 1 };
  assert.equal(canonicalJson([shared, shared]), '[{"x":1},{"x":1}]');
});

test('canonicalKeyOfAcyclic (SchemaCache keys) equals canonicalKey on every declaration and parameters schema of the fixtures and generated lines, and on odd values', () => {
  const values: unknown[] = [];
  for (const line of [...fixtureLines(), ...generatedLines(200, 11)]) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const tools = (parsed as { tools?: unknown })?.tools;
    if (!Array.isArray(tools)) continue;
    for (const tool of tools) values.push(tool, (tool as { function?: { parameters?: unknown } })?.function?.parameters);
  }
  let deep: unknown = { leaf: [1, 'x'] };
  for (let i = 0; i < 200; i++) deep = { ['k' + (i % 3)]: deep, n: i }; // past the faster writer's recursion depth
  const shared = { z: 1, a: [null] };
  const holes: unknown[] = [1];
  holes[3] = 2;
  values.push(
    deep,
    { a: undefined, f: () => 1, b: 10n, c: -0, d: NaN, e: Infinity, g: [undefined, () => 2] },
    holes,
    [shared, { s: shared }],
    JSON.parse('{"__proto__": {"type": "string"}, "constructor": 1}'),
    { '\ud83d\ude00': '\ud800', 'é': 'a\u2028b', '': '"\\' },
    new Map([[1, 2]]),
    true,
    null,
    'text',
    1e21,
  );
  for (const value of values) assert.equal(canonicalKeyOfAcyclic(value), canonicalKey(value));
  assert.equal(values.length, 1759);
});

test('the faster writer quotes keys and strings as JSON.stringify does, for every kind of UTF-16 text', () => {
  // Every code unit class JSON.stringify treats apart: controls, quote, backslash, DEL, U+2028,
  // non-ASCII, surrogate pairs, lone and reversed surrogates; alone, at either end and mixed.
  const pieces = ['a', 'Z ~', '\u0000', '\u001f', '\u0020', '"', '\\', '/', '\u007f', '\u2028', 'é', '中', '\ud83d\ude00', '\ud800', '\udfff', '\udc00\ud800', '\n', '\t'];
  let seed = 5;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const texts = [''];
  for (const piece of pieces) texts.push(piece, 'x' + piece, piece + 'x');
  for (let i = 0; i < 2000; i++) texts.push(Array.from({ length: 1 + Math.floor(next() * 6) }, () => pieces[Math.floor(next() * pieces.length)]).join(''));
  for (const text of texts) {
    assert.equal(canonicalJsonOfParsed(text), JSON.stringify(text));
    assert.equal(canonicalJsonOfParsed({ [text]: text, a: [text] }), canonicalJson({ [text]: text, a: [text] }));
  }
});

test('a cyclic schema never reaches the key: the budget refuses it first', () => {
  const cyclic: Record<string, unknown> = { type: 'object', properties: {} };
  (cyclic.properties as Record<string, unknown>).self = cyclic;
  const compiled = new SchemaCache().compile(cyclic);
  assert.equal(compiled.validate, null);
  assert.equal(compiled.problems[0]?.message, 'The schema nests deeper than 64 levels; flatten it (tool parameters are rarely more than a few levels deep).');
});
