// `toolcall eval --predictions` against the lesson's own Python evaluate_tool_calls
// (test/fixtures/eval/lesson/evaluate_tool_calls.py), per case and in total. expected.json
// is that script's output; when python3 is present the script is run again to prove it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../../../cli/main.ts';
import { compareCalls } from '../../../core/eval/metrics.ts';
import { parseResults } from '../../../core/eval/results.ts';

const dir = join(__dirname, '../../fixtures/eval/lesson');
interface LessonCase { line: number; turn: number; exact: boolean; fuzzy: boolean; functional: boolean; similarity: number; swapped_similarity: number }
const expected: { total: number; exact_match: number; fuzzy_match: number; functional_match: number; cases: LessonCase[] } = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'));

const python = spawnSync('python3', ['--version']).status === 0;

describe('the lesson\'s evaluate_tool_calls', () => {
  test('expected.json is what the lesson\'s Python computes now', { skip: !python && 'python3 is absent' }, () => {
    const run = spawnSync('python3', [join(dir, 'evaluate_tool_calls.py'), join(dir, 'eval.jsonl'), join(dir, 'predictions.jsonl')], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), expected);
  });

  test('toolcall eval --predictions --format json equals it in total and per case', async () => {
    const work = mkdtempSync(join(tmpdir(), 'toolcall-lesson-'));
    for (const f of ['eval.jsonl', 'predictions.jsonl']) copyFileSync(join(dir, f), join(work, f));
    let stdout = '';
    let stderr = '';
    const args = ['eval', '--dataset', 'eval.jsonl', '--predictions', 'predictions.jsonl', '--format', 'json', '--out', 'r.toolcall-eval.json'];
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: work, env: {} });
    assert.equal(code, 0, stderr);
    const s = JSON.parse(stdout).predictions;
    assert.deepEqual([s.total, s.exact_match, s.fuzzy_match, s.functional_match], [expected.total, expected.exact_match, expected.fuzzy_match, expected.functional_match]);
    const cases = parseResults(readFileSync(join(work, 'r.toolcall-eval.json'), 'utf8')).models[0].cases;
    assert.deepEqual(
      cases.map((c) => ({ line: c.line, turn: c.turn, exact: c.scores.exact, fuzzy: c.scores.fuzzy, functional: c.scores.functional, similarity: c.scores.similarity })),
      expected.cases.map(({ swapped_similarity: _, ...c }) => c),
    );
  });

  test('the fixture holds a wrong-name pair and a/b swaps that cross a threshold (autojunk on for the long one)', () => {
    const byLine = (line: number) => expected.cases.find((c) => c.line === line)!;
    // Line 2: another function with the same arguments gets nothing, similarity 1.
    assert.deepEqual(byLine(2), { line: 2, turn: 1, exact: false, fuzzy: false, functional: false, similarity: 1, swapped_similarity: 1 });
    // Line 3: 0.780 as the lesson computes it, 0.805 (fuzzy) when swapped.
    assert.deepEqual([byLine(3).similarity, byLine(3).swapped_similarity, byLine(3).fuzzy], [0.7804878048780488, 0.8048780487804879, false]);
    // Line 4: expected arguments of 294 characters (autojunk applies to b), 0.458 vs 0.712 swapped.
    const [, , , long] = readFileSync(join(dir, 'eval.jsonl'), 'utf8').split('\n');
    const args = JSON.parse(long).messages[1].tool_calls[0].function.arguments;
    assert.equal(args.length, 294);
    assert.deepEqual([byLine(4).similarity, byLine(4).swapped_similarity, byLine(4).functional], [0.4576271186440678, 0.711864406779661, false]);
    // The core reproduces the swapped figure only when given the calls the other way round.
    const pred = JSON.parse(readFileSync(join(dir, 'predictions.jsonl'), 'utf8').split('\n')[3]).tool_calls[0].function;
    assert.equal(compareCalls({ name: 'f', arguments: pred.arguments }, { name: 'f', arguments: args }).similarity, 0.711864406779661);
  });
});
