// Threat 16: results files can open any file. A committed `*.toolcall-eval.json` whose `dataset`
// is `/etc/passwd` or `../../.ssh/id_rsa` made "open case" show that file, at any line the
// webview sent. Now only a .jsonl file inside the workspace (links followed) opens at once;
// anything else is asked about, naming the path; the line is clamped to the document.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { askToOpenMessage, clampCaseLine, placeDataset } from '../../core/eval/caseLocation.ts';

test('threat 16: results file paths (/etc/passwd, ../../.ssh/id_rsa, a link out of the workspace: asked about, naming the path)', () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'toolcall-threat16-')));
  const ws = join(root, 'ws');
  mkdirSync(join(ws, 'evals'), { recursive: true });
  mkdirSync(join(root, '.ssh'));
  writeFileSync(join(root, '.ssh', 'id_rsa'), 'secret');
  writeFileSync(join(ws, 'evals', 'eval.jsonl'), '{}\n');
  symlinkSync(join(root, '.ssh', 'id_rsa'), join(ws, 'evals', 'linked.jsonl'));
  const resolved = (dataset: string) => join(ws, 'evals', dataset); // as resolveDataset joins a relative name

  assert.deepEqual(placeDataset('/etc/passwd', [ws], realpathSync), { kind: 'outside', file: '/etc/passwd', reason: 'it is outside the workspace folders' });
  const ssh = placeDataset(resolved('../../.ssh/id_rsa'), [ws], realpathSync);
  assert.deepEqual(ssh, { kind: 'outside', file: join(root, '.ssh', 'id_rsa'), reason: 'it is outside the workspace folders' });
  assert.equal(askToOpenMessage(ssh as Extract<typeof ssh, { kind: 'outside' }>), `These results name "${join(root, '.ssh', 'id_rsa')}" as their eval set, but it is outside the workspace folders. Open it anyway?`);
  assert.deepEqual(placeDataset(resolved('linked.jsonl'), [ws], realpathSync), { kind: 'outside', file: join(root, '.ssh', 'id_rsa'), reason: 'it is outside the workspace folders' });
  assert.deepEqual(placeDataset(join(ws, 'package.json'), [ws], realpathSync), { kind: 'outside', file: join(ws, 'package.json'), reason: 'it is not a .jsonl file' });
  assert.deepEqual(placeDataset(resolved('eval.jsonl'), [], realpathSync), { kind: 'outside', file: join(ws, 'evals', 'eval.jsonl'), reason: 'no folder is open' });
  // The one that opens at once.
  assert.deepEqual(placeDataset(resolved('eval.jsonl'), [ws], realpathSync), { kind: 'inside', file: join(ws, 'evals', 'eval.jsonl') });
  // A folder named like the workspace plus a suffix is not inside it.
  assert.equal(placeDataset(`${ws}-evil/x.jsonl`, [ws], realpathSync).kind, 'outside');
});

test('threat 16: results file paths (case lines clamped to the document)', () => {
  assert.deepEqual(
    [clampCaseLine(1, 10), clampCaseLine(10, 10), clampCaseLine(11, 10), clampCaseLine(1e15, 10), clampCaseLine(0, 10), clampCaseLine(-5, 10), clampCaseLine(Number.NaN, 10), clampCaseLine(3, 0)],
    [0, 9, 9, 9, 0, 0, 0, 0],
  );
});
