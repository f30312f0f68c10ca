import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

// `toolcall stats` keeps V8's young generation at its initial size (core/v8Flags.ts), as the
// server and eval --predictions do. The `toolcall` binary sets it once the command's code has
// loaded (cli/commandFlags.ts); a run inside another process sets none. Checked in fresh
// processes, since the flag is process-wide: one through the real entry (cli/main.ts), one calling runCli.
const MAIN = path.join(__dirname, '../../../cli/main.ts');
const NEW_SPACE_MB = `(require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1024 / 1024)`;

interface Run { before: number; after: number; examples: number }

function node(args: string[]): { stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  return run;
}

/** `toolcall stats FILE --format json` through the entry, with a preloaded probe that reports the space at the start and at exit. */
function throughTheBinary(dir: string, file: string): Run {
  const probe = path.join(dir, 'probe.cjs');
  writeFileSync(probe, `const before = ${NEW_SPACE_MB};\nprocess.on('exit', () => process.stderr.write(JSON.stringify({ before, after: ${NEW_SPACE_MB} })));\n`);
  const run = node(['--require', probe, '--import', 'tsx', MAIN, 'stats', file, '--format', 'json']);
  return { ...JSON.parse(run.stderr), examples: JSON.parse(run.stdout).examples };
}

/** The same command through runCli, in a process it does not own. */
function insideAnotherProcess(file: string): Run {
  const script = `
    const before = ${NEW_SPACE_MB};
    let out = '';
    require(${JSON.stringify(MAIN)}).runCli(['stats', ${JSON.stringify(file)}, '--format', 'json'], { stdout: (t) => (out += t), stderr: () => {}, cwd: process.cwd(), env: {} }).then(() => {
      process.stdout.write(JSON.stringify({ before, after: ${NEW_SPACE_MB}, examples: JSON.parse(out).examples }));
    });`;
  return JSON.parse(node(['--import', 'tsx', '-e', script]).stdout);
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
    const kept = throughTheBinary(dir, file);
    assert.equal(kept.examples, 20_000);
    // It starts at 1 MB; loading the command's code grows it (to 4 MB from the bundle, 8 from the
    // sources under tsx, 16 at most), and then it stays: the space unchecked reaches 32 MB.
    assert.ok(kept.after <= 16, `new space ${kept.before} -> ${kept.after} MB`);
    // A run in a process it does not own (a test runner, a host) leaves V8's flags as they are.
    const untouched = insideAnotherProcess(file);
    assert.equal(untouched.examples, 20_000);
    assert.ok(untouched.after >= 16, `new space ${untouched.before} -> ${untouched.after} MB`);
    console.log(`new space ${kept.before} -> ${kept.after} MB through the binary, ${untouched.before} -> ${untouched.after} MB inside another process`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
