// Issue 17, item 8: the `toolcall.*` settings as the real Settings editor renders them: one
// row per setting of the manifest, each with a description, markdown rendered (no literal
// backticks), links as links, and the enum of toolcall.problemSummary as a dropdown.
// Saves test-results/settings-editor.png.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type E2eContext, runCommand, screenshot, waitForWorkbench } from '../workbench.ts';

/** The manifest, from the working directory or the extension folder. */
function settingKeys(): string[] {
  const file = [process.cwd()].map((r) => path.join(r, "package.json")).find((f) => existsSync(f) && readFileSync(f, "utf8").includes("\"toolcall.toolsFile\""));
  if (!file) throw new Error('package.json with the toolcall settings not found');
  return Object.keys((JSON.parse(readFileSync(file, 'utf8')) as { contributes: { configuration: { properties: Record<string, unknown> } } }).contributes.configuration.properties);
}

export default async function settingsEditor({ page, log }: E2eContext): Promise<void> {
  const keys = settingKeys();
  await waitForWorkbench(page);
  await runCommand(page, 'Preferences: Open Settings (UI)');
  // The Settings editor opens with its search box focused.
  await page.locator('.settings-editor .settings-header').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // focus moves to the search box after the header renders
  await page.keyboard.type('@ext:toolcall-studio.toolcall-studio');
  await page.locator('.settings-editor .setting-item-category', { hasText: 'Toolcall' }).first().waitFor({ timeout: 30_000 });

  // The list is virtualised: scroll through it and collect every row once.
  const rows = new Map<string, { description: string; links: number; hasSelect: boolean }>();
  const list = page.locator('.settings-editor .settings-tree-container .monaco-list');
  await page.locator('.settings-editor .setting-item-contents').first().waitFor({ timeout: 30_000 });
  for (let pass = 0; pass < 80 && rows.size < keys.length; pass++) {
    const seen = await page.locator('.settings-editor .setting-item-contents').evaluateAll((els) =>
      els.map((el) => ({
        key: el.querySelector('.setting-item-label')?.closest('.monaco-list-row')?.getAttribute('aria-label') ?? '',
        category: (el.querySelector('.setting-item-category')?.textContent ?? '').trim(),
        label: (el.querySelector('.setting-item-label')?.textContent ?? '').trim(),
        description: (el.querySelector('.setting-item-description')?.textContent ?? '').trim(),
        links: el.querySelectorAll('.setting-item-description a').length,
        hasSelect: el.querySelector('select, .monaco-select-box') !== null,
      })),
    );
    for (const row of seen) rows.set(`${row.category}${row.label}`, { description: row.description, links: row.links, hasSelect: row.hasSelect });
    // Wheel at the list's left edge: over a table or a text box the wheel would scroll that instead.
    const box = await list.boundingBox();
    if (box) await page.mouse.move(box.x + 8, box.y + box.height / 2);
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(150); // the list re-renders on scroll; no event to wait on
  }
  log(`settings rows: ${rows.size} of ${keys.length} declared`);
  assert.equal(rows.size, keys.length, `rows: ${JSON.stringify([...rows.keys()])}`);
  for (const [name, row] of rows) {
    assert.ok(row.description.length > 20, `${name} has a description: "${row.description}"`);
    assert.equal(row.description.includes('`'), false, `${name} shows markdown as typed: "${row.description}"`);
  }
  const summary = [...rows.entries()].find(([name]) => /Problem Summary/i.test(name));
  assert.ok(summary, 'the Problem Summary row');
  assert.equal(summary[1].hasSelect, true, 'toolcall.problemSummary is a dropdown');
  assert.ok([...rows.values()].some((r) => r.links > 0), 'markdown links render as links');
  await page.mouse.wheel(0, -20_000);
  await page.waitForTimeout(300);
  log(`screenshot: ${await screenshot(page, 'settings-editor')}`);
  await runCommand(page, 'View: Close All Editors');
}
