// Plain argument texts (core/eval/plainJson.ts): compared without the Python value model, they
// must give what the Python model gives (pythonJson.ts, pythonJsonDumps.ts, pythonEquals.ts) and
// what python3 itself gives: json.dumps(sort_keys=True) to the character, == (True == 1, -0 == 0,
// dict order ignored), and the value in insertion order when the structural check asks for it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { compareCalls, parseArguments } from '../../../core/eval/metrics.ts';
import { plainEquals, plainToPython, readPlainJson, writePlainDumps } from '../../../core/eval/plainJson.ts';
import { pythonEquals } from '../../../core/eval/pythonEquals.ts';
import { parsePythonJson } from '../../../core/eval/pythonJson.ts';
import { DumpsBuffer, pythonJsonDumps } from '../../../core/eval/pythonJsonDumps.ts';
import { mulberry32 } from '../../../core/random.ts';

const random = mulberry32(2026);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

// Keys that trip plain JS objects: integer-like (JS lists them first), prototype names, escapes.
const KEYS = ['a', 'b', 'city', '1', '10', '2x', '0', '__proto__', 'constructor', 'toString', 'é', '\u{1F600}', '\uffff', 'Z', 'k k', 'q"q', ''];
const SCALARS = ['0', '-0', '1', '-1', 'true', 'false', 'null', '7', '123456789012345', '-999999999999999', '"1"', '"true"', '"text"', '"\\u00e9\\ud83d\\ude00"', '"\\ud800"', '"tab\\tnl\\n"', '"Zürich"', '"\u{1F680}"', '""'];
// Not plain (floats, 16+ digits, NaN, not JSON), or plain only in a string: the slow path's share.
const OTHERS = ['1.0', '1e400', '-0.0', '2.5', '1E3', '9007199254740993', '1234567890123456', '"id 1234567890123456"', '"v1.2"', 'NaN', 'Infinity'];

function value(depth: number): string {
  const roll = int(10);
  if (depth > 3 || roll < 4) return pick(random() < 0.9 ? SCALARS : OTHERS);
  if (roll < 6) return `[${Array.from({ length: int(4) }, () => value(depth + 1)).join(pick([', ', ',', ' , ']))}]`;
  // Duplicate keys are drawn on purpose: the last value wins, at the first key's place.
  return `{${Array.from({ length: int(5) }, () => `${JSON.stringify(pick(KEYS))}: ${value(depth + 1)}`).join(pick([', ', ',', '\n']))}}`;
}

// A variant that Python may still find equal: True for 1, 0 for -0 or False, keys reordered.
function variant(text: string): string {
  return pick([
    () => text.replace(/\btrue\b/, '1'),
    () => text.replace(/\b1\b/, 'true'),
    () => text.replace(/-0\b/, '0'),
    () => text.replace(/\bfalse\b/, '0'),
    () => text.replace(/\b0\b/, 'false'),
    () => text.replace(/\d/, String(int(10))),
    () => value(0),
    () => text,
  ])();
}

function makePairs(count: number): [string, string][] {
  return Array.from({ length: count }, () => {
    const expected = random() < 0.3 ? JSON.stringify({ city: pick(['Paris', 'Zürich', 'São Paulo']), days: int(10), hourly: random() < 0.5 }) : value(0);
    return [expected, variant(expected)];
  });
}

const dumps = (write: (out: DumpsBuffer) => void): string => {
  const out = new DumpsBuffer();
  write(out);
  return String.fromCharCode(...out.codes.subarray(0, out.length));
};

test('plain texts give the dumps, == and insertion-ordered value of the Python model on 4,000 seeded pairs', () => {
  const pairs = makePairs(4000);
  let plain = 0;
  let equalPairs = 0;
  let mixedEqual = 0;
  for (const [a, b] of pairs) {
    for (const text of [a, b]) {
      const p = readPlainJson(text);
      if (p === undefined) continue;
      plain++;
      const python = parsePythonJson(text);
      assert.equal(dumps((out) => writePlainDumps(p, out)), pythonJsonDumps(python, { sortKeys: true }), text);
      // Unsorted dumps shows the order of keys: the converted value must keep json.loads's.
      assert.equal(pythonJsonDumps(plainToPython(p, text)), pythonJsonDumps(python), text);
    }
    const pa = readPlainJson(a);
    const pb = readPlainJson(b);
    if (pa === undefined || pb === undefined) continue;
    const want = pythonEquals(parsePythonJson(a), parsePythonJson(b));
    assert.equal(plainEquals(pa, pb), want, `${a} == ${b}`);
    assert.equal(plainEquals(pb, pa), want, `${b} == ${a}`);
    if (want) equalPairs++;
    if (want && a !== b) mixedEqual++;
  }
  assert.ok(plain >= 5000 && equalPairs >= 1000 && mixedEqual >= 150, `${plain} plain texts, ${equalPairs} equal pairs, ${mixedEqual} of them with different texts`);
});

