// The Dataset Report's view model and messages (pure): exact strings on the fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { splitLines } from '../../../core/dataset/lines.ts';
import { computeStats } from '../../../core/stats/report.ts';
import { reportWebviewHtml } from '../../../core/stats/reportHtml.ts';
import { parseReportMessage, REPORT_TABLE_IDS } from '../../../core/stats/reportMessages.ts';
import { normalizeInsightSettings } from '../../../core/stats/reportSettings.ts';
import { costSentence, insightsStatusText, linesText, modelChoices, previewOf, reportModel, rowLines, tokenBuckets, usd } from '../../../core/stats/reportView.ts';
import { splitDataset } from '../../../core/stats/split.ts';
import { splitSummary, validateRatio, validateSeed } from '../../../client/insights/splitInputs.ts';

const FIXTURE = path.resolve('test/fixtures/insights/report.jsonl');
const XSS = '</script><img src=x onerror=alert(1)>';
const lines = [...splitLines(readFileSync(FIXTURE, 'utf8'))];
const stats = computeStats(lines);
const model = reportModel({ stats, title: 'report.jsonl', models: ['gpt-4o-mini-2024-07-18', 'gpt-4.1-mini-2025-04-14'], lineText: (n) => lines[n - 1]?.text });
const table = (id: string) => model.tables.find((t) => t.id === id)!;
const cells = (id: string) => table(id).rows.map((r) => r.cells);

