// The fingerprint (valueFingerprint.ts) decides which examples skip their exact key: equal values,
// however written, must get equal fingerprints, or exact copies would be missed. Different values
// should get different ones (a collision costs a key and a second read, not a wrong group: that
// is deferredKeys.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../../../core/schema/canonical.ts';
import { exampleFingerprint, valueFingerprint } from '../../../core/stats/valueFingerprint.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { SharedDeclarationsReader } from '../../../core/stats/sharedDeclarations.ts';
import { fixtureLines, generatedLines, spaced } from '../../helpers/datasetLines.ts';

/** Lines that are JSON. */
const parseable = (lines: string[]) =>
  lines.filter((line) => {
    try {
      JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  });

const key = (value: unknown) => {
  const { lo, hi } = valueFingerprint(value);
  return `${lo},${hi}`;
};

/** The value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
}

test('texts of one JSON value get one fingerprint: key order, spacing, escapes, number forms, repeated keys', () => {
  const same: string[][] = [
    ['{"a":1,"b":[true,null,"x"]}', '{ "b" : [ true , null , "x" ] , "a" : 1 }', '{"b":[true,null,"\\u0078"],"a":1.0}'],
    ['{"n":100}', '{"n":1e2}', '{"n":1E+2}', '{"n":100.000}'],
    ['{"z":0}', '{"z":-0}', '{"z":0.0e5}'],
    // A number past a double's range parses to Infinity, which JSON.stringify (the exact key) writes as null.
    ['{"big":1e400,"small":-1e400}', '{"big":null,"small":null}'],
    ['{"s":"caf\\u00e9 \\/ \\t"}', '{"s":"café / \\t"}', '{"s":"caf\\u00E9 / \\u0009"}'],
    ['{"k":1,"k":2}', '{"k":2}'],
    ['{"__proto__":{"x":1},"2":"two","10":"ten"}', '{"10":"ten","2":"two","__proto__":{"x":1}}'],
    ['{"deep":' + '['.repeat(100) + '1' + ']'.repeat(100) + '}', '{ "deep" : ' + '[ '.repeat(100) + '1' + ' ]'.repeat(100) + '}'],
  ];
  for (const texts of same) {
    const keys = texts.map((text) => key(JSON.parse(text)));
    assert.deepEqual(keys, texts.map(() => keys[0]), texts.join('  vs  '));
  }
  for (const line of parseable([...fixtureLines(), ...generatedLines(200, 5)])) {
    const value = JSON.parse(line);
    assert.equal(key(JSON.parse(spaced(reversed(value)))), key(value), line.slice(0, 80));
  }
});

test('values that differ get different fingerprints: close pairs, and every distinct fixture and generated line', () => {
  const pairs: [string, string][] = [
    ['[1,2]', '[2,1]'],
    ['{"a":1,"b":2}', '{"a":2,"b":1}'],
    ['{"a":"b"}', '{"b":"a"}'],
    ['"ab"', '"ba"'],
    ['"abc"', '"abd"'],
    ['""', '"\\u0000"'],
    ['[]', '{}'],
    ['[[]]', '[]'],
    ['[null]', '[]'],
    ['0', 'false'],
    ['null', 'false'],
    ['1', '"1"'],
    ['1', '1.5'],
    ['0.1', '0.30000000000000004'],
    ['{"a":{"b":1}}', '{"a":{"c":1}}'],
    ['{"a":[1]}', '{"a":1}'],
    ['[' + '['.repeat(60) + '1' + ']'.repeat(60) + ']', '[' + '['.repeat(60) + '2' + ']'.repeat(60) + ']'],
  ];
  for (const [a, b] of pairs) assert.notEqual(key(JSON.parse(a)), key(JSON.parse(b)), `${a} vs ${b}`);
  const byKey = new Map<string, string>();
  let distinct = 0;
  for (const line of parseable([...fixtureLines(), ...generatedLines(3_000, 6)])) {
    const canonical = canonicalJson(JSON.parse(line));
    const fingerprint = key(JSON.parse(line));
    const before = byKey.get(fingerprint);
    if (before === undefined) {
      byKey.set(fingerprint, canonical);
      distinct++;
    } else assert.equal(before, canonical);
  }
  assert.ok(distinct > 3_000, `${distinct} distinct lines`);
});

test('exampleFingerprint of an example whose declarations are shared is valueFingerprint of its value, and takes the shared array\'s fingerprint once', () => {
  const reader = new SharedDeclarationsReader();
  const out = { lo: 0, hi: 0 };
  let shared = 0;
  const arrays = new Set<object>();
  [...fixtureLines(), ...generatedLines(400, 7), ...generatedLines(400, 7)].forEach((text, index) => {
    const example = reader.read({ index, text });
    if (typeof example === 'string') return;
    const plain = readExample({ index, text }) as Example;
    assert.deepEqual(exampleFingerprint(example, out), valueFingerprint(plain.value));
    assert.deepEqual(exampleFingerprint(plain, out), valueFingerprint(plain.value));
    for (const array of Object.values(example.shared ?? {})) {
      shared++;
      arrays.add(array);
      assert.deepEqual(array.fingerprint, valueFingerprint(array.value));
    }
  });
  assert.ok(shared > 400 && arrays.size < shared, `${shared} shared arrays, ${arrays.size} distinct`);
});
