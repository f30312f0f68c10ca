import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { mergeResults, parseResults, percentile, stringifyResults, summarizeModel, upsertModel, modelResults, jsonSummary } from '../../../core/eval/results.ts';
import { csvCell, toCsv, toMarkdown, toTextTable } from '../../../core/eval/resultsExport.ts';

const dir = join(__dirname, '../../fixtures/eval/results');
const smallText = readFileSync(join(dir, 'small.toolcall-eval.json'), 'utf8');
const offlineText = readFileSync(join(dir, 'offline.toolcall-eval.json'), 'utf8');
const XSS = '</script><img src=x onerror=alert(1)>';

describe('results file', () => {
  test('reads back to the same text (summaries recomputed equal the stored ones)', () => {
    assert.equal(stringifyResults(parseResults(smallText)), smallText);
    assert.equal(stringifyResults(parseResults(offlineText)), offlineText);
  });

  test('summary: rates, nearest-rank latency percentiles, tokens, cost per 1k cases', () => {
    const [mini, xss] = parseResults(smallText).models;
    const s = mini!.summary;
    // 8 cases at 100, 110, ..., 170 ms: p50 is the 4th (130), p95 the 8th (170).
    assert.deepEqual([s.total, s.exact_match, s.structural_match, s.latency_p50_ms, s.latency_p95_ms], [8, 1, 7 / 8, 130, 170]);
    assert.deepEqual([s.prompt_tokens, s.completion_tokens], [8000, 400]);
    // gpt-4o-mini: 1000 * $0.15/1M + 50 * $0.60/1M = $0.00018 a case.
    assert.ok(Math.abs(s.cost_usd! - 0.00144) < 1e-15);
    assert.ok(Math.abs(s.cost_per_1k_cases! - 0.18) < 1e-12);
    assert.equal(xss!.model, XSS);
    assert.equal(xss!.summary.cost_per_1k_cases, null); // a model the price table does not know
    assert.deepEqual(xss!.summary.by_tool['get_weather'], { total: 2, exact_match: 0.5, fuzzy_match: 0.5, functional_match: 0.5, structural_match: 0.5 });
    const offline = parseResults(offlineText).models[0]!.summary;
    assert.deepEqual([offline.exact_match, offline.latency_p50_ms, offline.cost_usd], [5 / 8, null, null]);
  });

  test('percentile and an empty model', () => {
    assert.equal(percentile([5, 1, 3], 50), 3);
    assert.equal(percentile([1, 2, 3, 4], 95), 4);
    assert.equal(percentile([], 50), null);
    const empty = summarizeModel([]);
    assert.deepEqual([empty.total, empty.exact_match, empty.cost_usd, empty.cost_per_1k_cases, empty.latency_p50_ms], [0, 0, null, null, null]);
  });

  test('bad files are refused with one sentence naming the field', () => {
    const bad = (mutate: (f: any) => void) => {
      const f = JSON.parse(smallText);
      mutate(f);
      return () => parseResults(JSON.stringify(f));
    };
    assert.throws(() => parseResults('{'), /^Error: The results file is not valid JSON/);
    assert.throws(bad((f) => (f.version = 2)), { message: 'Unsupported results version 2; this version of Toolcall Studio reads version 1.' });
    assert.throws(bad((f) => (f.models[1].cases[3].line = 0)), { message: 'models[1].cases[3].line must be an integer >= 1.' });
    assert.throws(bad((f) => (f.models[0].cases[0].scores.similarity = 2)), { message: 'models[0].cases[0].scores.similarity must be a number in [0, 1].' });
    assert.throws(bad((f) => (f.models[0].cases[0].prediction.tool_calls = [{ name: 1 }])), { message: 'models[0].cases[0].prediction.tool_calls[0] must have string "name" and "arguments".' });
    assert.throws(bad((f) => (f.models[0].cases[0].category = '<b>')), /category must be one of single-call, error-recovery, multi-step, no-call/);
    // Files written before the category names were unified with the dataset report still read.
    const old = JSON.parse(smallText);
    old.models[0].cases[0].category = 'single';
    assert.equal(parseResults(JSON.stringify(old)).models[0]!.cases[0]!.category, 'single-call');
  });

  test('upsert replaces the entry of the same model and endpoint', () => {
    const file = parseResults(smallText);
    const replaced = upsertModel(file, modelResults('gpt-4o-mini', 'https://api.openai.com/v1', []));
    assert.deepEqual(replaced.models.map((m) => [m.model, m.cases.length]), [['gpt-4o-mini', 0], [XSS, 8]]);
    const added = upsertModel(file, modelResults('gpt-4o-mini', 'http://localhost:11434/v1', []));
    assert.equal(added.models.length, 3);
  });

  test('merge: every model of every file, repeated names labelled by file, eval set kept per model', () => {
    const merged = mergeResults([
      { name: 'a/small.toolcall-eval.json', results: parseResults(smallText), dataset: '/data/eval-small.jsonl' },
      { name: 'b/offline.toolcall-eval.json', results: parseResults(offlineText) },
    ]);
    assert.deepEqual(merged.models.map((m) => [m.model, m.source, m.dataset]), [
      ['gpt-4o-mini (a/small.toolcall-eval.json)', 'a/small.toolcall-eval.json', '/data/eval-small.jsonl'],
      [XSS, 'a/small.toolcall-eval.json', '/data/eval-small.jsonl'],
      ['gpt-4o-mini (b/offline.toolcall-eval.json)', 'b/offline.toolcall-eval.json', '../eval-small.jsonl'],
    ]);
    assert.equal(merged.dataset, '/data/eval-small.jsonl, ../eval-small.jsonl');
    assert.equal(merged.createdAt, '2025-01-02T00:00:00.000Z');
    const json = jsonSummary(merged);
    assert.deepEqual(Object.keys(json), [...merged.models.map((m) => m.model), 'comparisons']);
    // Only models of the same eval set are paired: the third one comes from another.
    assert.deepEqual(
      (json.comparisons as { a: string; b: string; metric: string }[]).map((c) => [c.a, c.b, c.metric]),
      ['exact_match', 'fuzzy_match', 'functional_match', 'structural_match'].map((metric) => ['gpt-4o-mini (a/small.toolcall-eval.json)', XSS, metric]),
    );
    // The same file twice: labels stay unique.
    const twice = mergeResults([{ name: 'x', results: parseResults(offlineText) }, { name: 'x', results: parseResults(offlineText) }]);
    assert.deepEqual(twice.models.map((m) => m.model), ['gpt-4o-mini (x)', 'gpt-4o-mini (x) #2']);
  });
});

