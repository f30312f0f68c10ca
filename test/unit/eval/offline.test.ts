// Offline scoring streamed (core/eval/offline.ts) against the whole-file path it replaced, and
// the lesson's Python evaluate_tool_calls (bench/evaluate_tool_calls.py) on the same two files.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { splitLines } from '../../../core/dataset/lines.ts';
import { extractCases } from '../../../core/eval/cases.ts';
import { scoreOffline } from '../../../core/eval/offline.ts';
import { caseKey, parsePredictions } from '../../../core/eval/predictions.ts';
import { caseRecord } from '../../../core/eval/results.ts';
import { scoreCase } from '../../../core/eval/score.ts';

const fixture = readFileSync(join(__dirname, '../../fixtures/eval/eval-small.jsonl'), 'utf8');
// The fixture, a blank line, a line that is not JSON and a line without messages, then the fixture again.
const dataset = `${fixture}\n{"messages": \nnull\n${fixture}`;

const call = (name: string, args: string) => ({ type: 'function', function: { name, arguments: args } });
const predictionLines = [
  { line: 1, turn: 1, tool_calls: [call('get_weather', '{"city": "paris"}')] },
  { line: 2, turn: 1, content: 'Hello!' },
  { line: 4, turn: 1, tool_calls: [call('get_weather', '{"city": "Tokyo"}'), call('get_weather', '{"city": "Paris"}')] },
  { line: 6, turn: 3, tool_calls: [call('get_order', '{"id": 42}')] },
  // The second copy of the fixture starts at line 13.
  { line: 13, turn: 1, tool_calls: [call('get_weather', '{"city":"Paris"}')] },
  { line: 18, turn: 3, tool_calls: [call('get_time', '{"id": 42}')] },
  { line: 16, turn: 1, tool_calls: [call('get_weather', '{"city": "Tokyo", "unit": "celsius"}'), call('get_weather', '{"city": "Paris"}')] },
  { line: 16, turn: 1, tool_calls: [] },
].map((p) => JSON.stringify(p));
const predictions = [...predictionLines, '', 'not json', '{"line": 0, "turn": 1}'].join('\n');

test('scoreOffline gives exactly the records of scoring the whole files, and says which lines it skipped', async () => {
  const { cases, errors } = extractCases(dataset);
  const table = parsePredictions(predictions);
  const whole = cases.map((c) => caseRecord(c, table.predictions.get(caseKey(c.line, c.turn)), scoreCase(c, table.predictions.get(caseKey(c.line, c.turn)))));
  const streamed = await scoreOffline(splitLines(dataset), splitLines(predictions));
  assert.equal(cases.length, 16);
  assert.deepEqual(streamed.records, whole);
  assert.deepEqual(streamed.datasetErrors, { first: errors, count: 6 });
  assert.deepEqual(errors.map((e) => e.line), [3, 8, 11, 12, 15, 20]);
  assert.deepEqual(streamed.predictionErrors, { first: table.errors, count: 3 });
  assert.deepEqual(table.errors.map((e) => e.line), [8, 10, 11]);
  assert.deepEqual(
    streamed.records.map((r) => `${r.line}:${r.turn}:${+r.scores.exact}${+r.scores.fuzzy}`).join(' '),
    '1:1:01 2:1:11 4:1:11 4:4:00 4:6:00 6:1:00 6:3:11 7:3:00 13:1:11 14:1:00 16:1:00 16:4:00 16:6:00 18:1:00 18:3:00 19:3:00',
  );
});

test('the lesson Python evaluate_tool_calls agrees case by case on exact, fuzzy and functional (python3 when present)', async (t) => {
  if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-offline-'));
  writeFileSync(join(dir, 'eval.jsonl'), dataset);
  writeFileSync(join(dir, 'preds.jsonl'), predictions.split('\n').slice(0, predictionLines.length - 1).join('\n'));
  const run = spawnSync('python3', [join(__dirname, '../../../bench/evaluate_tool_calls.py'), join(dir, 'eval.jsonl'), join(dir, 'preds.jsonl'), '--cases'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const python = JSON.parse(run.stdout) as { total: number; exact_match: number; fuzzy_match: number; cases: { line: number; turn: number; exact: boolean; fuzzy: boolean; functional: boolean }[] };
  const ours = await scoreOffline(splitLines(dataset), splitLines(predictions.split('\n').slice(0, predictionLines.length - 1).join('\n')));
  assert.equal(python.total, 16);
  assert.deepEqual(python.cases.map((c) => [c.line, c.turn, c.exact, c.fuzzy, c.functional]), ours.records.map((r) => [r.line, r.turn, r.scores.exact, r.scores.fuzzy, r.scores.functional]));
  assert.equal(python.exact_match, 4 / 16);
  assert.equal(python.fuzzy_match, ours.records.filter((r) => r.scores.fuzzy).length / 16);
});
