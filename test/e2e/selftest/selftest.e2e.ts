// Proves the e2e helpers against test/e2e/selftest/extension (run by `node test/e2e/run.mjs --selftest`).
import * as assert from 'node:assert/strict';
import {
  type E2eContext,
  openFile,
  runCommand,
  screenshot,
  statusBarText,
  waitForNotification,
  waitForProblems,
  waitForWorkbench,
} from '../workbench.ts';

export default async function selftest({ page, log }: E2eContext): Promise<void> {
  await waitForWorkbench(page);
  assert.equal(await statusBarText(page, 'e2eSelftest.status'), 'Selftest: ready');

  await openFile(page, 'smoke.jsonl');
  const rows = await waitForProblems(page, (r) => r.some((row) => row.text.includes('ST001')));
  const markers = rows.filter((r) => r.kind === 'marker');
  assert.equal(markers.length, 1, JSON.stringify(rows));
  assert.equal(markers[0].severity, 'Warning');
  assert.match(markers[0].text, /ST001 self-test diagnostic on the first line\..*\[Ln 1, Col 3\]/);
  assert.deepEqual(rows.filter((r) => r.kind === 'file').map((r) => r.text), ['smoke.jsonl1']);

  await runCommand(page, 'E2E Selftest: Hello');
  await statusBarText(page, 'e2eSelftest.status', 'Selftest: greeted');
  const message = await waitForNotification(page, 'Hello from the e2e self-test.');
  log(`notification: ${message}`);

  log(`screenshot: ${await screenshot(page, 'e2e-selftest')}`);
}
