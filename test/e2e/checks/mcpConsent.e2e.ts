// The consent before an MCP server runs, in the real editor. `toolcall.tools.sources`, in the
// workspace's .vscode/settings.json as a cloned repository can carry it, gives a tools file an MCP
// command as its source: the test server (test/mcp-server/server.mjs), which writes its pid to
// TOOLCALL_TEST_PID_FILE when it starts. "Check Tools Drift from Sources" shows a modal question with
// the exact command line and its directory before anything runs; Cancel runs nothing and says so;
// Run starts the server and compares; a command allowed once is not asked about again.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { type E2eContext, runCommand, waitForNotification, waitForWorkbench } from '../workbench.ts';

const QUESTION = 'Start this MCP server to read its tools?';
const COMMAND = 'Toolcall: Check Tools Drift from Sources';

/**
 * Runs the command until the question shows (the palette lists it once the extension is registered,
 * and the setting applies a moment after the file is written); the question's text.
 */
async function askedToRun(page: Page): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ran = await runCommand(page, COMMAND, 10_000).then(() => true, () => false);
    if (!ran && Date.now() <= deadline) continue;
    if (await box.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return (await box.textContent()) ?? '';
    if (Date.now() > deadline) throw new Error(`"${COMMAND}" never asked before running the MCP server`);
  }
}

async function answer(page: Page, button: 'Run' | 'Cancel'): Promise<void> {
  const box = page.locator('.monaco-dialog-box');
  await box.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
  await box.waitFor({ state: 'hidden', timeout: 15_000 });
}

export default async function mcpConsent({ page, target, log }: E2eContext): Promise<void> {
  assert.ok(target, 'the workbench opened the fixture workspace');
  const server = path.resolve(target, '..', '..', 'mcp-server', 'server.mjs');
  const pidFile = path.join(os.tmpdir(), `toolcall-e2e-mcp-consent-${process.pid}.pid`);
  rmSync(pidFile, { force: true });
  const settingsFile = path.join(target, '.vscode', 'settings.json');
  const original = readFileSync(settingsFile, 'utf8');
  const source = { command: process.execPath, args: [server, 'weather-v1'], env: { TOOLCALL_TEST_PID_FILE: pidFile } };
  try {
    await waitForWorkbench(page);
    // VS Code reloads the workspace settings file when it changes (askedToRun retries until it has).
    writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(original), 'toolcall.tools.sources': { 'tools/weather.tools.json': source } }, null, 2) + '\n');

    // 1. Asked, with the exact command line (its environment first) and the folder it runs in.
    const asked = await askedToRun(page);
    for (const part of [QUESTION, `TOOLCALL_TEST_PID_FILE=${pidFile}`, `${process.execPath} ${server} weather-v1`, `in ${target}`]) assert.ok(asked.includes(part), `"${part}" in: ${asked}`);
    assert.equal(existsSync(pidFile), false, 'nothing ran before the answer');

    // 2. Cancel: nothing runs, and the command says so.
    await answer(page, 'Cancel');
    await waitForNotification(page, 'Not allowed to run');
    assert.equal(existsSync(pidFile), false, 'nothing ran after Cancel');
    await page.keyboard.press('Escape');

    // 3. Asked again (a refusal is not remembered); Run: the server starts and is compared.
    assert.ok((await askedToRun(page)).includes(QUESTION));
    await answer(page, 'Run');
    await waitForNotification(page, 'Compared tools/weather.tools.json with');
    assert.match(readFileSync(pidFile, 'utf8'), /^\d+$/);
    rmSync(pidFile);
    await page.keyboard.press('Escape');

    // 4. Allowed once: the next check runs it with no question.
    await runCommand(page, COMMAND);
    const deadline = Date.now() + 30_000;
    while (!existsSync(pidFile)) {
      assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no second question for an allowed command');
      if (Date.now() > deadline) throw new Error('the allowed MCP server did not start on the second check');
      await page.waitForTimeout(200);
    }
    log('MCP consent: asked with the command line, Cancel ran nothing, Run ran it, then no question');
  } finally {
    writeFileSync(settingsFile, original); // the committed fixture, as it was
    rmSync(pidFile, { force: true });
  }
}
