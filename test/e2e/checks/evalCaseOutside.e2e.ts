// Issue 15 row 4 in the real editor: a results file committed in the workspace (as a cloned
// repository brings it, test/fixtures/workspace/eval-outside/cloned.toolcall-eval.json) names eval
// sets outside the workspace: `../../eval/eval-small.jsonl` for one model, `/etc/passwd` for the
// other. "Open case" (a case's line number in the results viewer) first asks, naming the resolved
// path; refusing opens nothing; agreeing opens the file with the cursor on the case's line, a line
// past the end (999) clamped to the last one; a path agreed to is not asked about again in that view.
import * as assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { askToOpenMessage } from '../../../core/eval/caseLocation.ts';
import { type E2eContext, openFile, runCommand, screenshot, statusBarText, tabLabels, waitForWorkbench, webviewFrame } from '../workbench.ts';

const RESULTS = 'eval-outside/cloned.toolcall-eval.json';
const OUTSIDE_REASON = 'it is outside the workspace folders';

/** Clicks the line number `line` in the cases table of model `model`. */
async function clickCase(frame: Frame, model: number, line: number): Promise<void> {
  await frame.locator('select[aria-label="Model"]').selectOption(String(model));
  await frame.locator('table#cases tbody td a.line', { hasText: new RegExp(`^${line}$`) }).first().click();
}

/** The question VS Code shows (a modal dialog), its text, once it is up. */
async function question(page: Page): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ timeout: 15_000 });
  return (await box.textContent()) ?? '';
}

async function answer(page: Page, button: 'Open' | 'Cancel'): Promise<void> {
  const box = page.locator('.monaco-dialog-box');
  await box.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
  await box.waitFor({ state: 'hidden', timeout: 15_000 });
}

export default async function evalCaseOutside({ page, log, target }: E2eContext): Promise<void> {
  assert.ok(target, 'the workbench opened the fixture workspace');
  const evalSet = realpathSync(path.resolve(target, '..', 'eval', 'eval-small.jsonl'));
  await waitForWorkbench(page);
  await openFile(page, RESULTS, 10_000).catch(async () => {
    // Right after start-up the first Ctrl+P can be lost while the workbench takes focus: retry once.
    await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench .part.editor').click();
    await openFile(page, RESULTS);
  });
  const frame = await webviewFrame(page, 'table#cases tbody tr');
  try {
    await openCases(page, frame, evalSet, log);
  } finally {
    // The checks share one workbench: the next one looks for its own results webview.
    await runCommand(page, 'View: Close All Editors');
  }
}

/** Steps 1-4 in the results view `frame`; `evalSet` is where the relative path leads. */
async function openCases(page: Page, frame: Frame, evalSet: string, log: (message: string) => void): Promise<void> {
  // 1. The relative path that climbs out of the workspace: asked, naming the resolved file; refused.
  await clickCase(frame, 0, 999);
  assert.ok((await question(page)).includes(askToOpenMessage({ kind: 'outside', file: evalSet, reason: OUTSIDE_REASON })));
  await answer(page, 'Cancel');

  // 2. The absolute path of the other model: asked, naming it; refused. Nothing was opened by step 1.
  await clickCase(frame, 1, 1);
  assert.ok((await question(page)).includes(askToOpenMessage({ kind: 'outside', file: '/etc/passwd', reason: OUTSIDE_REASON })));
  assert.deepEqual((await tabLabels(page)).filter((t) => t === 'eval-small.jsonl' || t === 'passwd'), []);
  await answer(page, 'Cancel');

  // 3. Asked again (refusing remembers nothing); agreed: the file opens, line 999 clamped to the
  // last line (9 lines and a final newline: VS Code shows 10).
  await clickCase(frame, 0, 999);
  assert.ok((await question(page)).includes(evalSet));
  await answer(page, 'Open');
  await page.locator('.tabs-container .tab', { hasText: 'eval-small.jsonl' }).first().waitFor({ timeout: 15_000 });
  assert.equal(await statusBarText(page, 'status.editor.selection', 'Ln 10, Col 1'), 'Ln 10, Col 1');
  log(`screenshot: ${await screenshot(page, 'eval-case-outside')}`);

  // 4. The same path from the same view: no second question, the cursor goes to line 1.
  await clickCase(frame, 0, 1);
  assert.equal(await statusBarText(page, 'status.editor.selection', 'Ln 1, Col 1'), 'Ln 1, Col 1');
  assert.equal(await page.locator('.monaco-dialog-box').count(), 0);
  // /etc/passwd was never opened.
  assert.deepEqual((await tabLabels(page)).filter((t) => t === 'passwd'), []);
}
