// Threat 18: unbounded CLI output memory. With a slow reader the CLI flushed without awaiting:
// each flush added a 'drain' listener (MaxListenersExceededWarning at 11) and the output piled
// up in memory. Now one flush is in flight at a time, one listener, and the producer waits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { BufferedOutput } from '../../cli/output.ts';
import { textLine } from '../../cli/commands/validate.ts';
import { ValidatePool } from '../../core/parallel/validatePool.ts';

/** A reader that takes one chunk per event-loop turn after the first `stallFor` writes wait. */
class SlowReader extends Writable {
  received = '';
  maxDrainListeners = 0;
  maxQueued = 0;
  constructor() {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override _write(chunk: string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.received += chunk;
    setImmediate(done);
  }
  observe(buffered: number): void {
    this.maxDrainListeners = Math.max(this.maxDrainListeners, this.listenerCount('drain'));
    this.maxQueued = Math.max(this.maxQueued, buffered + this.writableLength);
  }
}

test('threat 18: unbounded CLI output memory (slow reader: one drain listener, bounded queue, every byte in order)', async () => {
  const reader = new SlowReader();
  const limit = 4096;
  const out = new BufferedOutput(reader, limit);
  let expected = '';
  for (let i = 0; i < 2000; i++) {
    const text = `line ${String(i).padStart(5, '0')} ${'x'.repeat(84)}\n`; // 96 bytes
    expected += text;
    out.write(text);
    reader.observe(out.buffered);
    // A producer yields between units of work (the validate loop: between input chunks).
    if (i % 20 === 19) await out.writable();
  }
  await out.flush();
  assert.equal(reader.received, expected);
  assert.equal(reader.maxDrainListeners, 1);
  // At most: the batch that filled the stream (limit + one line), its stream queue, then one unit (20 lines).
  const bound = limit + 96 + 20 * 96;
  console.log(`most bytes queued: ${reader.maxQueued} (bound ${bound}, output ${expected.length})`);
  assert.ok(reader.maxQueued <= bound, `${reader.maxQueued} bytes queued`);
});

test('threat 18: unbounded CLI output memory (toolcall validate | slow reader: no MaxListenersExceededWarning, output complete)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-threat18-'));
  // 20,000 lines, each with two problems: about 4 MB of output, far over the pipe's 64 KB.
  writeFileSync(join(dir, 'many.jsonl'), '{"messages": "nope"}\n'.repeat(20_000));
  const child = spawn(process.execPath, [join(__dirname, '../../dist/cli.js'), 'validate', 'many.jsonl'], { cwd: dir, env: { ...process.env, TOOLCALL_CODE_CACHE: 'off' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  // The slow reader: read nothing until the CLI has had the chance to fill the pipe, then read.
  child.stdout.pause();
  let stdout = '';
  await new Promise((resolve) => setTimeout(resolve, 1500));
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 1);
  assert.equal(stderr, '');
  const lines = stdout.trimEnd().split('\n');
  // 20,000 TC202 (messages a string), 19,999 TC702 (duplicates of line 1), the summary.
  assert.equal(lines.length, 40_000);
  assert.equal(lines.at(-1), '1 file, 20000 examples: 20000 errors, 19999 warnings, 0 infos');
});

test('threat 18: unbounded CLI output memory (worker threads: the pool waits for the slow reader after each chunk)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'toolcall-threat18-pool-'));
  const file = join(dir, 'many.jsonl');
  writeFileSync(file, '{"messages": "nope"}\n'.repeat(20_000)); // 420,000 bytes: 26 chunks of 16 KiB, ~4 MB of output
  const reader = new SlowReader();
  const limit = 4096;
  const out = new BufferedOutput(reader, limit);
  let expected = 0;
  let unit = 0; // output written since the pool last waited
  let largestUnit = 0;
  let waits = 0;
  const pool = new ValidatePool({}, { workers: 1, chunkSize: 16 << 10 });
  try {
    await pool.validateFile(
      file,
      (d) => {
        const text = textLine('many.jsonl', d);
        expected += text.length;
        unit += text.length;
        out.write(text);
        reader.observe(out.buffered);
      },
      async () => {
        waits++;
        largestUnit = Math.max(largestUnit, unit);
        unit = 0;
        await out.writable();
      },
    );
  } finally {
    await pool.close();
  }
  await out.flush();
  assert.equal(reader.received.length, expected);
  assert.equal(reader.received.split('\n').length - 1, 39_999); // 20,000 TC202, 19,999 TC702
  assert.equal(reader.maxDrainListeners, 1);
  // At most: the batch that filled the stream, its stream queue, then one chunk's output.
  const bound = 2 * limit + largestUnit;
  console.log(`most bytes queued: ${reader.maxQueued} (bound ${bound}: one chunk's output ${largestUnit}; output ${expected})`);
  assert.ok(reader.maxQueued <= bound, `${reader.maxQueued} bytes queued`);
  assert.equal(waits, 26);
});
