// `toolcall validate data.jsonl | head`: the reader closes the pipe while diagnostics are still
// being printed. The command ends quietly with status 1 (the run did not finish, as Python exits
// on a broken pipe), with nothing on stderr; it used to die of an unhandled EPIPE with a stack trace.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-broken-pipe-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'blanks.jsonl');
const examples = Array.from({ length: 12 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` }] }));
// 30,000 blank lines: one TC104 warning each, ~2.7 MB of output, far more than a pipe holds.
writeFileSync(file, examples.join('\n') + '\n' + '\n'.repeat(30_000));
const toolcall = ['--import', 'tsx', path.join(__dirname, '../../../cli/main.ts'), 'validate', file];

test('read to the end, the output is every warning and the exit status is 0 (warnings only)', () => {
  const run = spawnSync(process.execPath, toolcall, { encoding: 'utf8', maxBuffer: 1 << 26 });
  // Failed once in 5 full suites on a machine at load ~10 (status null, no output kept): say why next time.
  assert.equal(run.status, 0, `signal ${run.signal}, error ${run.error?.message}, stderr ${run.stderr.slice(0, 2000)}`);
  assert.equal(run.stderr, '');
  assert.equal(run.stdout.split('\n').filter((l) => l.includes(' warning TC104 ')).length, 30_000);
});

test('a reader that closes the pipe after the first chunk: exit status 1, nothing on stderr', async () => {
  const child = spawn(process.execPath, toolcall, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let first = '';
  child.stdout.once('data', (chunk: Buffer) => {
    first = chunk.toString('utf8');
    child.stdout.destroy();
  });
  let failure = '';
  child.on('error', (error) => (failure = error.message));
  const [status, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (code, sig) => resolve([code, sig])));
  assert.ok(first.length > 0, `no output: status ${status}, signal ${signal}, error ${failure}, stderr ${stderr.slice(0, 2000)}`);
  assert.equal(first.split('\n')[0], `${file}:13:1: warning TC104 Blank line; JSONL expects one example per line, with no empty lines.`);
  assert.equal(stderr, '');
  assert.equal(status, 1);
});
