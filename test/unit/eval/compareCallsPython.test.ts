// compareCalls against Python itself (python3, when present): for seeded argument pairs, the
// similarity must equal SequenceMatcher(None, dumps(loads(predicted), sort_keys=True),
// dumps(loads(expected), sort_keys=True)).ratio() and exact must equal loads(expected) ==
// loads(predicted), as the lesson computes them, with and without autojunk. The pairs mix the
// bench's weather calls with floats, nested values, escapes, non-ASCII and astral text, duplicate
// keys, big ints, digit-led keys, long strings (autojunk) and texts json.loads rejects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { compareCalls } from '../../../core/eval/metrics.ts';
import { mulberry32 } from '../../../core/random.ts';

const random = mulberry32(1206);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
const CITIES = ['Paris', 'London', 'San Francisco', 'Zürich', 'São Paulo', '\u{1F600}ville', 'Quote "q"', 'tab\there'];

const GENERATORS: (() => string)[] = [
  // bench/score.mts's calls
  () => JSON.stringify({ city: pick(CITIES), unit: pick(['celsius', 'fahrenheit']), days: int(10), include_hourly: random() < 0.5, query: `weather forecast ${int(1000)}` }),
  // floats, exponents, nested lists and dicts, null
  () => `{"x": ${pick(['1.0', '1', '2.50', '1e5', '-0.0', '1E-7', '3.14159'])}, "tags": [${int(3)}, "a", null, {"k": ${pick(['true', '1', 'false', '0'])}}], "b": {"z": 1, "a": [1.5, 2]}}`,
  // long text: autojunk on the 200+ character dumps
  () => JSON.stringify({ body: Array.from({ length: 40 + int(60) }, () => pick(['the', 'a', 'tool', 'call', 'é', '\u{1F680}', 'x'])).join(' '), n: int(5) }),
  // duplicate keys (the last wins), digit-led keys, a big int, escapes
  () => `{"a": 1, "1b": ${int(3)}, "a": ${int(3)}, "big": ${pick(['123456789012345678901234567890', '9007199254740993', '7'])}, "s": "line\\nnext \\u00e9 \\ud83d\\ude00"}`,
  // texts json.loads rejects, or accepts where JSON.parse would not
  () => pick(['{"a": 1', '{"a": NaN}', '{"a": Infinity}', 'NaN', '[NaN, 1]', '[1, 2,]', '{"a": "\\x"}', "{'a': 1}", '{}', '[]', '"text"', '12']),
  // many keys in random order (more than the insertion sort takes), some past U+FFFF
  () => {
    const prefixes = random() < 0.5 ? ['k', 'K', '\uffff', 'é'] : ['k', '\u{1F600}', '\uffff'];
    return `{${Array.from({ length: 12 + int(12) }, (_, k) => `"${pick(prefixes)}${int(50)}": ${k}`).join(', ')}}`;
  },
];

function makePairs(): [string, string][] {
  const pairs: [string, string][] = [];
  for (let n = 0; n < 1500; n++) {
    const generate = pick(GENERATORS);
    const expected = generate();
    const kind = int(4);
    const predicted = kind === 0 ? expected : kind === 1 ? generate() : kind === 2 ? pick(GENERATORS)() : expected.replace(/\d/, String(int(10)));
    pairs.push([expected, predicted]);
  }
  return pairs;
}

// Per [expected, predicted] line: null when either fails json.loads, else [exact, ratio with
// autojunk, ratio without].
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
    print(json.dumps([e == p, difflib.SequenceMatcher(None, a, b).ratio(), difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()]))
`;

test('compareCalls equals the lesson computed by python3 on 1,500 seeded argument pairs: exact and similarity, with and without autojunk', (t) => {
  if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed');
  const pairs = makePairs();
  const run = spawnSync('python3', ['-c', PYTHON], { input: pairs.map((p) => JSON.stringify(p)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as [boolean, number, number] | null);
  assert.equal(expected.length, 1500);
  let unparseable = 0;
  let long = 0;
  pairs.forEach(([want, got], n) => {
    const label = `pair ${n}: ${JSON.stringify([want, got])}`;
    const withJunk = compareCalls({ name: 'f', arguments: want }, { name: 'f', arguments: got });
    const without = compareCalls({ name: 'f', arguments: want }, { name: 'f', arguments: got }, { autojunk: false });
    const python = expected[n];
    if (python === null) {
      unparseable++;
      assert.ok(withJunk.unparseable !== undefined && without.unparseable !== undefined, label);
      return;
    }
    assert.deepEqual([withJunk.exact, withJunk.similarity, without.similarity], python, label);
    if (want.length >= 200) long++;
  });
  assert.ok(unparseable >= 100 && long >= 200, `${unparseable} pairs json.loads rejects, ${long} of 200+ characters`);
});
