// Issue 16: commands that write a dataset back write untouched bytes back as they were, invalid
// UTF-8 included ("ff fe" used to become "ef bf bd ef bf bd").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../cli/main.ts';
import { spliceLineBytes, splitByteLines } from '../../../core/dataset/lineBytes.ts';
import { FIXTURES } from '../tools/helpers.ts';
import { editorRewriteRefusal } from '../../../core/tools/apply.ts';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, env: {} });
  return { code, stdout, stderr };
}

const INVALID = Buffer.from([0xff, 0xfe]);
/** `text` (with "@@" markers) as bytes, each marker replaced by the invalid bytes ff fe. */
const withInvalid = (text: string) => {
  const parts = text.split('@@').map((p) => Buffer.from(p, 'utf8'));
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [INVALID, p])));
};

test('tools apply --in-place: untouched lines byte for byte, invalid UTF-8 included; a changed line keeps its bytes outside the declarations', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-bytes-'));
  copyFileSync(path.join(FIXTURES, 'weather-kelvin.tools.json'), path.join(dir, 'weather-kelvin.tools.json'));
  const source = readFileSync(path.join(FIXTURES, 'weather-drift.jsonl'), 'utf8').replaceAll('\n', '\r\n');
  // Markers in the user's text: on line 1 (rewritten: its declarations differ) and in every line's text.
  const marked = source.replaceAll('"content":"', '"content":"@@');
  writeFileSync(path.join(dir, 'marked.jsonl'), marked);
  const reference = await run(['tools', 'apply', 'weather-kelvin.tools.json', 'marked.jsonl'], dir);
  assert.equal(reference.code, 0);
  writeFileSync(path.join(dir, 'bytes.jsonl'), withInvalid(marked));
  const applied = await run(['tools', 'apply', 'weather-kelvin.tools.json', 'bytes.jsonl', '--in-place'], dir);
  assert.equal(applied.code, 0);
  assert.equal(applied.stderr, 'Rewrote the tools of 5 of 8 lines; kept declarations the tools file lacks: book_trip.\n');
  const written = readFileSync(path.join(dir, 'bytes.jsonl'));
  assert.ok(written.equals(withInvalid(reference.stdout.replaceAll('\n', '\r\n').replaceAll('\r\r\n', '\r\n'))), 'the same rewrite, with ff fe where the markers were');
  assert.equal(written.indexOf(Buffer.from([0xef, 0xbf, 0xbd])), -1, 'no replacement character was written');
});

test('toolcall split: each example is written from its own bytes (BOM dropped), invalid UTF-8 included', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-split-bytes-'));
  const lines = Array.from({ length: 12 }, (_, n) => JSON.stringify({ messages: [{ role: 'user', content: `q${n} @@` }, { role: 'assistant', content: `a${n}` }] }));
  writeFileSync(path.join(dir, 'data.jsonl'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), withInvalid(lines.join('\r\n') + '\r\n')]));
  const result = await run(['split', 'data.jsonl', '--ratio', '0.75'], dir);
  assert.equal(result.code, 0);
  const train = readFileSync(path.join(dir, 'data.train.jsonl'));
  const validation = readFileSync(path.join(dir, 'data.validation.jsonl'));
  const outLines = [...splitByteLines(train), ...splitByteLines(validation)];
  assert.equal(outLines.length, 12);
  const expected = lines.map((l) => withInvalid(l).toString('latin1')).sort();
  assert.deepEqual(outLines.map((l) => l.bytes.toString('latin1')).sort(), expected);
  assert.deepEqual([...new Set(outLines.map((l) => l.lineBreak))], ['\n']);
});

test('spliceLineBytes keeps the bytes outside the change, whatever precedes it', () => {
  const bytes = Buffer.concat([Buffer.from('{"a":"x'), INVALID, Buffer.from('😀","b":1}')]);
  const before = bytes.toString('utf8');
  assert.ok(spliceLineBytes(bytes, before, before.replace('"b":1', '"b":22')).equals(Buffer.concat([Buffer.from('{"a":"x'), INVALID, Buffer.from('😀","b":22}')])));
  assert.equal(spliceLineBytes(bytes, before, before), bytes);
});

test('Apply Tools File in the editor refuses a file with bytes that are not UTF-8 (saving would rewrite them), saying where', () => {
  const data = Buffer.concat([Buffer.from('{"messages":[]}\n{"a":"x'), INVALID, Buffer.from('"}\n'), Buffer.from('{"b":"'), Buffer.from([0xc3]), Buffer.from('"}\n')]);
  assert.equal(
    editorRewriteRefusal(data, 'data.jsonl'),
    'data.jsonl has bytes that are not UTF-8 (2 lines, first line 2: ff fe at byte 7); saving it from the editor would write them as U+FFFD on lines nothing else changed, so fix them first (TC108) or run "toolcall tools apply --in-place", which keeps every byte.',
  );
  assert.equal(editorRewriteRefusal(Buffer.from('{"messages":[]}\n{"é":"😀"}\n'), 'data.jsonl'), undefined);
});
