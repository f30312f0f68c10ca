import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { parsePythonJson, PythonJsonError, tryParsePythonJson } from '../../../core/eval/pythonJson.ts';
import { canonicalJson, compareCodePoints, DumpsBuffer, pythonFloatRepr, pythonJsonDumps, writePlainJsonDumps } from '../../../core/eval/pythonJsonDumps.ts';
import { fromJsValue, pythonEquals } from '../../../core/eval/pythonEquals.ts';
import { reference } from './reference.ts';

describe('pythonJsonDumps(parsePythonJson(s), {sortKeys: true}) matches json.dumps(json.loads(s), sort_keys=True)', () => {
  it('on every reference pair', () => {
    for (const r of reference.args) {
      assert.equal(canonicalJson(r.a), r.canonical_a, r.name);
      assert.equal(canonicalJson(r.b), r.canonical_b, r.name);
    }
  });

  it('keeps ints and floats apart, ints exact at any size', () => {
    assert.equal(canonicalJson('[1, 1.0, 1e16, 1E5, 1e-5, -0.0, -0, 123456789012345678901234567890]'), '[1, 1.0, 1e+16, 100000.0, 1e-05, -0.0, 0, 123456789012345678901234567890]');
    assert.equal(parsePythonJson('12345678901234567890'), 12345678901234567890n);
  });

  it('escapes like ensure_ascii and sorts keys by code point', () => {
    assert.equal(canonicalJson('{"\\ud83d\\ude00": 1, "\\uffff": 2, "\\u00e9": "\u00e9\\t\\u007f/"}'), '{"\\u00e9": "\\u00e9\\t\\u007f/", "\\uffff": 2, "\\ud83d\\ude00": 1}');
  });

  it('writes into a buffer, fresh or reused, that grows to any size', () => {
    // Lists of ints, whose json.dumps is the ints joined by ', ' in brackets.
    const sizes = [0, 1, 2, 63, 64, 65, 300, 5, 20000, 3, 0, 1000];
    const reused = new DumpsBuffer();
    for (const size of sizes) {
      const list = Array.from({ length: size }, (_, k) => (k * 7919) % 1000);
      const expected = `[${list.join(', ')}]`;
      for (const out of [reused, new DumpsBuffer()]) {
        writePlainJsonDumps(list, out);
        assert.equal(String.fromCharCode(...out.codes.subarray(0, out.length)), expected, `${size} ints`);
      }
      assert.equal(pythonJsonDumps(list.map(BigInt)), expected, `${size} ints, pythonJsonDumps`);
    }
  });

  it('keeps the first position and the last value of a duplicate key', () => {
    assert.equal(pythonJsonDumps(parsePythonJson('{"b": 1, "a": 2, "b": 3}')), '{"b": 3, "a": 2}');
  });

  it('writes NaN and the infinities as Python does', () => {
    assert.equal(canonicalJson('[NaN, Infinity, -Infinity, 1e400]'), '[NaN, Infinity, -Infinity, Infinity]');
  });
});

describe('pythonFloatRepr', () => {
  it('matches repr() on the reference floats', () => {
    for (const f of reference.floats) assert.equal(pythonFloatRepr(Number(f.text)), f.repr, f.text);
  });

  it('matches python3 repr() on 30,000 seeded floats: any bits, short decimals, and both sides of 1e-6, 1e-4, 1e16, 1e21 and 2**52', (t) => {
    if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed');
    let seed = 1234;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const bits = new DataView(new ArrayBuffer(8));
    const floats: number[] = [];
    for (const edge of [1e-6, 1e-4, 1e16, 1e21, 2 ** 52, 2 ** 53]) {
      for (let k = -40; k <= 40; k++) floats.push(edge + k * edge * Number.EPSILON, -(edge + k * edge * Number.EPSILON));
      for (let k = 0; k < 200; k++) floats.push(edge * (0.5 + random()));
    }
    while (floats.length < 30000) {
      const r = random();
      if (r < 0.4) {
        // Any double but NaN: random sign, exponent and mantissa bits.
        bits.setUint32(0, Math.floor(random() * 2 ** 32));
        bits.setUint32(4, Math.floor(random() * 2 ** 32));
        const x = bits.getFloat64(0);
        if (!Number.isNaN(x)) floats.push(x);
      } else if (r < 0.8) floats.push(Number((random() * 10 ** Math.floor(random() * 24 - 8)).toPrecision(1 + Math.floor(random() * 17))));
      else floats.push(Math.floor(random() * 100000) / 10 ** Math.floor(random() * 8));
    }
    floats.push(0, -0, Infinity, -Infinity, 0.1 + 0.2, 5e-324, Number.MAX_VALUE);
    const run = spawnSync('python3', ['-c', 'import sys\nfor line in sys.stdin: print(repr(float(line)))'], { input: floats.map((x) => (Object.is(x, -0) ? '-0.0' : String(x))).join('\n') + '\n', encoding: 'utf8', maxBuffer: 16 << 20 });
    assert.equal(run.status, 0, run.stderr);
    const expected = run.stdout.trimEnd().split('\n');
    assert.equal(expected.length, floats.length);
    let fixedByString = 0;
    for (let k = 0; k < floats.length; k++) {
      assert.equal(pythonFloatRepr(floats[k]!), expected[k], String(floats[k]));
      if (Math.abs(floats[k]!) >= 1e-4 && Math.abs(floats[k]!) < 1e16 && !Number.isInteger(floats[k]!)) fixedByString++;
    }
    // Both ways are taken: JS's String where it is repr, the general way elsewhere.
    assert.deepEqual([fixedByString, floats.length - fixedByString], [10183, 19824]);
  });
});

