// Arguments parsed by JSON.parse (metrics.ts's plain path) against the Python value model
// (parsePythonJson, pythonJsonDumps, pythonEquals) on the same texts: the plain value must stand
// for the Python one exactly, in its value (key order, ints), its json.dumps(sort_keys=True) and
// its ==. The texts mix the bench's calls with every case the plain test must refuse or accept:
// floats, exponents, big ints, digit-led keys, duplicate and __proto__ keys, -0, escapes,
// astral and lone-surrogate keys, bools against 0 and 1, deep nesting.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { neverCloses, parseArguments } from '../../../core/eval/metrics.ts';
import { plainEquals, pythonEquals } from '../../../core/eval/pythonEquals.ts';
import { tryParsePythonJson, type PyJson } from '../../../core/eval/pythonJson.ts';
import { DumpsBuffer, pythonJsonDumps, writePlainJsonDumps } from '../../../core/eval/pythonJsonDumps.ts';
import { mulberry32 } from '../../../core/random.ts';
import { pythonValueOfParsed } from '../../../core/eval/tokenNumbers.ts';

const random = mulberry32(818);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

const KEYS = ['a', 'b', 'city', 'days', '__proto__', 'constructor', '1a', '0', '-1', 'é', '\u{1F600}', '\uffff', '\\ud83d', 'k"q', 'x y', ''];
const SCALARS = ['0', '1', '-0', '7', '-12', 'true', 'false', 'null', '9007199254740991', '9007199254740992', '-9007199254740993', '123456789012345678901234567890', '1.0', '2.5', '1e5', '-0.0', '"Paris"', '"S\\u00e3o Paulo"', '"tab\\there"', '"\\ud83d\\ude00"', '"\\ud800"', '"\u00e9"', '"a\\/b"'];

function value(depth: number): string {
  const kind = depth > 3 ? 0 : int(4);
  if (kind === 0 || kind === 1) return pick(SCALARS);
  if (kind === 2) return `[${Array.from({ length: int(4) }, () => value(depth + 1)).join(', ')}]`;
  return `{${Array.from({ length: int(5) }, () => `"${pick(KEYS)}": ${value(depth + 1)}`).join(random() < 0.5 ? ', ' : ',')}}`;
}

function bench(): string {
  return JSON.stringify({ city: pick(['Paris', 'Zürich', '\u{1F600}ville']), unit: pick(['celsius', 'fahrenheit']), days: int(10), include_hourly: random() < 0.5, query: `weather forecast ${int(1000)}` });
}

function texts(): string[] {
  const out: string[] = [];
  for (let n = 0; n < 3000; n++) out.push(random() < 0.3 ? bench() : value(0));
  // Many keys (more than the insertion sort takes), nesting at and past the plain depth.
  out.push(`{${Array.from({ length: 30 }, (_, k) => `"k${(k * 7) % 30}": ${k}`).join(', ')}}`);
  out.push('['.repeat(199) + ']'.repeat(199), '['.repeat(200) + ']'.repeat(200), '['.repeat(201) + '1' + ']'.repeat(201));
  out.push('{"a": 1, "a": 2}', '{"__proto__": {"x": 1}}', '[1,2', 'NaN', '{"a": Infinity}', '\ufeff{}');
  // For the number tokens: a repeated key that drops a string (as many numbers as tokens, in
  // another order), floats past the double's range, ints past 2**53 and past 4,300 digits.
  out.push('{"a": "x", "b": 1.0, "a": 2}', '{"a": 1.5, "a": 2}', '[1e400, -0.0, 1E2, 12345678901234567890.5, -12345678901234567890]', `[1.5, ${'9'.repeat(4300)}]`, `[1.5, ${'9'.repeat(4301)}]`, '{"1": 1.5}', '{"s": "1.5 \\" 2e3", "n": 3.25}');
  return out;
}

const dumpsOf = (plain: unknown): string => {
  const buffer = new DumpsBuffer();
  writePlainJsonDumps(plain, buffer);
  return String.fromCharCode(...buffer.codes.subarray(0, buffer.length));
};

