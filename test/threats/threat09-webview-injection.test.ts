// Threat 9: script injection in the webviews (evaluation results, dataset report). Model
// output and dataset text are shown there. The browser-driven checks (test/e2e/checks/
// evalViewer.e2e.ts, datasetReport.e2e.ts) render `</script><img src=x onerror=alert(1)>` in a
// real VS Code and find no element created; this test pins the parts that make that true.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { glob } from 'tinyglobby';
import { parseWebviewMessage } from '../../core/eval/resultsMessages.ts';
import { resultsWebviewHtml } from '../../core/eval/resultsHtml.ts';
import { parseReportMessage } from '../../core/stats/reportMessages.ts';
import { reportWebviewHtml } from '../../core/stats/reportHtml.ts';

const XSS = '</script><img src=x onerror=alert(1)>';
const shell = { nonce: 'AAAAAAAAAAAAAAAAAAAAAA==', cspSource: 'https://webview.example', scriptUri: 'https://webview.example/eval.js', title: XSS };

test('threat 9: webview script injection (model output as text, nonce CSP, allow-listed messages)', async () => {
  for (const html of [resultsWebviewHtml(shell), reportWebviewHtml(shell)]) {
    // CSP: nothing by default, scripts and styles only with the nonce.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(csp, "default-src &#39;none&#39;; img-src https://webview.example; style-src &#39;nonce-AAAAAAAAAAAAAAAAAAAAAA==&#39;; script-src &#39;nonce-AAAAAAAAAAAAAAAAAAAAAA==&#39;");
    // The only script is the nonce'd bundle; the title text is escaped, never markup.
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="AAAAAAAAAAAAAAAAAAAAAA==" src="https://webview.example/eval.js">']);
    assert.equal(html.includes('<img'), false);
  }
  assert.throws(() => resultsWebviewHtml({ ...shell, nonce: 'short' }), /nonce/);

  // The webview code never builds markup from strings: text goes in with textContent.
  const sources = await glob('client/webview/**/*.ts');
  assert.ok(sources.length >= 2, `webview sources found: ${sources.join(', ')}`);
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    assert.deepEqual(text.match(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/g), null, file);
  }

  // Messages from a (possibly compromised) webview are checked against an allow-list.
  assert.deepEqual(parseWebviewMessage({ type: 'openCase', model: 0, line: 3 }), { type: 'openCase', model: 0, line: 3 });
  for (const bad of [{ type: 'openCase', model: 0, line: 3, command: 'rm -rf' }, { type: 'runCommand', command: XSS }, { type: 'export', format: 'html', destination: 'file' }, XSS, null]) {
    assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad));
    assert.equal(parseReportMessage(bad), undefined, JSON.stringify(bad));
  }
  assert.equal(parseReportMessage({ type: 'setModel', model: 'x'.repeat(201) }), undefined);
});