describe('parsePythonJson errors', () => {
  const cases: [string, string][] = [
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['{"a": 1,}', 'Expecting property name enclosed in double quotes: line 1 column 9 (char 8)'],
    ["{'a': 1}", 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['[1] x', 'Extra data: line 1 column 5 (char 4)'],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['"a\tb"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['"\\x"', 'Invalid \\escape: line 1 column 2 (char 1)'],
    ['\n\u00e9', 'Expecting value: line 2 column 1 (char 1)'],
  ];
  for (const [text, message] of cases) {
    it(`rejects ${JSON.stringify(text)} with Python's message`, () => {
      assert.throws(() => parsePythonJson(text), (e: unknown) => e instanceof PythonJsonError && e.message === message);
    });
  }
});

describe('compareCodePoints', () => {
  it('sorts astral characters after U+FFFF, unlike UTF-16 order', () => {
    assert.deepEqual(['\u{1F600}', '\uffff', 'a'].sort(compareCodePoints), ['a', '\uffff', '\u{1F600}']);
  });
});

describe('pythonEquals', () => {
  const p = parsePythonJson;
  it('follows Python ==', () => {
    for (const r of reference.args) assert.equal(pythonEquals(p(r.a), p(r.b)), r.equal, r.name);
    assert.equal(pythonEquals(p('1'), p('1.0')), true);
    assert.equal(pythonEquals(p('true'), p('1')), true);
    assert.equal(pythonEquals(p('9007199254740993'), p('9007199254740992.0')), false);
    assert.equal(pythonEquals(p('NaN'), p('NaN')), false);
    assert.equal(pythonEquals(p('[NaN]'), p('[NaN]')), true);
    assert.equal(pythonEquals(p('{"a": [1, {"b": null}]}'), p('{"a": [1.0, {"b": null}]}')), true);
    assert.equal(pythonEquals(p('"1"'), p('1')), false);
    assert.equal(pythonEquals(p('{"a": 1}'), p('{"a": 1, "b": 2}')), false);
  });

  it('reads JSON.parse values', () => {
    assert.equal(pythonEquals(fromJsValue(JSON.parse('{"a": [1, 2.5]}')), p('{"a": [1.0, 2.5]}')), true);
  });
});

describe('tryParsePythonJson', () => {
  it('gives the value parsePythonJson gives, and undefined wherever it throws', () => {
    const texts = [
      '{"a": [1, 2.5, NaN, -Infinity, "x\\u00e9"]}', '{"a": 1', '[1, 2,]', '{"a": "\\x"}', "{'a': 1}", '\ufeff{}', '"\t"', '{"a": 1} x', '',
      '-', '01', '1.', '"\\ud800"', `${'['.repeat(1000)}${']'.repeat(1000)}`, `${'['.repeat(1002)}${']'.repeat(1002)}`, '9'.repeat(4300), '9'.repeat(4301), ' [ ] ',
    ];
    let rejected = 0;
    for (const text of texts) {
      let want: unknown;
      try {
        want = parsePythonJson(text);
      } catch (error) {
        assert.ok(error instanceof PythonJsonError, text.slice(0, 40));
        want = undefined;
        rejected++;
      }
      assert.deepEqual(tryParsePythonJson(text), want, text.slice(0, 40));
    }
    assert.equal(rejected, 13);
  });
});
