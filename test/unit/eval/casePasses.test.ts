// casePasses (core/eval/score.ts), the summary's scoring, against scoreCase's four passes: on
// seeded cases built to reach every way a case passes or fails, and on every case of an eval set
// and predictions made by bench/realEval.mjs from the bench generator's lines, as the bench does.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lineCases, type EvalCase } from '../../../core/eval/cases.ts';
import { comparePasses, compareCalls, parseArguments, type MetricsOptions, type ToolCall } from '../../../core/eval/metrics.ts';
import { PredictionTable, type Prediction } from '../../../core/eval/predictions.ts';
import { casePasses, scoreCase } from '../../../core/eval/score.ts';
import { mulberry32 } from '../../../core/random.ts';
import { generatedLines } from '../../helpers/datasetLines.ts';

const random = mulberry32(2718);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;

const NAMES = ['get_weather', 'get_time', 'undeclared'];
const TOOLS = NAMES.slice(0, 2).map((name) => ({
  type: 'function' as const,
  function: { name, parameters: { type: 'object', properties: { city: { type: 'string', enum: ['Paris', 'Rome'] }, days: { type: 'integer' } }, required: ['city'] } },
}));

const randomArguments = (): string =>
  pick([
    () => JSON.stringify({ city: pick(['Paris', 'Rome', 'Oslo', 'paris']), days: int(3) }),
    () => JSON.stringify({ city: pick(['Paris', 'Rome']) }),
    () => JSON.stringify({ city: 'Paris', days: 1.0, extra: true }),
    () => `{"city": "Paris", "days": ${int(3)}}`,
    () => '{"city": "Par',
    () => '[1, 2]',
    () => 'NaN',
  ])();
const randomCall = (): ToolCall => ({ name: pick(NAMES), arguments: randomArguments() });

/** A prediction for `expected`: none, no calls, the calls in order or shuffled, some changed, dropped or repeated. */
function predictionOf(expected: ToolCall[]): Prediction | undefined {
  if (random() < 0.05) return undefined;
  if (random() < 0.05) return { line: 1, turn: 1, calls: [], content: 'No call.' };
  const calls = expected.map((call) => (random() < 0.2 ? randomCall() : random() < 0.15 ? { name: call.name, arguments: randomArguments() } : call));
  if (random() < 0.5) calls.sort(() => random() - 0.5);
  if (random() < 0.1) calls.pop();
  if (random() < 0.1) calls.push(calls[0] ?? randomCall());
  return { line: 1, turn: 1, calls, content: null };
}

function passesOf(c: EvalCase, p: Prediction | undefined, options: MetricsOptions): unknown {
  const r = scoreCase(c, p, options);
  return { exact: r.exact, fuzzy: r.fuzzy, functional: r.functional, structural: r.structural };
}

test('casePasses gives scoreCase\'s four passes on 4,000 seeded cases of 0-4 calls, with and without autojunk and strict enums', () => {
  const tally = { exact: 0, fuzzy: 0, functional: 0, structural: 0, multi: 0, none: 0 };
  for (let n = 0; n < 4000; n++) {
    const expected = Array.from({ length: int(5) }, randomCall);
    const c = { line: 1, turn: 1, history: [], tools: random() < 0.9 ? TOOLS : [], expected, category: 'single-call' } as EvalCase;
    const p = predictionOf(expected);
    const options: MetricsOptions = { autojunk: random() < 0.8, strictEnums: random() < 0.3 };
    const got = casePasses(c, p, options);
    assert.deepEqual(got, passesOf(c, p, options), JSON.stringify({ expected, p, options }));
    for (const key of ['exact', 'fuzzy', 'functional', 'structural'] as const) if (got[key]) tally[key]++;
    if (expected.length > 1 && got.functional) tally.multi++;
    if (!got.functional) tally.none++;
  }
  // Every outcome is reached often.
  assert.deepEqual(tally, { exact: 1209, fuzzy: 1456, functional: 1556, structural: 852, multi: 512, none: 2444 });
});

test('comparePasses gives compareCalls\'s three metrics on 3,000 seeded pairs', () => {
  let credited = 0;
  for (let n = 0; n < 3000; n++) {
    const e = randomCall();
    const p = random() < 0.3 ? e : randomCall();
    const want = compareCalls(e, p);
    const got = comparePasses(e.name, parseArguments(e.arguments), p.name, parseArguments(p.arguments));
    assert.deepEqual([got.exact, got.fuzzy, got.functional], [want.exact, want.fuzzy, want.functional], JSON.stringify({ e, p }));
    if (got.functional) credited++;
  }
  assert.equal(credited, 975);
});

test('casePasses gives scoreCase\'s passes on every case of a bench-made eval set (bench/realEval.mjs on generated lines)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'case-passes-'));
  try {
    const dataset = join(dir, 'dataset.jsonl');
    writeFileSync(dataset, generatedLines(2_000, 5).join('\n') + '\n');
    const evalFile = join(dir, 'eval.jsonl');
    const predictionsFile = join(dir, 'predictions.jsonl');
    execFileSync(process.execPath, [join(__dirname, '../../../bench/realEval.mjs'), dataset, evalFile, predictionsFile, '--cases', '1500', '--seed', '4']);
    const table = new PredictionTable();
    readFileSync(predictionsFile, 'utf8').split('\n').forEach((text, index) => table.add(text, index + 1));
    let cases = 0;
    let functional = 0;
    readFileSync(evalFile, 'utf8').split('\n').forEach((text, index) => {
      const read = lineCases(text, index + 1);
      if (read === null || 'error' in read) return;
      for (const c of read.cases) {
        const p = table.get(c.line, c.turn);
        const got = casePasses(c, p);
        assert.deepEqual(got, passesOf(c, p, {}), JSON.stringify({ c, p }));
        cases++;
        if (got.functional) functional++;
      }
    });
    assert.deepEqual([cases, functional], [2979, 1065]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
