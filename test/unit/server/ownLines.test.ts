import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ownLines } from '../../../server/ownLines.ts';
import { splitLspLines } from '../../../server/lineDocument.ts';
import { prng } from './fixtures.ts';

/** A text over the size ownLines works on, from random pieces (line breaks of every kind, wide characters, lone surrogates). */
function bigText(seed: number, pieces: string[]): string {
  const r = prng(seed);
  const parts: string[] = [];
  let length = 0;
  while (length < 1_100_000) {
    const piece = r(3) === 0 ? pieces[r(pieces.length)]! : 'x'.repeat(r(400));
    parts.push(piece);
    length += piece.length;
  }
  return parts.join('');
}

describe('ownLines', () => {
  it('gives exactly the lines of the split, whatever breaks and characters the text holds', () => {
    const pieces = ['\n', '\r\n', '\r', '\n\n', '\r\r\n', 'é', '日本', '😀', '\uD800', '\uDC00x', '\uFFFD', '\u00FF', '{"a":"\\u2028"}'];
    for (let seed = 1; seed <= 8; seed++) {
      const text = bigText(seed, pieces) + (seed % 2 ? '\n' : 'end');
      const expected = splitLspLines(text).lines;
      const split = splitLspLines(text).lines;
      const lines = ownLines(text, split);
      assert.notEqual(lines, split, 'copied');
      assert.equal(lines.length, expected.length);
      for (let i = 0; i < lines.length; i++) assert.equal(lines[i], expected[i], `seed ${seed}, line ${i}`);
    }
  });

  it('leaves small texts and texts without a character above U+00FF as they are (the same array, nothing copied)', () => {
    const small = 'a\n日本\nb';
    const smallLines = splitLspLines(small).lines;
    assert.equal(ownLines(small, smallLines), smallLines);
    const latin = bigText(3, ['\n', 'é', '\u00FF', '\r\n']);
    const latinLines = splitLspLines(latin).lines;
    assert.equal(ownLines(latin, latinLines), latinLines);
  });
});
