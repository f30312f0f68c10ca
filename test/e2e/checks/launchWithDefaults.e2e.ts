// Issue 17, items 2 and 3 in the real workbench, against the local OpenAI-compatible server
// started here: the Fine-tuning Jobs view shows its Set API Key welcome while there is no
// key; "Toolcall: Set API Key" (typed into its input box) switches it at once, without
// Refresh; "Toolcall: Launch Fine-tuning Job" -> "Launch with defaults" -> one confirmation
// naming the endpoint, examples, tokens, epochs and cost -> one job with the default model,
// automatic hyperparameters and the suffix from the file name; "Clear API Key" brings the
// welcome back. Saves test-results/launch-confirm.png and jobs-view.png.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { startOpenAIServer } from '../../openai-server/index.ts';
import { type E2eContext, openFile, runCommand, screenshot, waitForNotification, waitForWorkbench, writeUserSettings } from '../workbench.ts';

const KEY = 'sk-test-e2e-launch-0123456789';
const MODEL = 'gpt-4o-mini-2024-07-18';

/** Text of the Fine-tuning Jobs view's body: its welcome content, or its rows (the container's only view, so its title is the side bar's). */
async function jobsViewText(page: Page): Promise<string> {
  return (await page.locator('.part.sidebar .pane-body').first().innerText()).replace(/\s+/g, ' ').trim();
}

/** Shows the Toolcall Studio side bar (its activity bar icon; a second click would close it). */
async function showJobsView(page: Page): Promise<void> {
  const title = page.locator('.part.sidebar .composite.title', { hasText: 'Fine-tuning Jobs' });
  if (await title.isVisible()) return;
  await page.locator('.activitybar .action-item a[aria-label^="Toolcall Studio"], .activitybar .action-item[aria-label^="Toolcall Studio"]').first().click();
  await title.waitFor({ state: 'visible', timeout: 30_000 });
}

async function waitForView(page: Page, test: (text: string) => boolean, what: string, timeout = 30_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = await jobsViewText(page);
    if (test(text)) return text;
    await page.waitForTimeout(200); // the tree renders asynchronously; nothing to wait on from here
  }
  throw new Error(`the Fine-tuning Jobs view never showed ${what}; it shows "${text}"`);
}

export default async function launchWithDefaults({ page, log, userSettingsFile }: E2eContext): Promise<void> {
  const server = await startOpenAIServer({ tickMs: 100, trainingTicks: 2 });
  const original = readFileSync(userSettingsFile, 'utf8');
  try {
    await waitForWorkbench(page);
    // The endpoint is a user setting (application scope); VS Code reloads the file when it changes.
    await writeUserSettings(page, { ...JSON.parse(original), 'toolcall.openai.baseUrl': server.url });

    await showJobsView(page);
    const welcome = await waitForView(page, (t) => t.includes('Set API Key'), 'the Set API Key welcome');
    assert.match(welcome, /^Fine-tuning jobs need an API key for OpenAI/);
    assert.ok((await page.locator('.pane-body .welcome-view-content a, .pane-body .welcome-view-content .monaco-button', { hasText: 'Set API Key' }).count()) > 0, 'a Set API Key button');

    // Set API Key names the endpoint in its prompt: once it names the local server, the
    // settings file has been reloaded (until then: Escape and ask again).
    const deadline0 = Date.now() + 60_000;
    for (;;) {
      await runCommand(page, 'Toolcall: Set API Key');
      const prompt = page.locator('.quick-input-widget .quick-input-message', { hasText: 'API key for' });
      await prompt.waitFor({ state: 'visible', timeout: 30_000 });
      const text = (await prompt.textContent()) ?? '';
      if (text.includes(`API key for OpenAI (${server.url})`)) break;
      await page.keyboard.press('Escape');
      if (Date.now() > deadline0) throw new Error(`Set API Key still names another endpoint: ${text}`);
      await page.waitForTimeout(500);
    }
    const keyBox = page.locator('.quick-input-widget input[type="password"]');
    await keyBox.fill(KEY);
    await keyBox.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 30_000 });
    await waitForNotification(page, `API key for OpenAI (${server.url}) saved in secret storage.`);
    await page.keyboard.press('Escape');
    const empty = await waitForView(page, (t) => t.includes('No fine-tuning jobs yet'), 'the no-jobs welcome after Set API Key');
    log(`jobs view after Set API Key: ${empty}`);
    assert.ok(empty.startsWith('No fine-tuning jobs yet.') && empty.includes('Launch Fine-tuning Job') && !empty.includes('Set API Key'), empty);

    await openFile(page, 'jobs-train.jsonl');
    await runCommand(page, 'Toolcall: Launch Fine-tuning Job');
    // The launch's own quick pick (after activation and the preflight check), its first row the default launch.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Fine-tuning: jobs-train.jsonl' }).waitFor({ state: 'visible', timeout: 30_000 });
    const first = page.locator('.quick-input-list .monaco-list-row').first();
    await first.filter({ hasText: 'Launch with defaults' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await page.locator('.quick-input-widget .quick-input-title').textContent(), 'Fine-tuning: jobs-train.jsonl');
    await page.keyboard.press('Enter');

    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    const text = ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
    log(`confirmation: ${text}`);
    assert.match(text, new RegExp(`Launch fine-tuning of ${MODEL} on jobs-train\\.jsonl\\?`));
    assert.ok(text.includes(`Data goes to: OpenAI (${server.url})`), text);
    assert.match(text, /12 examples, [\d,]+ tokens, \d+ epochs \(automatic\): [\d,]+ billed tokens/);
    assert.match(text, /Estimated cost: about \$\d+\.\d{2,4}/);
    assert.ok(text.includes('Batch size auto, learning rate multiplier auto, suffix "jobs-train"'), text);
    log(`screenshot: ${await screenshot(page, 'launch-confirm')}`);
    await dialog.locator('.monaco-button', { hasText: /^Launch$/ }).click();

    const deadline = Date.now() + 30_000;
    while (server.state.jobs.size === 0 && Date.now() < deadline) await page.waitForTimeout(100);
    const jobs = [...server.state.jobs.values()].map((j) => j.object);
    assert.equal(jobs.length, 1, 'one job created');
    assert.deepEqual([jobs[0]!.model, (jobs[0] as { user_provided_suffix?: string | null }).user_provided_suffix], [MODEL, "jobs-train"]);
    const creates = server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
    assert.deepEqual((creates[0]!.json as { method: unknown }).method, { type: 'supervised', supervised: { hyperparameters: {} } });

    await showJobsView(page);
    const row = await waitForView(page, (t) => t.includes(`${MODEL} (jobs-train)`), 'the launched job');
    log(`jobs view: ${row}`);
    log(`screenshot: ${await screenshot(page, 'jobs-view')}`);

    await runCommand(page, 'Toolcall: Clear API Key');
    await waitForView(page, (t) => t.includes('Set API Key'), 'the Set API Key welcome after Clear API Key');
  } finally {
    await writeUserSettings(page, JSON.parse(original)).catch((error) => log(`restoring the user settings failed: ${error}`));
    await runCommand(page, 'View: Close All Editors').catch(() => undefined);
    await server.close();
  }
}
