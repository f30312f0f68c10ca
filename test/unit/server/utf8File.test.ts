// isUtf8File (server/utf8File.ts) reads a file a piece at a time; its answer must be Buffer's
// isUtf8 of the whole file, whatever piece a multi-byte character or a bad byte falls across.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUtf8 } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../../core/random.ts';
import { isUtf8File, wholeCharactersEnd } from '../../../server/utf8File.ts';

const CHARACTERS = ['a', '{', '\n', 'é', '€', '中', '\u{1F600}', '\u{10FFFF}'].map((c) => Buffer.from(c));
// Not UTF-8: a lone continuation byte, cut sequences, bytes never used, an overlong form, a surrogate, past U+10FFFF.
const BAD = [[0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xff], [0xfe], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]].map((b) => Buffer.from(b));

function randomFile(random: () => number, bad: boolean): Buffer {
  const parts: Buffer[] = [];
  const count = Math.floor(random() * 60);
  for (let i = 0; i < count; i++) parts.push(CHARACTERS[Math.floor(random() * CHARACTERS.length)]!);
  if (bad) parts.splice(Math.floor(random() * (parts.length + 1)), 0, BAD[Math.floor(random() * BAD.length)]!);
  return Buffer.concat(parts);
}

test('isUtf8File equals isUtf8 of the whole file on 600 generated files, through pieces of 4, 5, 7, 64 bytes and the default', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-utf8-file-'));
  try {
    const random = mulberry32(20261207);
    const answers = { true: 0, false: 0 };
    for (let n = 0; n < 600; n++) {
      const bytes = randomFile(random, n % 2 === 1);
      const file = path.join(dir, `${n}.jsonl`);
      writeFileSync(file, bytes);
      const expected = isUtf8(bytes);
      for (const piece of [4, 5, 7, 64, undefined]) assert.equal(await isUtf8File(file, piece), expected, `${bytes.toString('hex')} in pieces of ${piece}`);
      answers[String(expected) as 'true' | 'false']++;
    }
    // Both answers, many times.
    assert.ok(answers.true >= 300 && answers.false >= 250, JSON.stringify(answers));
    writeFileSync(path.join(dir, 'empty.jsonl'), '');
    assert.equal(await isUtf8File(path.join(dir, 'empty.jsonl'), 4), true);
    await assert.rejects(isUtf8File(path.join(dir, 'missing.jsonl')), { code: 'ENOENT' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('wholeCharactersEnd stops before a last character whose bytes are not all there', () => {
  const end = (hex: string) => wholeCharactersEnd(Buffer.from(hex, 'hex'), hex.length / 2);
  assert.equal(end(''), 0);
  assert.equal(end('61'), 1);
  assert.equal(end('61c3'), 1); // é cut after its lead byte
  assert.equal(end('61c3a9'), 3);
  assert.equal(end('61e282'), 1); // € cut after two of three bytes
  assert.equal(end('61e282ac'), 4);
  assert.equal(end('61f09f98'), 1); // 😀 cut after three of four bytes
  assert.equal(end('61f09f9880'), 5);
  assert.equal(end('61808080'), 4); // continuation bytes with no lead: left in for isUtf8 to reject
  assert.equal(end('ff'), 1); // never a lead byte
  assert.equal(end('61f0'), 1);
});
