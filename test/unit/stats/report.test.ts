import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitLines } from '../../../core/dataset/lines.ts';
import { computeStats, computeStatsAsync, percentile } from '../../../core/stats/report.ts';
import { tokenCounter } from '../../../core/stats/tokens.ts';
import { spaced } from '../../helpers/datasetLines.ts';

// mixed.jsonl, by line: 1 single-call (Paris, 18C); 2 exact copy of 1 (other key order and
// spacing); 3 no-call without tools; 4 multi-step, parallel get_weather + get_time; 5 multi-step,
// get_time then get_weather; 6 error recovery, failed turn at weight 0; 7 error recovery, failed
// turn at weight 1; 8 line 1 with 21C (near duplicate); 9 no-call declaring book_table with a
// description; 10 `messages` not an array; 11 blank; 12 not JSON; 13 single-call whose error reply
// is not retried. Lines 1-2, 4-9 and 13 declare get_weather, get_time, book_table.
const mixed = readFileSync(join(__dirname, '../../fixtures/stats/mixed.jsonl'), 'utf8');
const drone = readFileSync(join(__dirname, '../../fixtures/stats/drone-excerpt.jsonl'), 'utf8');

test('mixed fixture: examples, categories, tools, warnings, duplicates, drift', () => {
  const s = computeStats(splitLines(mixed));
  assert.equal(s.model, 'gpt-4o-mini-2024-07-18');
  assert.equal(s.encoding, 'o200k_base');
  assert.equal(s.examples, 10);
  assert.deepEqual(s.invalidLines, [10, 12]);
  assert.deepEqual(s.categories, { 'single-call': 4, 'error-recovery': 2, 'multi-step': 2, 'no-call': 2 });
  assert.deepEqual(s.categoryLines, { 'single-call': [1, 2, 8, 13], 'error-recovery': [6, 7], 'multi-step': [4, 5], 'no-call': [3, 9] });
  assert.deepEqual(s.tools.get_weather, {
    examples: 8,
    calls: 10,
    byCategory: { 'single-call': { examples: 4, calls: 4 }, 'error-recovery': { examples: 2, calls: 4 }, 'multi-step': { examples: 2, calls: 2 }, 'no-call': { examples: 0, calls: 0 } },
    declaredIn: 9,
    lines: [1, 2, 4, 5, 6, 7, 8, 13],
  });
  assert.deepEqual([s.tools.get_time.examples, s.tools.get_time.calls, s.tools.get_time.lines], [2, 2, [4, 5]]);
  assert.deepEqual([s.tools.book_table.examples, s.tools.book_table.calls, s.tools.book_table.declaredIn], [0, 0, 9]);
  assert.deepEqual(Object.keys(s.tools), ['book_table', 'get_time', 'get_weather']);
  assert.deepEqual(s.unusedTools, ['book_table']);
  assert.deepEqual(s.singleCategoryTools, [{ name: 'get_time', category: 'multi-step' }]);
  assert.deepEqual(s.weightWarnings, [7]);
  assert.deepEqual(s.duplicates, [{ lines: [1, 2] }]);
  assert.deepEqual(s.nearDuplicates, [{ lines: [1, 2, 8], similarity: 1 }]);
  assert.deepEqual(Object.keys(s.declarationDrift), ['book_table']);
  assert.deepEqual(s.declarationDrift.book_table.map((v) => v.lines), [[1, 2, 4, 5, 6, 7, 8, 13], [9]]);
  assert.equal(s.overlap, null);
});

