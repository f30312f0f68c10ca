// cli/linesAt.ts reads some lines of a file again, by index (`toolcall stats` rereads the first
// line of each group of possible copies): each must be the line streamLines gave the first time,
// on generated files full of what line splitting can get wrong (CRLF, lone CR, a CR at the very
// end, characters cut by the buffer's edge, bytes that are not UTF-8, lines longer than the
// buffer, no final line break), whatever lines are asked for.
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { linesAt } from '../../../cli/linesAt.ts';
import { streamLines } from '../../../core/dataset/streamLines.ts';
import { mulberry32 } from '../../../core/random.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'toolcall-lines-at-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const PIECES = ['{"a": 1}', '\n', '\n', '\r\n', '\r', ' ', 'é', '€', '😀', '\uFEFF', 'x'.repeat(100), Buffer.from([0xff]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc3]), Buffer.from([0xf0, 0x9f, 0x98])];

test('the lines streamLines gives at the indexes asked for, on 300 generated files, read through buffers of 4 to 64 bytes', async () => {
  const random = mulberry32(41);
  let given = 0;
  for (let n = 0; n < 300; n++) {
    const chunks: Buffer[] = [];
    for (let i = Math.floor(random() * 150); i > 0; i--) {
      const piece = PIECES[Math.floor(random() * PIECES.length)]!;
      chunks.push(typeof piece === 'string' ? Buffer.from(piece) : piece);
    }
    const file = path.join(dir, `f${n}.jsonl`);
    writeFileSync(file, Buffer.concat(chunks));
    const streamed: { index: number; text: string }[] = [];
    for await (const { index, text } of streamLines(createReadStream(file, { highWaterMark: 64 }))) streamed.push({ index, text });
    // Every line, every other line, a random few, the last one only, and none.
    const random3 = streamed.filter(() => random() < 0.3);
    for (const wanted of [streamed, streamed.filter((l) => l.index % 2 === 1), random3, streamed.slice(-1), []]) {
      for (const chunk of [4, 7, 64]) assert.deepEqual([...linesAt(file, wanted.map((l) => l.index), chunk)], wanted, `file ${n}, buffer ${chunk}`);
      given += wanted.length;
    }
  }
  // Lines were asked for and given (the check above is not vacuous).
  assert.equal(given, 8225);
});
