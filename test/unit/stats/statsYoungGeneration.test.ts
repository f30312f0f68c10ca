import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

// `toolcall stats` keeps V8's young generation at its initial size (core/v8Flags.ts), as
// the server and eval --predictions do: checked in a fresh process, since the flag is process-wide.
function newSpaceAroundStats(file: string): { before: number; after: number; examples: number } {
  const script = `
    const v8 = require('node:v8');
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1024 / 1024;
    const before = newSpace();
    let out = '';
    const { runCli } = require('./cli/main.ts');
    runCli(['stats', ${JSON.stringify(file)}, '--format', 'json'], { stdout: (t) => (out += t), stderr: () => {}, cwd: process.cwd(), env: {} }).then(() => {
      process.stdout.write(JSON.stringify({ before, after: newSpace(), examples: JSON.parse(out).examples }));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

test('toolcall stats keeps the young generation at its initial size over a 20,000-line file, where it grew to 32 MB', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-stats-young-'));
  const file = path.join(dir, 'data.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const words = Array.from({ length: 40 }, (_, k) => `word${(i * 7 + k * 13) % 997}`).join(' ');
    lines.push(JSON.stringify({ messages: [{ role: 'user', content: `${words} ${i}` }, { role: 'assistant', content: words }] }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  try {
    const kept = newSpaceAroundStats(file);
    assert.equal(kept.examples, 20_000);
    // It starts at a few MB (4 here); loading the modules may grow it once before the command runs.
    assert.ok(kept.after <= 8, `new space ${kept.before} -> ${kept.after} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