test('a plain parse stands for the Python value: the same value, json.dumps(sort_keys=True) and ==', () => {
  const all = texts();
  let plain = 0;
  let python = 0;
  let rejected = 0;
  let declined = 0;
  let notJson = 0;
  const parsed: { text: string; plain: unknown; value: PyJson }[] = [];
  for (const text of all) {
    const want = tryParsePythonJson(text);
    const got = parseArguments(text);
    if (want === undefined) {
      assert.equal(got, undefined, text);
      rejected++;
      continue;
    }
    assert.ok(got !== undefined, text);
    // deepEqual compares Maps in insertion order and bigints by value.
    assert.deepEqual([...walk(got.value)], [...walk(want)], text);
    if (got.plain === undefined) {
      python++;
      // Read through JSON.parse and the number tokens, or left to the JavaScript json.loads.
      const byTokens = canJsonParse(text) ? pythonValueOfParsed(text, JSON.parse(text)) : null;
      if (byTokens === null) notJson++;
      else if (byTokens === undefined) declined++;
      else assert.deepEqual([...walk(byTokens)], [...walk(want)], text);
      continue;
    }
    plain++;
    assert.equal(dumpsOf(got.plain), pythonJsonDumps(want, { sortKeys: true }), text);
    parsed.push({ text, plain: got.plain, value: want });
  }
  assert.deepEqual({ plain, python, rejected, declined, notJson }, { plain: 2068, python: 764, rejected: 185, declined: 226, notJson: 2 });
  let equal = 0;
  let equalTextsDiffer = 0;
  for (let n = 0; n < 6000; n++) {
    const a = pick(parsed);
    // Half the pairs from the same text re-parsed, or one scalar changed: equal or nearly.
    const b = random() < 0.5 ? parseArguments(random() < 0.5 ? a.text : a.text.replace(/true|false|\b[01]\b/, (m) => ({ true: '1', false: '0', 1: 'true', 0: 'false' })[m]!)) : parseArguments(pick(parsed).text);
    if (b?.plain === undefined) continue;
    const want = pythonEquals(a.value, tryParsePythonJson(b.text)!);
    assert.equal(plainEquals(a.plain, b.plain), want, `${a.text} == ${b.text}`);
    if (want) equal++;
    if (want && a.text !== b.text) equalTextsDiffer++;
  }
  // Equal pairs of differing texts: True == 1, a key repeated, other spacing.
  assert.deepEqual({ equal, equalTextsDiffer }, { equal: 2982, equalTextsDiffer: 819 });
});

