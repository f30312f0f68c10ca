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
import { conversationParts, partsTextHash } from '../../../core/stats/shingles.ts';
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
    // Keys of one length and first character (one slot of the key hashes held): each its own hash, whichever came last.
    ['{"ab":1}', '{"ac":1}'],
    ['{"ab":1,"ac":1}', '{"ab":1,"ad":1}'],
    ['{"ac":1}', '{"ab":1}'],
    ['{"a":[1]}', '{"a":1}'],
    ['[' + '['.repeat(60) + '1' + ']'.repeat(60) + ']', '[' + '['.repeat(60) + '2' + ']'.repeat(60) + ']'],
  ];
  for (const [a, b] of pairs) assert.notEqual(key(JSON.parse(a)), key(JSON.parse(b)), `${a} vs ${b}`);
  const distinct = distinctValues(parseable([...fixtureLines(), ...generatedLines(3_000, 6)]).map((line) => [key(JSON.parse(line)), canonicalJson(JSON.parse(line))]));
  assert.ok(distinct > 3_000, `${distinct} distinct lines`);
});

/** How many distinct values the [fingerprint, canonical JSON] pairs hold; asserts that one fingerprint is never given to two values. */
function distinctValues(pairs: [string, string][]): number {
  const byKey = new Map<string, string>();
  for (const [fingerprint, canonical] of pairs) {
    const before = byKey.get(fingerprint);
    if (before === undefined) byKey.set(fingerprint, canonical);
    else assert.equal(before, canonical);
  }
  return byKey.size;
}

/** exampleFingerprint of an example, with the text hash DuplicateIndex gives it. */
function exampleKey(example: Example): string {
  const { lo, hi } = exampleFingerprint(example, partsTextHash(conversationParts(example)), { lo: 0, hi: 0 });
  return `${lo},${hi}`;
}

const asExample = (text: string) => readExample({ index: 0, text }) as Example;

/** Lines whose calls' arguments are objects (in the parts as JSON.stringify writes them, in the line's key order), some with a system or developer message. */
function linesWithObjectArguments(): string[] {
  let state = 3;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const words = ['city', 'Paris', 'unit', 'celsius', '42', 'é', 'day', 'x y'];
  const word = () => words[next() % words.length];
  return Array.from({ length: 300 }, () => {
    const call = { id: `call_${next() % 1000}`, type: 'function', function: { name: word(), arguments: { [word()]: word(), n: next() % 7, deep: { [word()]: [word(), next() % 3] } } } };
    const messages: unknown[] = [{ role: next() % 2 ? 'system' : 'developer', content: word() }, { role: 'user', content: word() + ' ' + word() }, { role: 'assistant', tool_calls: [call] }];
    if (next() % 2) messages.push({ role: 'assistant', function_call: { name: word(), arguments: { q: word() } } });
    return JSON.stringify({ messages });
  });
}

test('exampleFingerprint: texts of one example get one fingerprint (keys reversed, Python\'s spacing), calls with object arguments too', () => {
  const lines = parseable([...fixtureLines(), ...generatedLines(300, 5), ...linesWithObjectArguments()]);
  let objectArguments = 0;
  for (const line of lines) {
    const example = readExample({ index: 0, text: line });
    if (typeof example === 'string') continue;
    const value = JSON.parse(line);
    for (const other of [spaced(reversed(value)), JSON.stringify(reversed(value)), spaced(value)]) assert.equal(exampleKey(asExample(other)), exampleKey(example), line.slice(0, 80));
    if (/"arguments":\{/.test(line)) objectArguments++;
  }
  assert.ok(objectArguments >= 300, `${objectArguments} lines with object arguments`);
});

test('exampleFingerprint: examples that differ get different fingerprints, also where only a conversation text differs and keeps its length', () => {
  const base = { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'weather in paris' }, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"paris"}' } }] }, { role: 'tool', tool_call_id: 'c1', content: '{"t":21}' }] };
  const variants = [
    (v: any) => (v.messages[1].content = 'weather in rome!'),
    (v: any) => (v.messages[1].content = 'Weather in paris'),
    (v: any) => (v.messages[2].tool_calls[0].function.name = 'get_weathes'),
    (v: any) => (v.messages[2].tool_calls[0].function.arguments = '{"city":"paras"}'),
    (v: any) => (v.messages[3].content = '{"t":22}'),
    (v: any) => (v.messages[0].content = 'Be brisk.'),
    (v: any) => (v.messages[0].role = 'developer'),
    (v: any) => (v.messages[2].tool_calls[0].id = 'c2'),
    (v: any) => (v.messages[1].name = 'ann'),
    (v: any) => v.messages.splice(1, 0, { role: 'user', content: '' }),
    (v: any) => (v.messages[2].function_call = { name: 'get_weather', arguments: '{"city":"paris"}' }),
    (v: any) => (v.messages[2].tool_calls[0].function.arguments = { city: 'paris' }),
  ];
  const seen = new Map<string, number>([[exampleKey(asExample(JSON.stringify(base))), -1]]);
  variants.forEach((change, i) => {
    const value = structuredClone(base);
    change(value);
    const fingerprint = exampleKey(asExample(JSON.stringify(value)));
    assert.equal(seen.get(fingerprint), undefined, `variant ${i} has the fingerprint of ${seen.get(fingerprint)}`);
    seen.set(fingerprint, i);
  });
  const examples = parseable([...fixtureLines(), ...generatedLines(3_000, 6), ...linesWithObjectArguments()])
    .map((line) => readExample({ index: 0, text: line }))
    .filter((example): example is Example => typeof example !== 'string');
  const distinct = distinctValues(examples.map((example) => [exampleKey(example), canonicalJson(example.value)]));
  assert.ok(distinct > 3_000, `${distinct} distinct lines`);
});

test('exampleFingerprint of an example whose declarations are shared is that of the line read alone (valueFingerprint of its value when its arguments are objects), and takes the shared array\'s fingerprint once', () => {
  const reader = new SharedDeclarationsReader();
  const out = { lo: 0, hi: 0 };
  let shared = 0;
  let whole = 0;
  const arrays = new Set<object>();
  [...fixtureLines(), ...generatedLines(400, 7), ...generatedLines(400, 7), ...linesWithObjectArguments()].forEach((text, index) => {
    const example = reader.read({ index, text });
    if (typeof example === 'string') return;
    const plain = readExample({ index, text }) as Example;
    const textHash = partsTextHash(conversationParts(plain));
    assert.deepEqual({ ...exampleFingerprint(example, textHash, out) }, { ...exampleFingerprint(plain, textHash, out) });
    if (/"arguments":\{/.test(text)) {
      whole++;
      assert.deepEqual({ ...exampleFingerprint(plain, textHash, out) }, valueFingerprint(plain.value));
    }
    for (const array of Object.values(example.shared ?? {})) {
      shared++;
      arrays.add(array);
      assert.deepEqual(array.fingerprint, valueFingerprint(array.value));
    }
  });
  assert.ok(shared > 400 && arrays.size < shared && whole >= 300, `${shared} shared arrays, ${arrays.size} distinct; ${whole} walked whole`);
});
