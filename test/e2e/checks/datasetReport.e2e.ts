// The Dataset Report in the real VS Code (code-server + chromium): Show Dataset Report on the
// fixture shows its exact numbers; a user message `</script><img src=x onerror=alert(1)>`
// (the near-duplicate sample) is text, with no element made and nothing run (threat 9);
// clicking a row selects the line it counts in the dataset editor; the status bar item
// shows examples, tokens and the cost.
//
// Needs `node scripts/build.mjs` (the commands and settings are in package.json).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { type E2eContext, openFile, runCommand, screenshot, statusBarText, waitForWorkbench } from '../workbench.ts';

const XSS = '</script><img src=x onerror=alert(1)>';
const FIXTURE_PATH = ['test', 'fixtures', 'insights', 'report.jsonl'];

function fixture(target: string | undefined): string {
  const roots = [process.cwd(), ...(target ? [path.resolve(target, '..', '..', '..')] : [])];
  const found = roots.map((r) => path.join(r, ...FIXTURE_PATH)).find((f) => existsSync(f));
  if (!found) throw new Error(`fixture ${FIXTURE_PATH.join('/')} not found from ${JSON.stringify(roots)}`);
  return found;
}

/** The webview frame of the report, once its overview table is rendered. */
async function reportFrame(page: Page, timeout = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const found = await frame.locator('table#overview tbody tr').count().catch(() => 0);
      if (found > 0) return frame;
    }
    await page.waitForTimeout(250); // frames appear without an event we can wait on here
  }
  throw new Error(`no webview frame with the overview table within ${timeout} ms; frames: ${JSON.stringify(page.frames().map((f) => f.url()))}`);
}

function tableText(frame: Frame, selector: string): Promise<string[][]> {
  return frame.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));
}

export default async function datasetReport({ page, log, target }: E2eContext): Promise<void> {
  const FIXTURE = fixture(target);
  const lines = readFileSync(FIXTURE, 'utf8').split('\n');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });

  await waitForWorkbench(page);
  await openFile(page, FIXTURE, 10_000).catch(async () => {
    await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench .part.editor').click();
    await openFile(page, FIXTURE);
  });
  // The status bar: examples, tokens and the estimated cost of the active dataset.
  const status = await statusBarText(page, 'toolcall.status', /8 examples · 1,481 tokens · ~\$0\.05/, 60_000);
  log(`status bar: ${status}`);

  await runCommand(page, 'Toolcall: Show Dataset Report');
  const frame = await reportFrame(page);

  // The fixture's numbers (hand-checked in test/unit/insights/reportView.test.ts).
  assert.deepEqual(await tableText(frame, 'table#overview'), [
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
  assert.deepEqual(await tableText(frame, 'table#cost'), [['gpt-4o-mini-2024-07-18', '12', '17,772', '$3.00', '$0.05']]);
  assert.deepEqual(await tableText(frame, 'table#categories'), [
    ['single-call', '3', '37.5%', '1, 2, 8'],
    ['error-recovery', '2', '25.0%', '4, 5'],
    ['multi-step', '1', '12.5%', '3'],
    ['no-call', '2', '25.0%', '6, 7'],
  ]);
  assert.deepEqual(await tableText(frame, 'table#tools'), [
    ['book_table', '0', '0', '0/0', '0/0', '0/0', '0/0', '8', 'never called'],
    ['get_time', '2', '3', '0/0', '1/2', '1/1', '0/0', '8', ''],
    ['get_weather', '5', '6', '3/3', '1/2', '1/1', '0/0', '8', ''],
  ]);
  assert.equal(await frame.locator('svg.chart').count(), 2);
  // Each chart has a visible title.
  assert.deepEqual(await frame.locator('figure[data-testid="chart"] figcaption').allTextContents(), ['Examples by token count', 'Examples by category']);

  // The injection string is text in the findings table: no element made from it, nothing ran.
  const findings = await tableText(frame, 'table#findings');
  assert.deepEqual(findings[2], ['Near duplicates', `Jaccard ≥ 0.82: ${XSS} what does this snippe…`, '6, 7']);
  for (const f of [frame, frame.parentFrame()]) {
    if (!f) continue;
    assert.equal(await f.locator('img').count(), 0, `img element in ${f.url()}`);
  }
  const scripts = await frame.evaluate(() => Array.from(document.querySelectorAll('script')).map((s) => `${s.getAttribute('src') ?? ''} ${s.textContent ?? ''}`));
  assert.equal(scripts.filter((s) => s.includes('onerror') || s.includes('alert(1)')).length, 0, JSON.stringify(scripts.map((s) => s.slice(0, 80))));
  assert.equal(scripts.filter((s) => s.includes('/dist/webview/report.js')).length, 1);
  const csp = await frame.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
  assert.match(csp, /^default-src 'none'; img-src [^;]+; style-src 'nonce-[A-Za-z0-9+/=]{32}'; script-src 'nonce-[A-Za-z0-9+/=]{32}'$/);
  log(`screenshot: ${await screenshot(page, 'dataset-report-opened')}`);

  // Click "Longest example" (line 3): the dataset editor selects that whole line.
  await frame.locator('table#overview tbody tr', { hasText: 'Longest example' }).click();
  const line3 = lines[2]!;
  await statusBarText(page, 'status.editor.selection', `Ln 3, Col ${line3.length + 1} (${line3.length} selected)`, 15_000);
  await frame.locator('p.status', { hasText: 'Selected line 3.' }).waitFor({ timeout: 10_000 });

  // Click the near-duplicate row: both lines are selected (two selections).
  await frame.locator('table#findings tbody tr', { hasText: 'Near duplicates' }).click();
  await statusBarText(page, 'status.editor.selection', `2 selections (${lines[5]!.length + lines[6]!.length} characters selected)`, 15_000);
  assert.deepEqual(dialogs, []);
  log(`screenshot: ${await screenshot(page, 'dataset-report')}`);
}
