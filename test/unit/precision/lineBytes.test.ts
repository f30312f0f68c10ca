// Issue 16: what the line's bytes and keys hide. Invalid UTF-8 (Node decodes it to U+FFFD
// silently; the service rejects the file) and duplicate keys (JSON.parse keeps the last one).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { validateStream, validateText } from '../../../core/validate.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';
import { ValidatePool } from '../../../core/parallel/validatePool.ts';
import { invalidUtf8ByLine } from '../../../core/dataset/utf8.ts';

const ok = (content: string) => `{"messages":[{"role":"user","content":"${content}"},{"role":"assistant","content":"ok"}]}`;
// Line 1: "ff fe" inside the user's text; line 2: a cut 3-byte character, then a lone
// continuation byte after an emoji (4 bytes, 2 UTF-16 units); line 3: clean.
const BYTES = Buffer.concat([
  Buffer.from(ok('caf').slice(0, 41)), Buffer.from([0xff, 0xfe]), Buffer.from(ok('caf').slice(41) + '\n'),
  Buffer.from('{"messages":[{"role":"user","content":"'), Buffer.from([0xe2, 0x82]), Buffer.from(' 😀'), Buffer.from([0x80]), Buffer.from('"},{"role":"assistant","content":"ok"}]}\r\n'),
  Buffer.from(ok('fine') + '\n'),
]);

const invalid = (d: Diagnostic) => d.code === 'TC108';
const view = (d: Diagnostic) => [d.line, d.start, d.end, d.severity, d.message];

const EXPECTED = [
  [0, 41, 43, 'error', 'Bytes ff fe at byte 41 of this line are not UTF-8 (shown as "\uFFFD\uFFFD"); the fine-tuning service rejects files that are not UTF-8, so write the intended characters and save the file as UTF-8.'],
  [1, 39, 40, 'error', 'Bytes e2 82 at byte 39 of this line are not UTF-8 (shown as "\uFFFD"); the fine-tuning service rejects files that are not UTF-8, so write the intended characters and save the file as UTF-8.'],
  [1, 43, 44, 'error', 'Bytes 80 at byte 46 of this line are not UTF-8 (shown as "\uFFFD"); the fine-tuning service rejects files that are not UTF-8, so write the intended characters and save the file as UTF-8.'],
];

test('invalid UTF-8: TC108 on the line, at the replacement characters, with the bytes and byte offset (stream, any chunking)', async () => {
  for (const size of [1, 2, 3, 7, 64, 1 << 16]) {
    const out: Diagnostic[] = [];
    const chunks = async function* () {
      for (let i = 0; i < BYTES.length; i += size) yield BYTES.subarray(i, i + size);
    };
    await validateStream(chunks(), (d) => out.push(d));
    assert.deepEqual(out.filter(invalid).map(view), EXPECTED, `chunks of ${size}`);
  }
  // The replacement characters are where Node's decoder put them.
  const lines = BYTES.toString('utf8').split(/\r?\n/);
  for (const [line, start, end] of EXPECTED) assert.match(lines[line as number].slice(start as number, end as number), /^\uFFFD+$/);
});

test('invalid UTF-8: the positions equal Python\'s decoder (errors="replace") in UTF-16 columns', (t) => {
  const script = [
    'import sys, json',
    'data = sys.stdin.buffer.read()',
    'out = []',
    'for n, raw in enumerate(data.split(b"\\n")):',
    '    s = raw.decode("utf-8", errors="replace")',
    '    cols = [len(s[:i].encode("utf-16-le")) // 2 for i, c in enumerate(s) if c == "\\ufffd"]',
    '    out.append(cols)',
    'print(json.dumps(out))',
  ].join('\n');
  const python = spawnSync('python3', ['-c', script], { input: BYTES, encoding: 'utf8' });
  if (python.error) return t.skip('python3 is not installed');
  const reference: number[][] = JSON.parse(python.stdout);
  const ours = invalidUtf8ByLine(BYTES);
  const columns = reference.map((_, line) => (ours.get(line) ?? []).flatMap((p) => Array.from({ length: p.length }, (_, k) => p.column + k)));
  assert.deepEqual(columns, reference);
  assert.deepEqual(reference, [[41, 42], [39, 43], [], []]);
});

test('invalid UTF-8: the parallel path reports the same as the stream', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'toolcall-utf8-'));
  const pool = new ValidatePool({}, { workers: 1, chunkSize: 64, inFlight: 2 });
  try {
    const file = path.join(dir, 'bad.jsonl');
    await writeFile(file, BYTES);
    const single: Diagnostic[] = [];
    await validateStream(createReadStream(file, { highWaterMark: 5 }), (d) => single.push(d));
    const parallel: Diagnostic[] = [];
    await pool.validateFile(file, (d) => parallel.push(d));
    assert.deepEqual(parallel, single);
    assert.deepEqual(parallel.filter(invalid).map(view), EXPECTED);
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('duplicate keys: TC107 on each dropped key, the kept one as related information', () => {
  const text = '{"messages":[{"role":"user","content":"a"}],"messages":[{"role":"user","content":"hi","content":"hello"},{"role":"assistant","content":"ok"}]}';
  const { diagnostics } = validateText(text);
  assert.deepEqual(diagnostics.filter((d) => d.code === 'TC107').map((d) => [d.code, d.severity, d.start, d.end, text.slice(d.start, d.end), d.message, d.related]), [
    ['TC107', 'warning', 1, 11, '"messages"', 'Key "messages" appears again later in this object (column 45); JSON readers keep only the last value, so this one is silently dropped.', [{ line: 0, start: 44, end: 54, message: 'The value kept for this key.' }]],
    ['TC107', 'warning', 71, 80, '"content"', 'Key "content" appears again later in this object (column 87); JSON readers keep only the last value, so this one is silently dropped.', [{ line: 0, start: 86, end: 95, message: 'The value kept for this key.' }]],
  ]);
  assert.equal(text.slice(44, 54), '"messages"');
  assert.equal(text.slice(86, 95), '"content"');
  // Same keys in different objects, and a ":" inside strings, are not duplicates.
  assert.deepEqual(validateText('{"messages":[{"role":"user","content":"a:b"},{"role":"assistant","content":"x: y"}]}').diagnostics.filter((d) => d.code === 'TC107'), []);
});
