// cli/fileLineCutter.ts finds a file's lines in its bytes (fileLines, linesAt and eval read
// through it): each line's bytes and line break against the whole file cut at its LFs, on
// generated files with CRLF, lone CRs, a CR at the very end, blank lines, bytes that are not
// UTF-8 and lines longer than the buffer, and the bytes handed to `onRead` a read at a time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { FileLineCutter } from '../../../cli/fileLineCutter.ts';
import { mulberry32 } from '../../../core/random.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-line-cutter-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PIECES = ['{"a": 1}', '\n', '\n', '\r\n', '\r', 'é', '😀', 'x'.repeat(100), Buffer.from([0xff]), Buffer.from([0xe2, 0x82])];

/** The file's lines by splitting all of it at LF: [bytes as hex, line break bytes]. */
function reference(content: Buffer): [string, number][] {
  const out: [string, number][] = [];
  let start = 0;
  for (;;) {
    const lf = content.indexOf(10, start);
    if (lf === -1) break;
    const crlf = lf > start && content[lf - 1] === 13;
    out.push([content.subarray(start, crlf ? lf - 1 : lf).toString('hex'), crlf ? 2 : 1]);
    start = lf + 1;
  }
  if (start < content.length) out.push([content.subarray(start).toString('hex'), 0]);
  return out;
}

test('each line\'s bytes and line break are those of the whole file cut at its LFs, through buffers of 4 to 64 KB', () => {
  const random = mulberry32(11);
  let lines = 0;
  for (let n = 0; n < 300; n++) {
    const parts: Buffer[] = [];
    for (let i = Math.floor(random() * 120); i > 0; i--) {
      const piece = PIECES[Math.floor(random() * PIECES.length)]!;
      parts.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
    }
    const content = Buffer.concat(parts);
    const file = path.join(dir, `f${n}.jsonl`);
    writeFileSync(file, content);
    const want = reference(content);
    for (const chunk of [4, 7, 64, undefined]) {
      const got: [string, number][] = [];
      // Every read's bytes, joined, are the file's bytes up to the end of its last line.
      const read: Buffer[] = [];
      const cutter = new FileLineCutter(file, chunk, (bytes) => read.push(Buffer.from(bytes)));
      try {
        while (cutter.nextLine()) {
          assert.equal(cutter.index, got.length);
          got.push([cutter.buffer.subarray(cutter.start, cutter.end).toString('hex'), cutter.breakBytes]);
        }
      } finally {
        cutter.close();
      }
      assert.deepEqual(got, want, `file ${n}, buffer ${chunk}`);
      assert.deepEqual(Buffer.concat(read), content, `file ${n}, buffer ${chunk}`);
    }
    lines += want.length;
  }
  assert.equal(lines, 5499);
});

test('each line\'s text is its bytes decoded as UTF-8, in reads that are all ASCII and reads that are not', () => {
  // Mostly ASCII, so that many reads are ASCII throughout (decoded as Latin-1) while others hold
  // a character of two to four bytes or a byte that is not UTF-8 (decoded as UTF-8), also in
  // the bytes a read carries over from the one before.
  const pieces = ['{"a": 1}', '\n', '\r\n', 'x'.repeat(40), 'abc', 'é', '😀', Buffer.from([0xff]), Buffer.from([0xe2, 0x82])];
  const weights = [20, 12, 4, 6, 20, 1, 1, 1, 1];
  const total = weights.reduce((a, b) => a + b, 0);
  const random = mulberry32(23);
  const pick = () => {
    let r = random() * total;
    for (let k = 0; k < pieces.length; k++) if ((r -= weights[k]!) < 0) return pieces[k]!;
    return pieces[0]!;
  };
  let lines = 0;
  let asciiLines = 0;
  for (let n = 0; n < 200; n++) {
    const parts: Buffer[] = [];
    for (let i = Math.floor(random() * 400); i > 0; i--) {
      const piece = pick();
      parts.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
    }
    const content = Buffer.concat(parts);
    const file = path.join(dir, `t${n}.jsonl`);
    writeFileSync(file, content);
    for (const chunk of [4, 7, 64, 256, undefined]) {
      const cutter = new FileLineCutter(file, chunk);
      try {
        while (cutter.nextLine()) {
          const bytes = cutter.buffer.subarray(cutter.start, cutter.end);
          assert.equal(cutter.text(), bytes.toString('utf8'), `file ${n}, buffer ${chunk}, line ${cutter.index}`);
          lines++;
          if (bytes.every((b) => b < 0x80)) asciiLines++;
        }
      } finally {
        cutter.close();
      }
    }
  }
  assert.deepEqual([lines, asciiLines], [48_205, 38_185]);
});
