// Wilson intervals, exact McNemar p-values and the cases-needed estimate, checked by hand
// and against python3 computing them independently (statistics.NormalDist, math.comb).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../cli/main.ts';
import { casesNeeded, mcnemarExact, wilsonInterval } from '../../../core/eval/confidence.ts';

const python = spawnSync('python3', ['--version']).status === 0;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} vs ${expected}`);

const PYTHON = `
import json, math, sys
from statistics import NormalDist
z = NormalDist().inv_cdf(0.975)
def wilson(k, n):
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    m = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return [max(0.0, c - m), min(1.0, c + m)]
def mcnemar(b, c):
    n = b + c
    if n == 0: return 1.0
    tail = sum(math.comb(n, i) for i in range(min(b, c) + 1))
    return float(min(1, 2 * tail / 2 ** n))  # exact integer arithmetic, one rounding
q = json.loads(sys.argv[1])
print(json.dumps({"wilson": [wilson(k, n) for k, n in q["wilson"]], "mcnemar": [mcnemar(b, c) for b, c in q["mcnemar"]]}))
`;
const WILSON_CASES: [number, number][] = [[45, 50], [0, 20], [20, 20], [17, 20], [3, 7], [9000, 10000]];
const MCNEMAR_CASES: [number, number][] = [[9, 1], [1, 9], [0, 0], [5, 5], [0, 6], [30, 12], [480, 520], [0, 1], [1300, 1200], [5000, 5200]];

describe('confidence', () => {
  test('hand-checked: 45/50 -> Wilson [0.786, 0.957]; discordant 9 vs 1 -> p = 0.0215', () => {
    assert.deepEqual(wilsonInterval(45, 50).map(round3), [0.786, 0.957]);
    // 2 * (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
    close(mcnemarExact(9, 1), 22 / 1024, '9 vs 1');
    assert.equal(mcnemarExact(9, 1).toFixed(4), '0.0215');
    assert.deepEqual([mcnemarExact(0, 0), mcnemarExact(5, 5)], [1, 1]);
    assert.deepEqual(wilsonInterval(0, 0), [0, 1]);
  });

  test('equal python3 computing them independently', { skip: !python && 'python3 is absent' }, () => {
    const run = spawnSync('python3', ['-c', PYTHON, JSON.stringify({ wilson: WILSON_CASES, mcnemar: MCNEMAR_CASES })], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const ref = JSON.parse(run.stdout) as { wilson: [number, number][]; mcnemar: number[] };
    WILSON_CASES.forEach(([k, n], i) => {
      const [lo, hi] = wilsonInterval(k, n);
      close(lo, ref.wilson[i][0], `wilson ${k}/${n} lo`);
      close(hi, ref.wilson[i][1], `wilson ${k}/${n} hi`);
    });
    MCNEMAR_CASES.forEach(([b, c], i) => close(mcnemarExact(b, c), ref.mcnemar[i], `mcnemar ${b} vs ${c}`));
  });

  test('cases needed (Connor 1987): 9 vs 1 on 50 cases needs 59; equal splits need nothing', () => {
    // p10 = 0.18, p01 = 0.02: (1.96 * sqrt(0.2) + 0.8416 * sqrt(0.2 - 0.0256))^2 / 0.0256 = 58.9.
    assert.equal(casesNeeded(9, 1, 50), 59);
    assert.equal(casesNeeded(3, 3, 50), null);
  });
});

describe('toolcall eval with several --predictions files', () => {
  // 50 cases; model a passes 45 exactly, model b passes 37: 9 cases only a passes, 1 only b.
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-ci-'));
  const tools = [{ type: 'function', function: { name: 'get_item', parameters: { type: 'object', properties: { id: { type: 'integer' } } } } }];
  const line = (i: number) => JSON.stringify({ messages: [{ role: 'user', content: `item ${i}` }, { role: 'assistant', tool_calls: [{ id: 'c', type: 'function', function: { name: 'get_item', arguments: JSON.stringify({ id: i }) } }] }], tools });
  const answer = (i: number, right: boolean) => JSON.stringify({ line: i + 1, turn: 1, tool_calls: [{ type: 'function', function: { name: right ? 'get_item' : 'get_other', arguments: JSON.stringify({ id: i }) } }] });
  const aRight = (i: number) => i < 45;
  const bRight = (i: number) => (i >= 9 && i < 45) || i === 45;
  writeFileSync(join(dir, 'eval.jsonl'), Array.from({ length: 50 }, (_, i) => line(i)).join('\n') + '\n');
  writeFileSync(join(dir, 'a.jsonl'), Array.from({ length: 50 }, (_, i) => answer(i, aRight(i))).join('\n') + '\n');
  writeFileSync(join(dir, 'b.jsonl'), Array.from({ length: 50 }, (_, i) => answer(i, bRight(i))).join('\n') + '\n');
  const cli = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: dir, env: {} });
    return { code, stdout, stderr };
  };

  test('json: ci per model and a comparison per metric', async () => {
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--predictions', 'a.jsonl', '--predictions', 'b.jsonl', '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(out), ['a', 'b', 'comparisons']);
    assert.deepEqual([out.a.exact_match, out.b.exact_match], [0.9, 0.74]);
    assert.deepEqual(out.a.ci.exact_match, wilsonInterval(45, 50));
    assert.deepEqual(out.a.ci.exact_match.map(round3), [0.786, 0.957]);
    assert.deepEqual(out.b.ci.structural_match, wilsonInterval(37, 50));
    assert.deepEqual(out.comparisons.map((c: { metric: string }) => c.metric), ['exact_match', 'fuzzy_match', 'functional_match', 'structural_match']);
    assert.deepEqual(out.comparisons[0], { a: 'a', b: 'b', metric: 'exact_match', cases: 50, a_only: 9, b_only: 1, p_value: 22 / 1024, cases_needed: 59 });
  });

  test('text: intervals and the verdict of each comparison', async () => {
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--predictions', 'a.jsonl', '--predictions', 'b.jsonl']);
    assert.equal(run.code, 0, run.stderr);
    const tail = run.stdout.slice(run.stdout.indexOf('95% intervals'));
    assert.equal(
      tail,
      '95% intervals (Wilson score)\n' +
        'Model          Exact          Fuzzy     Functional     Structural\n' +
        'a      78.6% - 95.7%  78.6% - 95.7%  78.6% - 95.7%  78.6% - 95.7%\n' +
        'b      60.4% - 84.1%  60.4% - 84.1%  60.4% - 84.1%  60.4% - 84.1%\n' +
        '\nPaired comparisons (same cases, exact McNemar test)\n' +
        'A  B  Metric      Cases  A only  B only  p (McNemar)  Verdict\n' +
        'a  b  Exact          50       9       1       0.0215  different\n' +
        'a  b  Fuzzy          50       9       1       0.0215  different\n' +
        'a  b  Functional     50       9       1       0.0215  different\n' +
        'a  b  Structural     50       9       1       0.0215  different\n',
    );
  });

  test('two files with one stem are refused (exit 2)', async () => {
    const run = await cli(['eval', '--dataset', 'eval.jsonl', '--predictions', 'a.jsonl', '--predictions', './a.jsonl']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^toolcall eval: a\.jsonl and \.\/a\.jsonl would both be the model "a"; rename one of them\./);
  });
});
