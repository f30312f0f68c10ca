// asciiPieces.ts splits ASCII text by hand where o200k's pattern would: the pieces it gives (with
// the pattern run wherever it answers -1, as tokens.ts does) must be exactly the pattern's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { O200K_SPLIT_SOURCE, asciiPieceEnd } from '../../../core/stats/asciiPieces.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

const pattern = new RegExp(O200K_SPLIT_SOURCE, 'gu');
const sticky = new RegExp(O200K_SPLIT_SOURCE, 'uy');
/** Pieces found by hand, and by the pattern where the hand answered -1 (counted, to show both run). */
const used = { hand: 0, pattern: 0 };

function handPieces(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = asciiPieceEnd(text, start);
    if (end === -1) {
      sticky.lastIndex = start;
      assert.ok(sticky.test(text) && sticky.lastIndex > start);
      end = sticky.lastIndex;
      used.pattern++;
    } else used.hand++;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function patternPieces(text: string): string[] {
  return Array.from(text.matchAll(pattern), (match) => match[0]);
}

function assertSamePieces(text: string): void {
  assert.deepEqual(handPieces(text), patternPieces(text), JSON.stringify(text.slice(0, 200)));
}

/** Every string inside a JSON value (contents with real newlines, tabs and quotes, as the counter sees them). */
function* stringsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const item of value) yield* stringsOf(item);
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) yield* [key, ...stringsOf(item)];
}

function linesAndTheirStrings(lines: string[]): string[] {
  return lines.flatMap((line) => {
    try {
      return [line, ...stringsOf(JSON.parse(line))];
    } catch {
      return [line];
    }
  });
}

test("the hand-split pattern is gpt-tokenizer's o200k_base split pattern", () => {
  const o200k = require('gpt-tokenizer/encoding/o200k_base').default.bytePairEncodingCoreProcessor.tokenSplitRegex as RegExp;
  assert.equal(o200k.source, O200K_SPLIT_SOURCE);
  assert.equal(o200k.flags, 'gu');
});

test('pieces by hand equal the pattern on every fixture line, the real excerpts and generated lines, and on their strings', (t) => {
  const excerpts = ['real-excerpt.jsonl.txt', 'pieces-excerpt.jsonl.txt'].flatMap((name) =>
    readFileSync(path.join(__dirname, '../../fixtures/stats', name), 'utf8').split('\n').filter((l) => l !== ''),
  );
  const texts = linesAndTheirStrings([...fixtureLines(), ...excerpts, ...generatedLines(300, 7)]);
  used.hand = used.pattern = 0;
  for (const text of texts) assertSamePieces(text);
  assert.ok(texts.length > 20_000, `${texts.length} texts`);
  t.diagnostic(`${texts.length} texts: ${used.hand} pieces by hand, ${used.pattern} by the pattern`);
  assert.ok(used.hand > 200_000 && used.pattern > 20, `${used.hand} pieces by hand, ${used.pattern} by the pattern`);
});

test('pieces by hand equal the pattern on adversarial text', () => {
  const texts = [
    '', 'a', 'A', '0', ' ', '\n', '\r\n', "'", "'s", "it's", "IT'S", "we'LL", "they'Re", "I've", "x'VE", "x'v", "x'l", "x'ld", "'ll", " 's",
    "don't stop", "rock'n'roll", "'''", "a'", "A'", "'a", " 'A", "a'sx", 'HTTPServer', 'getHTTPResponse', 'XMLHttpRequest', 'ABC', 'ABCdef', 'abcDEF',
    '123', '1234', '12345678', 'a1b2', ' 1', '  1', 'x  1', '$100', ' $100', '1.5', '1,000,000', '-1', ' -x', '-x', '\t-x', '\tx', '\vx', '\fx', '\x00x',
    '\x1fx', '\x7fx', ' \x7f', '!!!', ' !!!', '!!!\n', '!!!\r\n\r\n', '!!!\n/', '}\n/x', '/', '//', ' //\n', 'a/b', 'http://x.io/a?b=1&c=2',
    '  ', '   x', '   ', 'x   ', 'x \n y', 'x\n\n\ny', ' \n \n x', '\n ', '\n  x', '\r', '\r\r\n', ' \t \n\t x', '\t\t', '\t\tx', '\v\f', 'a\u000bb',
    '{"a": [1, 2, {"b": "c"}]}', '{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}', '<|endoftext|>', '<|im_start|>user',
    // Past ASCII: letters, marks, digits and spaces the hand cannot judge.
    'café', 'CAFÉ', 'naïve', 'e\u0301', 'A\u0301b', 'x\u00a0y', 'x \u00a0y', '12٣', '1²', 'Ⅻ', ' 東京', '"東', "it'ſ", 'ǅx', 'ʰx', '😀', ' 😀', 'a😀b',
    "x'\u00e9", 'x\u2028y', '\u3000x', '\ufeffx', '!\u00e9', ' \u00e9', '1\u00e9',
    'a'.repeat(2000), 'A'.repeat(500) + 'b', ' '.repeat(1000), ' '.repeat(1000) + 'x', '\n'.repeat(300) + ' ', '9'.repeat(1001), '!'.repeat(999) + '\n/',
  ];
  for (const text of texts) assertSamePieces(text);
  assert.equal(asciiPieceEnd('abcé', 0), -1);
  assert.equal(asciiPieceEnd('12٣', 0), -1);
  assert.equal(asciiPieceEnd('  \u00a0', 0), -1);
  assert.equal(asciiPieceEnd("it's", 0), 4);
  assert.equal(asciiPieceEnd('   x', 0), 2);
});

test('pieces by hand equal the pattern on 300,000 random strings over a small alphabet', (t) => {
  // Letters of the contractions in both cases, digits, every kind of ASCII space, apostrophes,
  // slashes, other punctuation and controls, and a few characters past ASCII of each class.
  const alphabet = [...'aAsSdDmMtTlLvVeErRxZ019', ' ', ' ', '\t', '\n', '\r', '\v', '\f', "'", "'", '/', '.', '"', '{', '!', '\x00', '\x1f', '\x7f', 'é', '\u0301', '\u00a0', '٣', '東', '😀'];
  let state = 2024;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  used.hand = used.pattern = 0;
  for (let i = 0; i < 300_000; i++) {
    // Mostly ASCII (the alphabet's first 38 characters); a quarter of the strings may hold the rest.
    const range = i % 4 === 0 ? alphabet.length : alphabet.length - 6;
    let text = '';
    const length = next() % 24;
    for (let k = 0; k < length; k++) text += alphabet[(next() >>> 8) % range];
    assertSamePieces(text);
  }
  t.diagnostic(`${used.hand} pieces by hand, ${used.pattern} by the pattern`);
  assert.ok(used.hand > 2_000_000 && used.pattern > 50_000, `${used.hand} pieces by hand, ${used.pattern} by the pattern`);
});