test('overview: examples and token statistics of the fixture, with the lines each counts', () => {
  assert.deepEqual(model.tables.map((t) => t.id), [...REPORT_TABLE_IDS]);
  assert.deepEqual(cells('overview'), [
    ['Examples', '8', '1, 2, 3, 4, 5, 6 +2 more'],
    ['Tokens, total', '1,481', ''],
    ['Tokens, min', '172', '1, 8'],
    ['Tokens, p50', '182', '7'],
    ['Tokens, mean', '185.1', ''],
    ['Tokens, p95', '199', '3'],
    ['Tokens, max', '199', '3'],
    ['Token limit per example', '65,536', ''],
    ['Over the limit', '0', ''],
    ['Longest example', '199 tokens: Weather and local time in Tokyo, please.', '3'],
  ]);
  assert.deepEqual(rowLines(model, 'overview', 0), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(rowLines(model, 'overview', 2), [1, 8]);
  assert.equal(rowLines(model, 'overview', 99), undefined);
  assert.equal(rowLines(model, 'nope', 0), undefined);
  assert.equal(model.subtitle, '8 examples, 1,481 tokens, o200k_base; estimated $0.05 to train gpt-4o-mini-2024-07-18 for 12 epochs');
});

test('cost, histogram and categories', () => {
  // 8 examples -> min(25, floor(100 / 8)) = 12 epochs; 1,481 x 12 = 17,772 billed; x $3 / 1M.
  assert.deepEqual(cells('cost'), [['gpt-4o-mini-2024-07-18', '12', '17,772', '$3.00', '$0.05']]);
  assert.deepEqual(cells('histogram'), [
    ['170–174', '2', '1, 8'],
    ['175–179', '0', ''],
    ['180–184', '2', '6, 7'],
    ['185–189', '1', '2'],
    ['190–194', '0', ''],
    ['195–199', '3', '3, 4, 5'],
  ]);
  assert.deepEqual(cells('categories'), [
    ['single-call', '3', '37.5%', '1, 2, 8'],
    ['error-recovery', '2', '25.0%', '4, 5'],
    ['multi-step', '1', '12.5%', '3'],
    ['no-call', '2', '25.0%', '6, 7'],
  ]);
  assert.deepEqual(model.categoryChart.bars.map((b) => [b.label, b.text, b.width]), [
    ['single-call', '3 (37.5%)', 260],
    ['error-recovery', '2 (25.0%)', 173.3],
    ['multi-step', '1 (12.5%)', 86.7],
    ['no-call', '2 (25.0%)', 173.3],
  ]);
  assert.deepEqual(model.tokenChart.bars.map((b) => b.value), [2, 0, 2, 1, 0, 3]);
  assert.deepEqual([model.tokenChart.title, model.categoryChart.title], ['Examples by token count', 'Examples by category']);
});

test('tools and findings: unused tool, weight 1, duplicates, near duplicates shown as text, drift', () => {
  assert.deepEqual(cells('tools'), [
    ['book_table', '0', '0', '0/0', '0/0', '0/0', '0/0', '8', 'never called'],
    ['get_time', '2', '3', '0/0', '1/2', '1/1', '0/0', '8', ''],
    ['get_weather', '5', '6', '3/3', '1/2', '1/1', '0/0', '8', ''],
  ]);
  assert.deepEqual(cells('findings'), [
    ['Failed call at weight 1', 'Error-recovery example whose failed call still trains (set "weight": 0 on that turn)', '5'],
    ['Exact duplicates', "2 identical lines: What's the weather in Paris?", '1, 8'],
    ['Near duplicates', `Jaccard ≥ 0.82: ${XSS} what does this snippe…`, '6, 7'],
    ['Declaration drift', '"get_weather" declared 2 ways (#1: 7, #2: 1)', '1, 2'],
    ['Unused tool', '"book_table" is declared but never called', ''],
  ]);
  assert.deepEqual(rowLines(model, 'findings', 2), [6, 7]);
  assert.deepEqual(cells('overlap'), []);
  assert.equal(table('overlap').empty, 'Pick a validation file to compare.');
});

test('overlap with a validation file: exact and near repeats point at training lines', () => {
  const validation = [lines[0]!, { index: 1, text: lines[6]!.text.replace('classic ', '') }, lines[2]!].map((l, index) => ({ index, text: l.text }));
  const s = computeStats(lines, { validation });
  const m = reportModel({ stats: s, title: 'report.jsonl', models: [], validation: 'val.jsonl', lineText: (n) => lines[n - 1]?.text });
  assert.equal(m.tables.find((t) => t.id === 'overlap')!.title, 'Overlap with val.jsonl');
  assert.deepEqual(m.tables.find((t) => t.id === 'overlap')!.rows, [
    { cells: ['1', 'exact', '1, 8'], lines: [1, 8] },
    { cells: ['2', 'near (Jaccard 0.87)', '7'], lines: [7] },
    { cells: ['3', 'exact', '3'], lines: [3] },
  ]);
  assert.deepEqual(m.models, ['gpt-4o-mini-2024-07-18']);
});

test('formatting helpers', () => {
  assert.equal(usd(0.0042), '$0.0042');
  assert.equal(usd(12.345), '$12.35');
  assert.equal(usd(0), '$0.00');
  assert.equal(usd(null), 'unknown');
  assert.equal(linesText([1, 2, 3, 4, 5, 6, 7, 8, 9]), '1, 2, 3, 4, 5, 6 +3 more');
  assert.equal(previewOf(lines[5]!.text, 20), '</script><img src=x…');
  assert.equal(previewOf('not json'), '');
  assert.deepEqual(tokenBuckets([{ line: 1, tokens: 0 }, { line: 2, tokens: 999 }], 4).map((b) => [b.from, b.to, b.lines]), [[0, 499, [1]], [500, 999, [2]]]);
  assert.deepEqual(modelChoices('my-model', normalizeInsightSettings(undefined), ['gpt-4.1-nano-2025-04-14']), [
    'my-model',
    'gpt-4.1-nano-2025-04-14',
    'gpt-4o-mini-2024-07-18',
    'gpt-4o-2024-08-06',
    'gpt-4.1-mini-2025-04-14',
    'gpt-4.1-2025-04-14',
    'gpt-3.5-turbo-0125',
    'gpt-3.5-turbo-1106',
    'gpt-3.5-turbo-0613',
  ]);
  const summary = { model: 'gpt-4o-mini-2024-07-18', examples: 8, tokens: 1481, overLimit: 0, epochs: 12, billedTokens: 17772, estimatedUsd: 0.053316 };
  assert.equal(insightsStatusText(summary), '$(graph) 8 examples · 1,481 tokens · ~$0.05');
  assert.equal(costSentence(summary), 'Estimated cost: 8 examples, 1,481 tokens x 12 epochs = 17,772 billed tokens on gpt-4o-mini-2024-07-18, about $0.05.');
  assert.equal(costSentence({ ...summary, model: 'x', estimatedUsd: null }), 'Estimated cost: 8 examples, 1,481 tokens x 12 epochs = 17,772 billed tokens on x, no price is known for x.');
});

test('messages from the webview: only the allowed shapes', () => {
  assert.deepEqual(parseReportMessage({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parseReportMessage({ type: 'reveal', table: 'findings', row: 2 }), { type: 'reveal', table: 'findings', row: 2 });
  assert.deepEqual(parseReportMessage({ type: 'setModel', model: 'gpt-4o-2024-08-06' }), { type: 'setModel', model: 'gpt-4o-2024-08-06' });
  assert.deepEqual(parseReportMessage({ type: 'pickValidation' }), { type: 'pickValidation' });
  assert.deepEqual(parseReportMessage({ type: 'clearValidation' }), { type: 'clearValidation' });
  for (const bad of [
    null,
    'ready',
    [],
    { type: 'ready', extra: 1 },
    { type: 'reveal', table: 'findings', row: -1 },
    { type: 'reveal', table: 'findings', row: 1.5 },
    { type: 'reveal', table: '__proto__', row: 0 },
    { type: 'reveal', table: 'findings', row: 0, lines: [1] },
    { type: 'reveal', lines: [1, 2] },
    { type: 'setModel', model: '' },
    { type: 'setModel', model: 7 },
    { type: 'setModel', model: 'x'.repeat(201) },
    { type: 'openFile', path: '/etc/passwd' },
    { type: 'pickValidation', uri: 'file:///x' },
  ]) {
    assert.equal(parseReportMessage(bad), undefined, JSON.stringify(bad));
  }
});

test('the HTML shell: nonce CSP, no data, the bundle with the nonce', () => {
  const html = reportWebviewHtml({ nonce: 'abcdefghijklmnopqrstuvwx', cspSource: 'vscode-webview://x', scriptUri: 'vscode-webview://x/report.js', title: `Dataset Report: ${XSS}` });
  assert.ok(html.includes(`content="default-src &#39;none&#39;; img-src vscode-webview://x; style-src &#39;nonce-abcdefghijklmnopqrstuvwx&#39;; script-src &#39;nonce-abcdefghijklmnopqrstuvwx&#39;"`), html);
  assert.ok(html.includes('<script nonce="abcdefghijklmnopqrstuvwx" src="vscode-webview://x/report.js"></script>'));
  assert.ok(!html.includes('<img'), 'the title is escaped');
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.throws(() => reportWebviewHtml({ nonce: 'short', cspSource: '', scriptUri: '', title: '' }));
});

test('split inputs and summary', () => {
  assert.equal(validateRatio('0.8'), undefined);
  assert.equal(validateRatio('1'), 'The training share must be a number between 0 and 1, e.g. 0.8.');
  assert.equal(validateRatio(''), 'The training share must be a number between 0 and 1, e.g. 0.8.');
  assert.equal(validateSeed('42'), undefined);
  assert.equal(validateSeed('-1'), 'The seed must be a whole number, e.g. 42.');
  const result = splitDataset([...lines, { index: 8, text: 'oops' }], { ratio: 0.5, seed: 42 });
  assert.equal(splitSummary('a.train.jsonl', 'a.validation.jsonl', result), `Wrote a.train.jsonl (${result.train.length} examples) and a.validation.jsonl (${result.validation.length} examples); by category, train/validation: single-call ${result.byCategory['single-call'].train}/${result.byCategory['single-call'].validation}, error-recovery 1/1, multi-step 1/0, no-call 1/1. 1 line is not an example and went to neither file.`);
});