function canJsonParse(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Per [a, b] line: [json.dumps(loads(a), sort_keys=True), loads(a) == loads(b)], or null when
// json.loads rejects either.
const PYTHON = `
import json, sys
for line in sys.stdin:
    a, b = json.loads(line)
    try:
        x, y = json.loads(a), json.loads(b)
    except Exception:
        print('null')
        continue
    print(json.dumps([json.dumps(x, sort_keys=True), x == y]))
`;

test('the plain and the number-token paths equal python3: json.dumps(sort_keys=True) and == on 3,000 seeded pairs', (t) => {
  if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed');
  const all = texts();
  const pairs = Array.from({ length: 3000 }, (_, n): [string, string] => {
    const a = all[n % all.length]!;
    return [a, random() < 0.5 ? a.replace(/true|false|\b[01]\b|\.5\b/, (m) => ({ true: '1', false: '0', 1: 'true', 0: 'false', '.5': '.50' })[m]!) : pick(all)];
  });
  const run = spawnSync('python3', ['-c', PYTHON], { input: pairs.map((p) => JSON.stringify(p)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as [string, boolean] | null);
  const paths = { plain: 0, tokens: 0, equal: 0 };
  pairs.forEach(([a, b], n) => {
    const x = parseArguments(a);
    const y = parseArguments(b);
    const python = lines[n];
    if (python === null) return assert.ok(x === undefined || y === undefined, a + ' / ' + b);
    assert.ok(x !== undefined && y !== undefined);
    const dumps = x.plain !== undefined ? dumpsOf(x.plain) : pythonJsonDumps(x.value, { sortKeys: true });
    const equal = x.plain !== undefined && y.plain !== undefined ? plainEquals(x.plain, y.plain) : pythonEquals(x.value, y.value);
    assert.deepEqual([dumps, equal], python, a + ' / ' + b);
    if (x.plain !== undefined) paths.plain++;
    else if (canJsonParse(a) && pythonValueOfParsed(a, JSON.parse(a)) !== undefined) paths.tokens++;
    if (equal) paths.equal++;
  });
  assert.deepEqual(paths, { plain: 1994, tokens: 417, equal: 1318 });
});

// A value's parts in order, Maps as their entries (deepEqual alone would not see key order).
function* walk(v: PyJson): Generator<unknown> {
  if (v instanceof Map) {
    yield 'map';
    for (const [key, item] of v) {
      yield key;
      yield* walk(item);
    }
    yield 'end';
  } else if (Array.isArray(v)) {
    yield 'list';
    for (const item of v) yield* walk(item);
    yield 'end';
  } else yield v;
}

test('floats take the plain path only when every float token is a non-integral number of the value', (t) => {
  // [text, plain?]: a float token read as an integral double (1.0, 1e2, -0.0, 2**60 written with
  // an exponent), dropped by a repeated key, or beside a float-like string must be declined.
  const cases: [string, boolean][] = [
    ['{"a": 2.5}', true],
    ['{"a": 2.5, "b": [1e-7, -0.25, 3]}', true],
    ['[1e400, -1e400, 5e-324, 1000000000000000.5, 1.5E-3, 0.1]', true],
    ['[1.5E+3, 2.5]', false],
    ['{"a": 1.0}', false],
    ['{"a": 2.5, "b": 1.0}', false],
    ['[1e2, 2.5]', false],
    ['[-0.0, 2.5]', false],
    ['[1.152921504606847e18, 2.5]', false],
    ['{"a": 2.5, "a": 3.5}', false],
    ['{"a": 2.5, "a": 3}', false],
    ['{"a": 3, "a": 2.5}', true],
    ['{"s": "1.5", "n": 2.5}', false],
    ['{"s": "v1e5", "n": 2.5}', false],
    ['{"1.5": 2.5}', false],
    ['{"k": 2.5, "big": 9007199254740993}', false],
    ['{"k": 2.5, "0k": 1}', false],
  ];
  const lines: string[] = [];
  for (const [text, plain] of cases) {
    const got = parseArguments(text)!;
    assert.equal(got.plain !== undefined, plain, text);
    const want = tryParsePythonJson(text)!;
    assert.deepEqual([...walk(got.value)], [...walk(want)], text);
    if (plain) assert.equal(dumpsOf(got.plain), pythonJsonDumps(want, { sortKeys: true }), text);
    lines.push(JSON.stringify([text, text]));
  }
  if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed');
  const run = spawnSync('python3', ['-c', PYTHON], { input: lines.join('\n') + '\n', encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const python = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as [string, boolean]);
  cases.forEach(([text, plain], n) => {
    if (!plain) return;
    const got = parseArguments(text)!;
    assert.deepEqual([dumpsOf(got.plain), plainEquals(got.plain, parseArguments(text)!.plain)], python[n], text);
  });
});

test('a text that opens a bracket it never closes is rejected by JSON.parse, and parsed as json.loads parses it', () => {
  // Every prefix of these texts (truncated calls), padded with JSON's whitespace and with others.
  const wholes = [
    '{"currency_0":"celsius","region_1":["with","format"],"country_2":"message timezone 49","amount_3":["time","the"]}',
    '{\n "of_3": "closed",\n "origin_2": "recipient start 66",\n "user_1": 201,\n "end_0": 297\n}',
    '{"page_0":59.62,"the_1":135,"total_2":"a year 4","n":[1e5,-0.0,{"a":[]}],"t":true,"f":false,"z":null}',
    '[{"a": "}"}, ["]", "\\"", "\\u005d"], {}, [], NaN, Infinity]',
    '{"s": "{[}]", "k\\"}": {"nested": [[{"deep": [1, 2, {"x": "y"}]}]]}}',
    '"a string" ',
    '12.5e3',
  ];
  const pads = ['', ' ', '\n\t\r ', '\u00a0', '\ufeff'];
  const counts = { neverCloses: 0, rejectedOtherwise: 0, parsed: 0 };
  for (const whole of wholes) {
    for (let end = 0; end <= whole.length; end++) {
      for (let p = 0; p < pads.length; p++) {
        const text = pads[p] + whole.slice(0, end) + pads[(end + p) % pads.length];
        const rejected = !canJsonParse(text);
        // The same answer as json.loads, whichever way it was reached.
        assert.equal(parseArguments(text) === undefined, tryParsePythonJson(text) === undefined, text);
        if (neverCloses(text)) {
          assert.ok(rejected, text);
          counts.neverCloses++;
        } else if (rejected) counts.rejectedOtherwise++;
        else counts.parsed++;
      }
    }
  }
  assert.deepEqual(counts, { neverCloses: 1250, rejectedOtherwise: 983, parsed: 17 });
});