test('mixed fixture: tokens, limit and cost', () => {
  const s = computeStats(splitLines(mixed));
  const perLine = s.tokens.perExample.map((e) => [e.line, e.tokens]);
  assert.deepEqual(perLine, [[1, 170], [2, 170], [3, 35], [4, 185], [5, 199], [6, 191], [7, 188], [8, 170], [9, 146], [13, 167]]);
  // Line 3 by hand: 3 + system (3 + 1 + text) + user (3 + 1 + "Hello there") + assistant (3 + 1 + text).
  const c = tokenCounter('o200k_base');
  assert.equal(3 + 3 + 1 + c.count('You are a helpful assistant with weather and time tools.') + 3 + 1 + c.count('Hello there') + 3 + 1 + c.count('Hi! How can I help?'), 35);
  assert.deepEqual({ ...s.tokens, perExample: undefined }, { total: 1621, min: 35, max: 199, mean: 162.1, p50: 170, p95: 199, limit: 65_536, overLimit: [], perExample: undefined });
  // 10 examples: min(25, 100 // 10) = 10 epochs.
  assert.deepEqual(s.cost, { model: 'gpt-4o-mini-2024-07-18', epochs: 10, billedTokens: 16_210, pricePerMillion: 3, estimatedUsd: (16_210 / 1e6) * 3 });

  const limited = computeStats(splitLines(mixed), { limit: 180 });
  assert.deepEqual(limited.tokens.overLimit, [
    { line: 4, tokens: 185, limit: 180, over: 5 },
    { line: 5, tokens: 199, limit: 180, over: 19 },
    { line: 6, tokens: 191, limit: 180, over: 11 },
    { line: 7, tokens: 188, limit: 180, over: 8 },
  ]);
  // Truncated examples are billed at the limit: (1621 - 5 - 19 - 11 - 8) * 10.
  assert.equal(limited.cost.billedTokens, 15_780);
  assert.match(limited.hints.join('\n'), /4 examples exceed the 180 token limit of gpt-4o-mini-2024-07-18 and will be truncated \(lines 4, 5, 6, 7\)\./);
});

test('mixed fixture: hints', () => {
  assert.deepEqual(computeStats(splitLines(mixed)).hints, [
    '2 lines (10, 12) are not an example (not JSON, or no "messages" array) and were left out; run "toolcall validate".',
    '10 examples: gains usually show at 50 to 100.',
    '1 error-recovery example leaves the failed call at weight 1 (lines 7): set "weight": 0 on that assistant turn so the model does not learn the wrong call.',
    '1 line repeats an earlier line exactly (1 group, first at line 1).',
    '1 group of near-duplicate examples (3 lines, first at line 1): vary the wording and values, or drop copies.',
    'Tool "book_table" is declared 2 different ways (first at lines 1, 9): the model sees inconsistent schemas.',
    'Declared but never called: book_table. Add examples that call it, or drop the declaration.',
    '"get_time" is only called in multi-step examples.',
  ]);
});

test('cl100k for gpt-3.5 models, with its own limit and price', () => {
  const s = computeStats(splitLines(mixed), { model: 'gpt-3.5-turbo-0125' });
  assert.equal(s.encoding, 'cl100k_base');
  assert.equal(s.tokens.limit, 16_385);
  assert.equal(s.cost.pricePerMillion, 8);
  assert.notEqual(s.tokens.total, 1621);
});

test('unknown model: no limit, no price, both said in hints', () => {
  const s = computeStats(splitLines(mixed), { model: 'gpt-4o' });
  assert.equal(s.tokens.limit, null);
  assert.equal(s.cost.estimatedUsd, null);
  assert.deepEqual(s.hints.slice(-2), ['No token limit is known for gpt-4o: examples are not checked for truncation.', 'No training price is known for gpt-4o: give one to estimate the cost.']);
});

test('overlap with a validation file: exact and near repeats', () => {
  const lines = mixed.split('\n');
  const validation = [lines[0], lines[2].replace('Hello there', 'Good morning'), lines[7].replace('21C', '30C'), lines[4]].join('\n');
  const s = computeStats(splitLines(mixed), { validation: splitLines(validation) });
  assert.deepEqual(s.overlap, {
    validationExamples: 4,
    exact: [
      { validation: 1, train: [1, 2] },
      { validation: 4, train: [5] },
    ],
    near: [{ validation: 3, train: 1, similarity: 1 }],
  });
  assert.ok(s.hints.includes('Validation examples repeating a training example: 2 exactly, 1 nearly (validation lines 1, 3, 4): the validation loss will look better than it is.'));
});

