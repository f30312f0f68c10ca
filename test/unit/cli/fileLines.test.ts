// cli/fileLines.ts gives the lines core/dataset/streamLines.ts gives over a read stream (text,
// index and start), on generated files full of what line splitting can get wrong: CRLF, lone CR,
// a CR at the very end, blank lines, characters of 2 to 4 bytes cut by the buffer's edge, bytes
// that are not UTF-8, lines longer than the buffer, no final line break, an empty file.
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { eachFileLine, FileLineReader, fileLines } from '../../../cli/fileLines.ts';
import type { TextLine } from '../../../core/dataset/lines.ts';
import { streamLines, type StreamedLine } from '../../../core/dataset/streamLines.ts';
import { mulberry32 } from '../../../core/random.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-file-lines-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function streamed(file: string): Promise<TextLine[]> {
  const out: TextLine[] = [];
  for await (const { index, start, text } of streamLines(createReadStream(file, { highWaterMark: 64 }))) out.push({ index, start, text });
  return out;
}

const PIECES = ['{"a": 1}', '\n', '\r\n', '\r', ' ', 'é', '€', '😀', '\u2028', 'x'.repeat(100), Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc3]), Buffer.from([0xf0, 0x9f, 0x98])];

function randomFile(random: () => number, parts: number): Buffer {
  const chunks: Buffer[] = [];
  for (let i = 0; i < parts; i++) {
    const piece = PIECES[Math.floor(random() * PIECES.length)]!;
    chunks.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
  }
  return Buffer.concat(chunks);
}

test('the same lines as streamLines on 300 generated files, read through buffers of 4 to 64 bytes', async () => {
  const random = mulberry32(18);
  let lines = 0;
  for (let n = 0; n < 300; n++) {
    const file = path.join(dir, `f${n}.jsonl`);
    writeFileSync(file, randomFile(random, Math.floor(random() * 120)));
    const want = await streamed(file);
    for (const chunk of [4, 7, 64]) assert.deepEqual([...fileLines(file, chunk)], want, `file ${n}, buffer ${chunk}`);
    lines += want.length;
  }
  // The files did hold lines (the check above is not vacuous).
  assert.equal(lines, 2952);
});

/** eachFileLine's calls, as [index, text]. */
function handed(file: string, chunk?: number): [number, string][] {
  const out: [number, string][] = [];
  eachFileLine(file, (text, index) => out.push([index, text]), chunk);
  return out;
}

test('eachFileLine hands over the texts and indexes of fileLines, in order, on the same 300 files', () => {
  const random = mulberry32(18);
  let lines = 0;
  for (let n = 0; n < 300; n++) {
    const file = path.join(dir, `h${n}.jsonl`);
    writeFileSync(file, randomFile(random, Math.floor(random() * 120)));
    const want = [...fileLines(file)].map((l): [number, string] => [l.index, l.text]);
    for (const chunk of [4, 7, 64, undefined]) assert.deepEqual(handed(file, chunk), want, `file ${n}, buffer ${chunk}`);
    lines += want.length;
  }
  assert.equal(lines, 2952);
});

test('with encoding, the same lines as streamLines, each with where its bytes that are not UTF-8 are', async () => {
  const random = mulberry32(7);
  let flagged = 0;
  for (let n = 0; n < 300; n++) {
    const file = path.join(dir, `e${n}.jsonl`);
    writeFileSync(file, randomFile(random, Math.floor(random() * 120)));
    const want: StreamedLine[] = [];
    for await (const line of streamLines(createReadStream(file, { highWaterMark: 64 }))) want.push(line);
    for (const chunk of [4, 7, 64]) assert.deepEqual([...fileLines(file, chunk, true)], want, `file ${n}, buffer ${chunk}`);
    flagged += want.filter((l) => l.encoding).length;
  }
  // Lines with bad bytes were there to find (this count is not vacuous).
  assert.equal(flagged, 1765);
});