describe('export', () => {
  const merged = mergeResults([
    { name: 'small', results: parseResults(smallText) },
    { name: 'offline', results: parseResults(offlineText) },
  ]);

  test('Markdown table, pipes escaped', () => {
    const file = parseResults(smallText);
    file.models[0]!.model = 'a|b';
    assert.equal(
      toMarkdown(file),
      [
        '| Model | Cases | Exact | Fuzzy | Functional | Structural | p50 ms | p95 ms | Cost / 1k cases |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
        '| a\\|b | 8 | 100.0% | 100.0% | 100.0% | 87.5% | 130 | 170 | $0.1800 |',
        `| ${XSS} | 8 | 87.5% | 87.5% | 87.5% | 75.0% | 130 | 170 | - |`,
        '',
      ].join('\n'),
    );
  });

  test('CSV with raw numbers, RFC 4180 quoting and CRLF', () => {
    assert.equal(
      toCsv(merged),
      [
        'model,total,exact_match,fuzzy_match,functional_match,structural_match,latency_p50_ms,latency_p95_ms,cost_per_1k_cases_usd,errors',
        'gpt-4o-mini (small),8,1,1,1,0.875,130,170,0.18,0',
        `${XSS},8,0.875,0.875,0.875,0.75,130,170,,0`,
        'gpt-4o-mini (offline),8,0.625,0.625,0.625,0.625,,,,0',
        '',
      ].join('\r\n'),
    );
    assert.equal(csvCell('a,"b"'), '"a,""b"""');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell(-1), '-1');
  });

  test('aligned text for the terminal', () => {
    assert.equal(
      toTextTable(parseResults(offlineText)),
      'Model        Cases  Exact  Fuzzy  Functional  Structural  p50 ms  p95 ms  Cost / 1k cases\n' +
        'gpt-4o-mini      8  62.5%  62.5%       62.5%       62.5%       -       -                -\n',
    );
  });
});
