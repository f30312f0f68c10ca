// asciiPieceEnd must end each piece where o200k's split pattern, run sticky from the same place,
// ends it, with pieceHash's hash; where it answers -1 the pattern decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { asciiPieceEnd, asciiPieceHash, O200K_PATTERN } from '../../../core/stats/asciiPieces.ts';
import { pieceHash } from '../../../core/stats/recentPieces.ts';

const o200k = require('gpt-tokenizer/encoding/o200k_base');
const PATTERN: RegExp = o200k.default.bytePairEncodingCoreProcessor.tokenSplitRegex;
const sticky = new RegExp(PATTERN.source, 'uy');

function* fixtureTexts(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* fixtureTexts(file);
    else if (/\.(jsonl|json|md|txt|jinja)$/.test(name)) yield* readFileSync(file, 'utf8').split('\n');
  }
}

// Every ASCII character, and next to them what could continue or end an ASCII piece: letters of
// every case class (Lu, Ll, Lt, Lm, Lo), a combining mark, digits outside ASCII (Nd, No),
// punctuation, spaces and line breaks outside ASCII, astral characters, lone surrogates, and
// contractions whole and cut.
const ASCII = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const OTHERS = ['é', 'É', 'ǅ', 'ʰ', '東', '\u0301', '٣', '²', '½', '—', '…', '«', '\u00a0', '\u2028', '\u3000', '\u0085', '😀', '𝐀', '\ud800', '\udc00'];
const WORDS = ["'s", "'S", "'d", "'M", "'t", "'ll", "'LL", "'lL", "'l", "'ve", "'VE", "'v", "'re", "'Re", "'r", "'x", 'word', 'Word', 'WORD', 'wOrD', 'x1', '123456', ' \n', '\r\n', '":"', '{"', '"}', ' -', ' /', '//\n', '   ', '\t', 'http://a.b/c?d=1'];

function* generatedTexts(): Generator<string> {
  let state = 7;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 20_000; i++) {
    let text = '';
    const length = next() % 40;
    for (let k = 0; k < length; k++) {
      const pick = next() % 10;
      const from = pick < 5 ? ASCII : pick < 7 ? WORDS : pick < 9 ? ['a', 'b', 'Z', ' ', '"', '0', "'"] : OTHERS;
      text += from[next() % from.length];
    }
    yield text;
  }
}

test('the pattern asciiPieceEnd follows is gpt-tokenizer\'s o200k split pattern (else the counting loop does not use it)', () => {
  assert.equal(PATTERN.source, O200K_PATTERN);
  assert.match(PATTERN.flags, /u/);
});

test('asciiPieceEnd ends every piece where o200k\'s pattern does, from every position of fixture lines and generated texts, with pieceHash\'s hash', () => {
  let answered = 0;
  let positions = 0;
  for (const text of [...fixtureTexts(path.join(__dirname, '../../fixtures')), ...generatedTexts()]) {
    for (let start = 0; start < text.length; start++) {
      positions++;
      const end = asciiPieceEnd(text, start);
      if (end === -1) continue;
      answered++;
      sticky.lastIndex = start;
      assert.ok(sticky.test(text));
      assert.equal(end, sticky.lastIndex, `${JSON.stringify(text)} from ${start}`);
      assert.equal(asciiPieceHash, pieceHash(text, start, end), `${JSON.stringify(text)} from ${start}`);
    }
  }
  assert.ok(answered > 500_000 && answered > positions / 2, `${answered} of ${positions} positions answered`);
});

test('asciiPieceEnd answers -1 where a character outside ASCII or whitespace could change the piece, and the ends of crafted pieces', () => {
  for (const text of ['café', ' café', 'CAFÉ', '12٣', '"—', ' é', '  word', ' \n', '\n', 'é', '\t"', ' ']) assert.equal(asciiPieceEnd(text, 0), -1, JSON.stringify(text));
  assert.equal(asciiPieceEnd('\ta', 0), 2);
  assert.equal(asciiPieceEnd('1234', 0), 3);
  assert.equal(asciiPieceEnd("don't", 0), 5);
  assert.equal(asciiPieceEnd("DON'T go", 0), 5);
  assert.equal(asciiPieceEnd("we'll", 0), 5);
  assert.equal(asciiPieceEnd("we'l", 0), 2);
  assert.equal(asciiPieceEnd('HTTPServer', 0), 10);
  assert.equal(asciiPieceEnd('getWeather', 0), 3);
  assert.equal(asciiPieceEnd('":"x', 0), 3);
  assert.equal(asciiPieceEnd(' {"a', 0), 3);
  assert.equal(asciiPieceEnd('}\n\n{', 0), 3);
  assert.equal(asciiPieceEnd('.', 0), 1);
  assert.equal(asciiPieceEnd(' 12', 0), 1);
});
