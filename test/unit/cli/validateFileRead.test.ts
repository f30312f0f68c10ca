// `toolcall validate` reads a file synchronously (cli/fileLines.ts) instead of through a read
// stream: its output must be what validateStream gives over a read stream of the same file, text
// and JSON, summary and exit code included; and it still waits for stdout between reads.
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../../../cli/main.ts';
import { jsonLine, textLine } from '../../../cli/commands/validate.ts';
import { validateStream } from '../../../core/validate.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { generatedLines } from '../../helpers/datasetLines.ts';
import { plural } from '../../../core/text/plural.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-validate-read-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** What the command printed before: validateStream over a read stream, printed as the command prints. */
async function streamed(cwd: string, file: string, format: 'text' | 'json'): Promise<{ stdout: string; summary: string; code: number }> {
  let stdout = '';
  const print = (d: Diagnostic) => (stdout += format === 'json' ? jsonLine(file, d) : textLine(file, d));
  const s = await validateStream(createReadStream(path.join(cwd, file), { highWaterMark: 1 << 16 }), print);
  return { stdout, summary: `1 file, ${plural(s.examples, 'example')}: ${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${plural(s.info, 'info')}\n`, code: s.error > 0 ? 1 : 0 };
}

async function command(cwd: string, file: string, format: 'text' | 'json'): Promise<{ code: number; stdout: string; stderr: string; pauses: number }> {
  let stdout = '';
  let stderr = '';
  let pauses = 0;
  const writable = async () => {
    pauses++;
  };
  const code = await runCli(['validate', '--format', format, file], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), writable, cwd, env: {} });
  return { code, stdout, stderr, pauses };
}

/** Asserts the command prints what validateStream gives, in both formats; returns the text output's diagnostic lines. */
async function assertSame(cwd: string, file: string): Promise<string[]> {
  let diagnostics: string[] = [];
  for (const format of ['text', 'json'] as const) {
    const want = await streamed(cwd, file, format);
    const got = await command(cwd, file, format);
    if (format === 'text') {
      assert.equal(got.stdout, want.stdout + want.summary, `${file} (text)`);
      assert.equal(got.stderr, '');
      diagnostics = want.stdout.split('\n').slice(0, -1);
    } else {
      assert.equal(got.stdout, want.stdout, `${file} (json)`);
      assert.equal(got.stderr, want.summary);
    }
    assert.equal(got.code, want.code, file);
  }
  return diagnostics;
}

test('the same output as validateStream over a read stream, on every .jsonl fixture', async () => {
  const root = path.join(__dirname, '../../fixtures');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).sort();
  let diagnostics = 0;
  for (const file of files) diagnostics += (await assertSame(root, file)).length;
  assert.equal(files.length, 44);
  // The fixtures do have findings to print (the comparison is not of empty outputs).
  assert.equal(diagnostics, 389);
});

test('the same output on a file mixing bytes that are not UTF-8, a line longer than a read, CRLF, a BOM, blank lines, duplicates and no final newline', async () => {
  const lines = generatedLines(60, 3);
  const long = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(150_000) }, { role: 'assistant', content: 'y' }] });
  const parts: (string | Buffer)[] = ['\uFEFF' + lines[0] + '\n'];
  for (let i = 1; i < lines.length; i++) {
    parts.push(lines[i]!, i % 7 === 0 ? '\r\n' : '\n');
    if (i % 11 === 0) parts.push(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d, 0x0a]), lines[i - 1]! + '\n', long + '\n', '\n');
  }
  parts.push(lines[5]!, Buffer.from([0xe2, 0x82]));
  writeFileSync(path.join(dir, 'mixed.jsonl'), Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  const diagnostics = await assertSame(dir, 'mixed.jsonl');
  assert.equal(diagnostics.length, 36);
  const codes = new Map<string, number>();
  for (const d of diagnostics) {
    const code = / (TC\d{3}) /.exec(d)![1]!;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  // BOM, blank lines, the bad bytes (five lines and the last), the last line's trailing bytes, the bad lines' unknown key, duplicates.
  assert.deepEqual(Object.fromEntries([...codes].sort()), { TC103: 1, TC104: 5, TC105: 1, TC108: 6, TC201: 5, TC204: 5, TC702: 13 });
});

test('waits for stdout after every 64 K characters of lines', async () => {
  // 200 lines of exactly 1,000 characters: a wait after lines 66, 132 and 198.
  const line = (i: number) => {
    const text = JSON.stringify({ messages: [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: '' }] });
    return text.slice(0, -3) + ' '.repeat(1000 - text.length) + text.slice(-3);
  };
  const lines = Array.from({ length: 200 }, (_, i) => line(i));
  assert.ok(lines.every((l) => l.length === 1000));
  writeFileSync(path.join(dir, 'paced.jsonl'), lines.join('\n') + '\n');
  assert.equal((await command(dir, 'paced.jsonl', 'text')).pauses, 3);
  assert.equal(readFileSync(path.join(dir, 'paced.jsonl'), 'utf8').length, 200_200);
});
