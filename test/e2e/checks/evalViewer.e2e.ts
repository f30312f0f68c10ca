// The results viewer in the real VS Code (code-server + chromium): opening a results
// file shows its numbers in the comparison table, and a model output of
// `</script><img src=x onerror=alert(1)>` appears as text, with no element created
// and no script run (threat 9).
//
// Needs `npm run build` (the custom editor for *.toolcall-eval.json is in package.json).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { parseResults } from '../../../core/eval/results.ts';
import { comparisonRows } from '../../../core/eval/resultsExport.ts';
import { type E2eContext, openFile, screenshot, waitForWorkbench, webviewFrame } from '../workbench.ts';

const XSS = '</script><img src=x onerror=alert(1)>';
const FIXTURE_PATH = ['test', 'fixtures', 'eval', 'results', 'small.toolcall-eval.json'];

/** The fixture, found from the working directory or the opened folder (the bundle runs as ESM, without __dirname). */
function fixture(target: string | undefined): string {
  const roots = [process.cwd(), ...(target ? [path.resolve(target, '..', '..', '..')] : [])];
  const found = roots.map((r) => path.join(r, ...FIXTURE_PATH)).find((f) => existsSync(f));
  if (!found) throw new Error(`fixture ${FIXTURE_PATH.join('/')} not found from ${JSON.stringify(roots)}`);
  return found;
}

/** Text of every cell of a table's body, row by row. */
function tableText(frame: Frame, selector: string): Promise<string[][]> {
  return frame.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll("td")).map((td) => td.textContent ?? '')));
}

export default async function evalViewer({ page, log, target }: E2eContext): Promise<void> {
  const FIXTURE = fixture(target);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const expected = comparisonRows(parseResults(readFileSync(FIXTURE, 'utf8'))).map((r) => r.cells);
  // Hand-checked numbers of the fixture (made by test/fixtures/eval/results/make.ts).
  assert.deepEqual(expected[0], ['gpt-4o-mini', '8', '100.0%', '100.0%', '100.0%', '87.5%', '130', '170', '$0.1800']);
  assert.deepEqual(expected[1], [XSS, '8', '87.5%', '87.5%', '87.5%', '75.0%', '130', '170', '-']);

  // Quick Open takes an absolute path, so the fixture need not be in the opened folder.
  // Right after start-up the first Ctrl+P can be lost while the workbench takes focus: retry once.
  await waitForWorkbench(page);
  await openFile(page, FIXTURE, 10_000).catch(async () => {
    await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench .part.editor').click();
    await openFile(page, FIXTURE);
  });
  const frame = await webviewFrame(page, 'table#comparison tbody tr');
  log(`screenshot: ${await screenshot(page, 'eval-viewer-opened')}`);

  assert.deepEqual(await tableText(frame, 'table#comparison'), expected);
  const header = await frame.locator('table#comparison thead th').allTextContents();
  assert.deepEqual(header, ['Model', 'Cases', 'Exact', 'Fuzzy', 'Functional', 'Structural', 'p50 ms', 'p95 ms', 'Cost / 1k cases']);
  assert.equal(await frame.locator('svg.chart').count(), 4);
  assert.deepEqual(await tableText(frame, 'table#by-category'), [
    ['error-recovery', '100.0% (3)', '100.0% (3)'],
    ['multi-step', '100.0% (3)', '100.0% (3)'],
    ['no-call', '100.0% (1)', '100.0% (1)'],
    ['single-call', '100.0% (1)', '0.0% (1)'],
  ]);

  // Error bars (4 charts x 2 models), one colour per model, and the paired comparison marked not significant.
  assert.equal(await frame.locator('svg.chart path.error-bar').count(), 8);
  assert.equal(await frame.locator('svg.chart rect.series-1').count(), 4);
  assert.deepEqual(await tableText(frame, 'table#comparisons'), [['gpt-4o-mini', XSS, '8', '1', '0', '1.0000', 'not significant (~61 cases needed)']]);
  assert.equal(await frame.locator('table#comparisons tbody tr.not-significant').count(), 1);
  // The date is shown in local time, not as the stored ISO text.
  const sub = (await frame.locator('p.muted').first().textContent()) ?? '';
  assert.ok(!sub.includes('2025-01-01T00:00:00.000Z') && /2025/.test(sub), sub);

  // The injection string in the model name is text in the table, the bars and the model picker.
  assert.ok((await frame.locator('svg.chart text').allTextContents()).some((t) => t.startsWith('</script><img')));
  // Show the XSS model's failures, then the no-call case whose text answer is the string.
  await frame.locator('select[aria-label="Model"]').selectOption('1');
  await frame.locator('table#cases tbody tr', { hasText: 'get_weather' }).first().waitFor();
  const line2 = frame.locator('table#cases tbody tr').filter({ has: frame.locator('td a.line', { hasText: /^2$/ }) });
  await line2.click();
  const content = frame.locator('[data-testid="detail"] pre.content');
  await content.waitFor();
  assert.equal(await content.textContent(), XSS);
  // The arguments diff of line 1 shows the string inside JSON, as text too.
  const line1 = frame.locator('table#cases tbody tr').filter({ has: frame.locator('td a.line', { hasText: /^1$/ }) });
  const failColour = await frame.locator('table#cases tbody td.fail').first().evaluate((td) => getComputedStyle(td).color);
  await line1.click();
  // The selected row keeps its result colour (a failure stays red when selected).
  assert.equal(await frame.locator('table#cases tbody tr.selected td.fail').evaluate((td) => getComputedStyle(td).color), failColour);
  const diff = (await frame.locator('[data-testid="detail"] pre.diff').textContent()) ?? '';
  assert.ok(diff.includes(`+   "city": "</script><img src=x onerror=alert(1)>"`), diff);

  // No element was made from the string, in our page or the frame around it, and nothing ran.
  for (const f of [frame, frame.parentFrame()]) {
    if (!f) continue;
    assert.equal(await f.locator('img').count(), 0, `img element in ${f.url()}`);
  }
  // Scripts in the page: ours (with the nonce) and the one VS Code injects; none from the data.
  const scripts = await frame.evaluate(() => Array.from(document.querySelectorAll('script')).map((s) => `${s.getAttribute('src') ?? ''} ${s.textContent ?? ''}`));
  assert.equal(scripts.filter((s) => s.includes('onerror') || s.includes('alert(1)')).length, 0, JSON.stringify(scripts.map((s) => s.slice(0, 80))));
  assert.equal(scripts.filter((s) => s.includes('/dist/webview/eval.js')).length, 1);
  assert.deepEqual(dialogs, []);

  // A case's line number opens the eval set. This fixture's eval set lies outside the workspace
  // folders, so VS Code first asks, naming the path (threat 16), and opens it once allowed.
  await frame.locator('table#cases tbody td a.line', { hasText: /^1$/ }).first().click();
  const question = page.locator('.monaco-dialog-box');
  await question.waitFor({ timeout: 15_000 });
  const asked = (await question.textContent()) ?? '';
  assert.ok(asked.includes('eval-small.jsonl') && asked.includes('outside the workspace folders'), asked);
  await question.locator('.monaco-button', { hasText: /^Open$/ }).click();
  await page.locator('.tabs-container .tab', { hasText: 'eval-small.jsonl' }).first().waitFor({ timeout: 15_000 });

  log(`screenshot: ${await screenshot(page, 'eval-viewer')}`);
}
