// The viewer's logic without a DOM: the HTML shell (CSP, no data), the message
// allow-list, chart geometry, breakdowns, filters, case details and the diff.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseResults } from '../../../core/eval/results.ts';
import { errorWebviewHtml, resultsWebviewHtml } from '../../../core/eval/resultsHtml.ts';
import { contentSecurityPolicy, escapeHtml } from '../../../core/webviewHtml.ts';
import { parseWebviewMessage } from '../../../core/eval/resultsMessages.ts';
import { wilsonInterval } from '../../../core/eval/confidence.ts';
import { comparisonTable } from '../../../core/eval/comparisonView.ts';
import { localDate, subtitle } from '../../../core/eval/resultsView.ts';
import { barChart, breakdown, caseDetail, diffLines, filterCases, filterChoices, formatCalls, prettyArguments, truncate, type CaseFilter } from '../../../core/eval/resultsView.ts';

const file = parseResults(readFileSync(join(__dirname, '../../fixtures/eval/results/small.toolcall-eval.json'), 'utf8'));
const XSS = '</script><img src=x onerror=alert(1)>';
const all: CaseFilter = { model: 0, metric: 'exact_match', failuresOnly: false, tool: '', category: '', search: '' };

describe('webview shell', () => {
  const nonce = 'bm9uY2Utbm9uY2Utbm9uY2Utbm9uY2U=';
  const html = resultsWebviewHtml({ nonce, cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x.vscode-cdn.net/dist/webview/eval.js', title: XSS });

  test('CSP: nothing by default, script and style only with the nonce', () => {
    assert.equal(contentSecurityPolicy(nonce, 'https://x.vscode-cdn.net'), `default-src 'none'; img-src https://x.vscode-cdn.net; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'`);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src https://x.vscode-cdn.net; style-src &#39;nonce-${nonce}&#39;; script-src &#39;nonce-${nonce}&#39;">`));
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.ok(html.includes(`<script nonce="${nonce}" src="https://x.vscode-cdn.net/dist/webview/eval.js"></script>`));
  });

  test('the title is escaped; no results data is in the page', () => {
    assert.ok(html.includes('<title>&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;</title>'));
    assert.ok(!html.includes('<img'));
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
    assert.throws(() => resultsWebviewHtml({ nonce: 'short', cspSource: '', scriptUri: '', title: '' }), /nonce/);
    const error = errorWebviewHtml(`Bad ${XSS}`, nonce);
    assert.ok(!error.includes('<img') && !error.includes('<script'));
  });
});

describe('message allow-list', () => {
  test('accepts exactly the declared shapes', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'openCase', model: 1, line: 4 }), { type: 'openCase', model: 1, line: 4 });
    assert.deepEqual(parseWebviewMessage({ type: 'export', format: 'csv', destination: 'clipboard' }), { type: 'export', format: 'csv', destination: 'clipboard' });
  });

  test('refuses anything else', () => {
    for (const bad of [
      null,
      'ready',
      [],
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'ready', extra: 1 },
      { type: 'openCase', model: 0, line: 0 },
      { type: 'openCase', model: -1, line: 3 },
      { type: 'openCase', model: 0, line: 1.5 },
      { type: 'openCase', model: 0, line: 2, path: '/etc/passwd' },
      { type: 'export', format: 'html', destination: 'file' },
      { type: 'export', format: 'csv', destination: '/tmp/x' },
      { type: 'export', format: 'csv', destination: 'file', text: 'injected' },
      JSON.parse('{"__proto__": {"type": "ready"}}'),
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('view model', () => {
  test('bar chart: one bar per model, width proportional to the rate', () => {
    const chart = barChart(file, 'structural_match', 200, 100);
    assert.deepEqual(chart.bars.map((b) => [b.label, b.width, b.y, b.text, b.series]), [
      ['gpt-4o-mini', 175, 4, '87.5% (52.9%–97.8%)', 0],
      ['</script><img src=x onerror…', 150, 28, '75.0% (40.9%–92.9%)', 1],
    ]);
    // Error bars: the 95% Wilson interval of 7/8 and 6/8 on the 200-unit plot after x = 100.
    const x = (f: number) => 100 + Math.round(f * 200 * 10) / 10;
    assert.deepEqual(chart.bars.map((b) => b.error), [wilsonInterval(7, 8), wilsonInterval(6, 8)].map(([lo, hi]) => ({ lo: x(lo), hi: x(hi) })));
    assert.deepEqual(chart.bars[0]!.error, { lo: 205.8, hi: 295.5 });
    assert.deepEqual([chart.width, chart.height, chart.title], [450, 56, 'Structural match']);
    assert.equal(truncate(XSS, 10), '</script>…');
  });

  test('breakdowns per tool and per category', () => {
    assert.deepEqual(breakdown(file, 'tool', 'exact_match'), {
      header: ['Tool', 'gpt-4o-mini', XSS],
      rows: [
        ['(no call)', '100.0% (2)', '100.0% (2)'],
        ['get_order', '100.0% (3)', '100.0% (3)'],
        ['get_time', '100.0% (1)', '100.0% (1)'],
        ['get_weather', '100.0% (2)', '50.0% (2)'],
      ],
    });
    assert.deepEqual(breakdown(file, 'category', 'structural_match').rows[0], ['error-recovery', '66.7% (3)', '66.7% (3)']);
  });

  test('paired comparisons: the not-significant differences are marked, with the cases that would tell', () => {
    const table = comparisonTable(file, 'exact_match');
    assert.deepEqual(table.header, ['Model A', 'Model B', 'Cases', 'Only A passes', 'Only B passes', 'p (McNemar)', 'Verdict']);
    // gpt-4o-mini passes all 8 exactly, the other model 7: one discordant case, p = 1.
    assert.deepEqual(table.rows, [['gpt-4o-mini', XSS, '8', '1', '0', '1.0000', 'not significant (~61 cases needed)']]);
    assert.deepEqual([table.notSignificant, table.note], [[true], '']);
    const one = { ...file, models: file.models.slice(0, 1) };
    assert.deepEqual([comparisonTable(one, 'exact_match').rows, comparisonTable(one, 'exact_match').note], [[], 'Paired comparisons need two or more models.']);
  });

  test('dates in local time; errored cases shown apart from wrong answers', () => {
    assert.equal(localDate('2025-01-02T00:00:00.000Z', 'en-US', 'America/New_York'), 'Jan 1, 2025, 7:00 PM');
    assert.equal(localDate('2025-01-02T00:00:00.000Z', 'en-GB', 'Asia/Tokyo'), '2 Jan 2025, 09:00');
    assert.equal(localDate('yesterday'), 'yesterday');
    assert.equal(subtitle(file, 'en-US', 'UTC'), `Eval set ${file.dataset} · 2 models · Jan 1, 2025, 12:00 AM`);
    const errored = { ...file, models: [{ ...file.models[0]!, cases: file.models[0]!.cases.map((c, i) => (i === 0 ? { ...c, error: 'Could not reach the API.', prediction: undefined } : c)) }] };
    assert.deepEqual(filterCases(errored, all).slice(0, 2).map((r) => [r.outcome, r.predicted]), [['error', '(request failed)'], ['pass', '(no call)']]);
    assert.deepEqual(filterCases(file, { ...all, model: 1 }).slice(0, 2).map((r) => r.outcome), ['fail', 'pass']);
  });

  test('filters: failures only, tool, category, search', () => {
    assert.equal(filterCases(file, all).length, 8);
    assert.deepEqual(filterCases(file, { ...all, model: 1, failuresOnly: true }).map((r) => [r.line, r.turn, r.expected, r.predicted, r.pass]), [[1, 1, 'get_weather', 'get_weather', false]]);
    assert.deepEqual(filterCases(file, { ...all, metric: 'structural_match', failuresOnly: true }).map((r) => [r.line, r.note]), [[6, "Parameter 'id' should be of type integer, got string."]]);
    assert.deepEqual(filterCases(file, { ...all, tool: '(no call)' }).map((r) => `${r.line}:${r.turn}`), ['2:1', '4:6']);
    assert.deepEqual(filterCases(file, { ...all, category: 'error-recovery' }).map((r) => `${r.line}:${r.turn}`), ['6:1', '6:3', '7:3']);
    assert.deepEqual(filterCases(file, { ...all, model: 1, search: 'ONERROR' }).map((r) => `${r.line}:${r.turn}`), ['1:1', '2:1', '4:6']);
    assert.deepEqual(filterCases(file, { ...all, search: '7' }).map((r) => r.line), [7]);
    assert.deepEqual(filterCases(file, { ...all, model: 9 }), []);
    assert.deepEqual(filterChoices(file, 0), { tools: ['(no call)', 'get_order', 'get_time', 'get_weather'], categories: ['error-recovery', 'multi-step', 'no-call', 'single-call'] });
  });

  test('case detail keeps model text as it is (the webview sets it with textContent)', () => {
    const detail = caseDetail(file, 1, 1)!;
    assert.equal(detail.title, 'Line 2, turn 1');
    assert.equal(detail.content, XSS);
    assert.deepEqual(detail.facts.slice(0, 3), [
      ['Category', 'no-call'],
      ['Scores', 'Exact pass, Fuzzy pass, Functional pass, Structural pass'],
      ['Argument similarity (names not compared)', '1.000'],
    ]);
    assert.equal(caseDetail(file, 1, 99), undefined);
  });

  test('argument diff: sorted keys, indented, line by line', () => {
    const detail = caseDetail(file, 1, 0)!;
    assert.deepEqual(detail.diff, [
      { kind: 'same', text: 'get_weather {' },
      { kind: 'del', text: '  "city": "Paris"' },
      { kind: 'add', text: `  "city": "${XSS}"` },
      { kind: 'same', text: '}' },
    ]);
    assert.equal(prettyArguments('{"b": 1, "a": {"d": [2], "c": null}}'), '{\n  "a": {\n    "c": null,\n    "d": [\n      2\n    ]\n  },\n  "b": 1\n}');
    assert.equal(prettyArguments('{not json'), '{not json');
    assert.equal(formatCalls([{ name: 'b', arguments: '{}' }, { name: 'a', arguments: '{}' }]), 'a {}\nb {}');
    assert.equal(formatCalls([]), '(no call)');
    assert.deepEqual(diffLines('a\nb\nc', 'a\nc\nd'), [
      { kind: 'same', text: 'a' },
      { kind: 'del', text: 'b' },
      { kind: 'same', text: 'c' },
      { kind: 'add', text: 'd' },
    ]);
  });
});
