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
import { caseRecord, modelResults } from '../../../core/eval/results.ts';
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

// Many cases: the fixture's lines repeated, each case predicted by a seeded mix of the expected
// calls (as given, with one character changed, renamed, one call left out, calls reordered) or
// nothing, so every metric passes and fails somewhere.
function manyCases(): { dataset: string; predictions: string } {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = Array.from({ length: 40 }, () => fixture).join('\n');
  const { cases } = extractCases(lines);
  const out: string[] = [];
  for (const c of cases) {
    const r = random();
    if (r < 0.1) continue;
    let calls = c.expected.map((e) => ({ ...e }));
    if (r < 0.3 && calls.length > 0) calls[0]!.arguments = calls[0]!.arguments.replace(/[a-z]/, 'q');
    else if (r < 0.4 && calls.length > 0) calls[0]!.name += '_v2';
    else if (r < 0.5) calls = calls.slice(1);
    else if (r < 0.6) calls.reverse();
    out.push(JSON.stringify({ line: c.line, turn: c.turn, tool_calls: calls.map((e) => call(e.name, e.arguments)) }));
  }
  return { dataset: lines, predictions: out.join('\n') };
}

test('scoreOffline keeping only the summary, or only the passes, gives the summary and passes of the records', async () => {
  const many = manyCases();
  const full = await scoreOffline(splitLines(many.dataset), splitLines(many.predictions), { keep: 'records' });
  const scores = await scoreOffline(splitLines(many.dataset), splitLines(many.predictions), { keep: 'scores' });
  const summary = await scoreOffline(splitLines(many.dataset), splitLines(many.predictions), { keep: 'summary' });
  assert.equal(full.caseCount, 320);
  assert.equal(full.records.length, 320);
  const fromRecords = modelResults('m', null, full.records).summary;
  assert.deepEqual(full.summary, fromRecords);
  assert.deepEqual(summary.summary, fromRecords);
  assert.equal(JSON.stringify(summary.summary), JSON.stringify(fromRecords));
  assert.deepEqual([summary.records.length, summary.scored.length, summary.caseCount], [0, 0, 320]);
  assert.deepEqual(scores.records, []);
  assert.deepEqual(scores.scored, full.records.map((r) => ({ line: r.line, turn: r.turn, scores: { exact: r.scores.exact, fuzzy: r.scores.fuzzy, functional: r.scores.functional, structural: r.scores.structural } })));
  // Every metric both passes and fails somewhere, so the comparison above can tell them apart.
  for (const metric of ['exact_match', 'fuzzy_match', 'functional_match', 'structural_match'] as const) {
    assert.ok(fromRecords[metric] > 0 && fromRecords[metric] < 1, `${metric} ${fromRecords[metric]}`);
  }
  assert.deepEqual(Object.keys(fromRecords.by_category).sort(), ['error-recovery', 'multi-step', 'no-call', 'single-call']);
});

test('scoreOffline gives the same from lines that come asynchronously (a stream) as from a synchronous source (cli/fileLines.ts)', async () => {
  const many = manyCases();
  async function* slowly(text: string) {
    for (const line of splitLines(text)) {
      await new Promise((resolve) => setImmediate(resolve));
      yield line;
    }
  }
  const synchronous = await scoreOffline(splitLines(many.dataset), splitLines(many.predictions), { keep: 'records' });
  const streamed = await scoreOffline(slowly(many.dataset), slowly(many.predictions), { keep: 'records' });
  assert.equal(synchronous.records.length, 320);
  assert.deepEqual(streamed, synchronous);
  // Lines handed to a callback (cli/fileLines.ts eachFileLine), with their 0-based indexes.
  const handedOver = (text: string) => (onLine: (text: string, index: number) => void) => {
    for (const line of splitLines(text)) onLine(line.text, line.index);
  };
  assert.deepEqual(await scoreOffline(handedOver(many.dataset), handedOver(many.predictions), { keep: 'records' }), synchronous);
  // The index is the line's: handed over 1-based, no case finds its prediction.
  const offByOne = await scoreOffline((onLine) => handedOver(many.dataset)((text, index) => onLine(text, index + 1)), handedOver(many.predictions), { keep: 'records' });
  assert.notDeepEqual(offByOne.records, synchronous.records);
});