test('drone excerpt (openai-cookbook, MIT): all single calls, tools declared on every line', async () => {
  const s = await computeStatsAsync(splitLines(drone));
  assert.equal(s.examples, 4);
  assert.deepEqual(s.categories, { 'single-call': 4, 'error-recovery': 0, 'multi-step': 0, 'no-call': 0 });
  assert.deepEqual(
    Object.entries(s.tools).filter(([, t]) => t.calls > 0).map(([name, t]) => [name, t.lines]),
    [['land_drone', [3]], ['reject_request', [4]], ['takeoff_drone', [1, 2]]],
  );
  assert.equal(s.unusedTools.length, 13);
  assert.deepEqual(s.tokens.perExample.map((e) => e.tokens), [758, 756, 753, 746]);
  assert.deepEqual(s.duplicates, []);
  assert.deepEqual(s.nearDuplicates, []);
  assert.deepEqual(s.declarationDrift, {});
  assert.equal(s.cost.epochs, 25);
});

test('percentile is nearest-rank', () => {
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
  assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95), 10);
  assert.equal(percentile([7], 95), 7);
  assert.equal(percentile([], 50), 0);
});

test('an empty file gives zeros, not NaN', () => {
  const s = computeStats(splitLines(''));
  assert.equal(s.examples, 0);
  assert.deepEqual([s.tokens.total, s.tokens.min, s.tokens.mean, s.cost.epochs, s.cost.billedTokens], [0, 0, 0, 0, 0]);
  assert.equal(JSON.stringify(JSON.parse(JSON.stringify(s))), JSON.stringify(s));
});

test('computeStatsAsync with a second read: the report of every line keyed; a line missing or changed the second time is an error', async () => {
  const text = readFileSync(join(__dirname, '../../fixtures/stats/mixed.jsonl'), 'utf8');
  const lines = [...splitLines(text)].map(({ index, text }) => ({ index, text }));
  // Each line twice, the copy of a JSON line written with Python's spacing: every example has an exact copy, whose first line is read again.
  const respaced = (line: string) => {
    try {
      return spaced(JSON.parse(line));
    } catch {
      return line;
    }
  };
  const doubled = [...lines, ...lines.map((l) => ({ index: l.index + lines.length, text: respaced(l.text) }))];
  const asked: number[][] = [];
  const reread = (indexes: number[]) => {
    asked.push(indexes);
    return indexes.map((index) => doubled[index]);
  };
  const stats = await computeStatsAsync(doubled, { reread });
  assert.deepEqual(stats, computeStats(doubled));
  assert.equal(stats.duplicates.length, 9);
  assert.deepEqual(asked, [stats.duplicates.map((group) => group.lines[0] - 1)]);
  await assert.rejects(computeStatsAsync(doubled, { reread: (indexes) => indexes.slice(1).map((index) => doubled[index]) }), /^Error: The file changed while it was read: 1 line was not there the second time\.$/);
  const changed = (indexes: number[]) => indexes.map((index) => ({ index, text: doubled[index].text.replace('"user"', '"developer"') }));
  await assert.rejects(computeStatsAsync(doubled, { reread: changed }), /^Error: Line 1 changed while it was read: the file was modified during the run\.$/);
});

test('computeStatsAsync with a validation file read twice and the training lines read again: the report of every line keyed', async () => {
  const text = readFileSync(join(__dirname, '../../fixtures/stats/mixed.jsonl'), 'utf8');
  const training = [...splitLines(text)].map(({ index, text }) => ({ index, text }));
  // The validation file: each training line respaced, in reverse order, and a line of its own.
  const respaced = (line: string) => {
    try {
      return spaced(JSON.parse(line));
    } catch {
      return line;
    }
  };
  const validation = [...training.map((l) => respaced(l.text)).reverse(), '{"messages":[{"role":"user","content":"only here"}]}'].map((text, index) => ({ index, text }));
  const asked: number[][] = [];
  const reread = (indexes: number[]) => {
    asked.push(indexes);
    return indexes.map((index) => training[index]);
  };
  const stats = await computeStatsAsync(training, { validation, validationAgain: () => validation, reread });
  const expected = computeStats(training, { validation });
  assert.deepEqual(stats, expected);
  assert.equal(expected.overlap?.exact.length, 10);
  // Each training example's first line was read again: its validation copy may repeat it.
  assert.equal(asked.length, 1);
  assert.deepEqual(asked[0], [...new Set(expected.overlap!.exact.map((e) => e.train[0] - 1))].sort((a, b) => a - b));
});
