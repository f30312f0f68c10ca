// core/eval/difflib.ts against CPython's difflib itself (python3, when present) on thousands of
// seeded pairs: random strings over small alphabets (repeated characters, autojunk's popular
// elements), edited copies (long shared runs, which rows sampling finds), code points outside the
// BMP and lone surrogates (Python compares code points, JS strings are UTF-16), empty strings and
// canonical argument JSON. Matching blocks are compared, not only ratios, so every tie-break shows.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchingBlocks, sequenceRatio } from '../../../core/eval/difflib.ts';
import { cpythonDifflib, hasPython3, seededTexts } from '../../helpers/difflibPairs.ts';

const { random, int, text: randomText, edited: editedBy } = seededTexts(20261206);
const ALPHABETS = ['ab', 'abc', 'aab ', 'abcdefgh', '{}": ,ab01', 'a\u{1F600}b\u00e9', 'x\u{1F600}\u{1F601}\ud800y', 'abcdefghijklmnopqrstuvwxyz0123456789 '];
const edited = (text: string, alphabet: string): string => editedBy(text, alphabet, { edits: 8, piece: 6, cut: 6 });

function argumentsJson(): string {
  const city = ['Paris', 'São Paulo', 'Zürich', 'New York', '\u{1F600} town'][int(5)];
  const words = randomText(int(400), 'abcdefghij klmnop');
  return JSON.stringify({ city, days: int(10), include_hourly: random() < 0.5, query: words, unit: random() < 0.5 ? 'celsius' : 'fahrenheit' }).replace(/,"/g, ', "').replace(/":/g, '": ');
}

function makePairs(): [string, string][] {
  // Fixed pairs: empty sides, and repetitive ones where every sampled row meets the same runs.
  const pairs: [string, string][] = [['', ''], ['', 'abc'], ['abc', ''], ['a'.repeat(250), 'a'.repeat(240) + 'b'], ['ab'.repeat(150), 'ba'.repeat(150)], ['a'.repeat(600), 'a'.repeat(599)], ['abc'.repeat(200) + 'x', 'x' + 'abc'.repeat(190)]];
  for (let n = 0; n < 1200; n++) {
    const alphabet = ALPHABETS[int(ALPHABETS.length)];
    const length = [int(12), int(80), 150 + int(120), 190 + int(30), 300 + int(500)][int(5)];
    const a = randomText(length, alphabet);
    const kind = int(3);
    if (kind === 0) pairs.push([a, randomText(int(length + 2), alphabet)]);
    else if (kind === 1) pairs.push([edited(a, alphabet), a]);
    else pairs.push([a, edited(a, alphabet)]);
  }
  for (let n = 0; n < 300; n++) {
    const a = argumentsJson();
    pairs.push(random() < 0.5 ? [edited(a, '{}": ,ab01'), a] : [a, argumentsJson()]);
  }
  return pairs;
}

test('difflib equals CPython difflib on 1,507 seeded pairs: blocks and ratio, with and without autojunk (python3 when present)', (t) => {
  if (!hasPython3()) return t.skip('python3 is not installed');
  const pairs = makePairs();
  const expected = cpythonDifflib(pairs);
  assert.equal(expected.length, 1507);
  let autojunkChanges = 0;
  let long = 0;
  pairs.forEach(([a, b], n) => {
    const [withJunk, without] = expected[n];
    const label = `pair ${n}: ${JSON.stringify([a.slice(0, 40), b.slice(0, 40)])}`;
    assert.deepEqual(matchingBlocks(a, b), withJunk[0], label);
    assert.equal(sequenceRatio(a, b), withJunk[1], label);
    assert.deepEqual(matchingBlocks(a, b, { autojunk: false }), without[0], label);
    assert.equal(sequenceRatio(a, b, { autojunk: false }), without[1], label);
    if (withJunk[1] !== without[1]) autojunkChanges++;
    if (Array.from(b).length >= 200) long++;
  });
  // The pairs reach what they are meant to: b long enough for autojunk, and pairs where it matters.
  assert.ok(long >= 400, `${long} pairs with b of 200+ code points`);
  assert.ok(autojunkChanges >= 50, `${autojunkChanges} pairs where autojunk changes the ratio`);
});