test('FileLineReader, read in a plain loop, gives the texts, indexes and encoding problems of streamLines', async () => {
  const random = mulberry32(11);
  let flagged = 0;
  for (let n = 0; n < 200; n++) {
    const file = path.join(dir, `r${n}.jsonl`);
    writeFileSync(file, randomFile(random, Math.floor(random() * 120)));
    const want: [number, string, unknown][] = [];
    for await (const line of streamLines(createReadStream(file, { highWaterMark: 64 }))) want.push([line.index, line.text, line.encoding]);
    for (const chunk of [4, 7, 64]) {
      for (const encoding of [true, false]) {
        const got: [number, string, unknown][] = [];
        const reader = new FileLineReader(file, chunk, encoding);
        while (reader.nextLine()) got.push([reader.index, reader.text(), reader.encodingProblems()]);
        // At the end it stays there (eval's in-order predictions ask again; it once replayed the buffer).
        assert.deepEqual([reader.nextLine(), reader.nextLine(), reader.index], [false, false, want.length - 1], `file ${n}, buffer ${chunk}, encoding ${encoding}: after the end`);
        reader.close();
        assert.deepEqual(got, encoding ? want : want.map(([index, text]) => [index, text, undefined]), `file ${n}, buffer ${chunk}, encoding ${encoding}`);
      }
    }
    flagged += want.filter(([, , problems]) => problems).length;
  }
  assert.ok(flagged > 500, `flagged: ${flagged}`);
});

test('edge cases, exactly', () => {
  const cases: [string | Buffer, TextLine[]][] = [
    ['', []],
    ['\n', [{ index: 0, start: 0, text: '' }]],
    ['a\r\nb', [{ index: 0, start: 0, text: 'a' }, { index: 1, start: 3, text: 'b' }]],
    ['a\r', [{ index: 0, start: 0, text: 'a\r' }]],
    ['\r\n\r\n', [{ index: 0, start: 0, text: '' }, { index: 1, start: 2, text: '' }]],
    ['a\rb\n', [{ index: 0, start: 0, text: 'a\rb' }]],
    [Buffer.from([0x61, 0xff, 0x0a, 0xe2, 0x82]), [{ index: 0, start: 0, text: 'a\ufffd' }, { index: 1, start: 3, text: '\ufffd' }]],
    ['é'.repeat(20) + '\n' + '😀', [{ index: 0, start: 0, text: 'é'.repeat(20) }, { index: 1, start: 21, text: '😀' }]],
  ];
  for (const [content, want] of cases) {
    const file = path.join(dir, 'edge.jsonl');
    writeFileSync(file, content);
    assert.deepEqual([...fileLines(file, 4)], want, JSON.stringify(content.toString()));
    assert.deepEqual(handed(file, 4), want.map((l) => [l.index, l.text]), JSON.stringify(content.toString()));
  }
  // Where bad bytes are, with encoding: on their line, counted from its start, the last line too.
  writeFileSync(path.join(dir, 'edge.jsonl'), Buffer.from([0x61, 0xff, 0x0a, 0x62, 0x0a, 0x63, 0xe2, 0x82]));
  assert.deepEqual([...fileLines(path.join(dir, 'edge.jsonl'), 4, true)], [
    { index: 0, start: 0, text: 'a\ufffd', encoding: [{ column: 1, length: 1, byte: 1, hex: 'ff' }] },
    { index: 1, start: 3, text: 'b' },
    { index: 2, start: 5, text: 'c\ufffd', encoding: [{ column: 1, length: 1, byte: 1, hex: 'e2 82' }] },
  ]);
});

test('a file that cannot be read throws as fs does', () => {
  assert.throws(() => [...fileLines(path.join(dir, 'missing.jsonl'))], { code: 'ENOENT' });
  assert.throws(() => [...fileLines(dir)], { code: 'EISDIR' });
  assert.throws(() => handed(path.join(dir, 'missing.jsonl')), { code: 'ENOENT' });
  assert.throws(() => handed(dir), { code: 'EISDIR' });
});