test('readPlainJson leaves floats, 16 digits, long texts and what JSON.parse rejects to the Python parser', () => {
  for (const text of ['{"x": 1.0}', '1e400', '[-0.0]', '{"id": 9007199254740993}', '"1234567890123456"', '{"v": "v1.2"}', '{"a": NaN}', '[1, 2,]', '{"a": 1', '\ufeff{}', `[${'1, '.repeat(200)}1]`]) {
    assert.equal(readPlainJson(text), undefined, text);
  }
  assert.deepEqual(readPlainJson('{"b": [true, -0], "1": null}'), { 1: null, b: [true, -0] });
  assert.equal(readPlainJson(`[${'1, '.repeat(132)}1]`)?.toString(), `${'1,'.repeat(132)}1`);
});

test('plainEquals reads only own keys: a key named like a prototype property is not found in another object', () => {
  const equal = (a: string, b: string) => plainEquals(readPlainJson(a)!, readPlainJson(b)!);
  assert.deepEqual(
    [equal('{"__proto__": {}}', '{"y": {}}'), equal('{"__proto__": {}}', '{"__proto__": {}}'), equal('{"constructor": 1}', '{"x": 1}'), equal('[true, {"a": 0}]', '[1, {"a": false}]'), equal('[-0]', '[0]'), equal('{"a": 1, "a": 2}', '{"a": 2}'), equal('[]', '{}'), equal('null', '0'), equal('"1"', '1')],
    [false, true, false, true, true, true, false, false, false],
  );
});

test('parseArguments keeps the plain value only for plain texts, and both kinds give the Python value', () => {
  const plain = parseArguments('{"2": 1, "a": true, "1": [false]}')!;
  assert.deepEqual(plain.plain, { 1: [false], 2: 1, a: true });
  assert.equal(pythonJsonDumps(plain.value), '{"2": 1, "a": true, "1": [false]}');
  const float = parseArguments('{"x": 1.0, "y": 2}')!;
  assert.equal(float.plain, undefined);
  assert.equal(pythonJsonDumps(float.value), '{"x": 1.0, "y": 2}');
  assert.equal(parseArguments('{"x": NaN}')!.plain, undefined);
  assert.equal(parseArguments('{"x": 1'), undefined);
});

// Per [expected, predicted] line: null when either fails json.loads, else [==, dumps of the
// expected value, ratio with autojunk].
const PYTHON = `
import difflib, json, sys
for line in sys.stdin:
    expected, predicted = json.loads(line)
    try:
        e, p = json.loads(expected), json.loads(predicted)
    except Exception:
        print('null')
        continue
    a, b = json.dumps(p, sort_keys=True), json.dumps(e, sort_keys=True)
    print(json.dumps([e == p, b, difflib.SequenceMatcher(None, a, b).ratio()]))
`;

test('compareCalls on plain texts equals python3 on 2,000 seeded pairs: ==, dumps and ratio', (t) => {
  if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed');
  const pairs = makePairs(2000);
  const run = spawnSync('python3', ['-c', PYTHON], { input: pairs.map((p) => JSON.stringify(p)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  const python = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as [boolean, string, number] | null);
  assert.equal(python.length, 2000);
  let plainPairs = 0;
  let exactWithDifferentTexts = 0;
  pairs.forEach(([want, got], n) => {
    const label = `pair ${n}: ${JSON.stringify([want, got])}`;
    const result = compareCalls({ name: 'f', arguments: want }, { name: 'f', arguments: got });
    const expected = python[n];
    if (expected === null) {
      assert.ok(result.unparseable !== undefined, label);
      return;
    }
    assert.deepEqual([result.exact, result.similarity], [expected[0], expected[2]], label);
    const p = readPlainJson(want);
    if (p !== undefined) assert.equal(dumps((out) => writePlainDumps(p, out)), expected[1], label);
    if (p !== undefined && readPlainJson(got) !== undefined) plainPairs++;
    if (expected[0] && want !== got) exactWithDifferentTexts++;
  });
  assert.ok(plainPairs >= 1200 && exactWithDifferentTexts >= 100, `${plainPairs} plain pairs, ${exactWithDifferentTexts} equal with different texts`);
});
