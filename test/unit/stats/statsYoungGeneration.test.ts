import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

// `toolcall stats` keeps V8's young generation at its initial size (core/v8Flags.ts), as
// the server and eval --predictions do: checked in a fresh process that the run owns, since the
// flag is process-wide (a run inside another process sets no flags).
function newSpaceAroundStats(file: string, ownsProcess: boolean): { before: number; after: number; examples: number } {
  const script = `
    const v8 = require('node:v8');
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1024 / 1024;
    const before = newSpace();
    let out = '';
    const { runCli } = require('./cli/main.ts');
    runCli(['stats', ${JSON.stringify(file)}, '--format', 'json'], { stdout: (t) => (out += t), stderr: () => {}, cwd: process.cwd(), env: {}, ownsProcess: ${ownsProcess} }).then(() => {
      process.stdout.write(JSON.stringify({ before, after: newSpace(), examples: JSON.parse(out).examples }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

test('toolcall stats, as its own process, keeps the young generation at its initial size over a 20,000-line file; run inside another process it sets no flag and the space grows', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-stats-young-'));
  const file = path.join(dir, 'data.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const words = Array.from({ length: 40 }, (_, k) => `word${(i * 7 + k * 13) % 997}`).join(' ');
    lines.push(JSON.stringify({ messages: [{ role: 'user', content: `${words} ${i}` }, { role: 'assistant', content: words }] }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  try {
    const kept = newSpaceAroundStats(file, true);
    assert.equal(kept.examples, 20_000);
    // It starts at a few MB (4 here); loading the modules may grow it once before the command runs.
    assert.ok(kept.after <= 8, `new space ${kept.before} -> ${kept.after} MB`);
    // A run in a process it does not own (a test runner, a host) leaves V8's flags as they are.
    const untouched = newSpaceAroundStats(file, false);
    assert.equal(untouched.examples, 20_000);
    assert.ok(untouched.after >= 16, `new space ${untouched.before} -> ${untouched.after} MB`);
    console.log(`new space ${kept.before} -> ${kept.after} MB owned, ${untouched.before} -> ${untouched.after} MB not owned`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
