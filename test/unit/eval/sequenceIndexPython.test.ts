// The pair index's fast paths (core/eval/sequenceIndex.ts) against CPython's difflib (python3,
// when present): codes below 128 serving as their own ids (asciiSequenceRatio, which trusts its
// caller, and the checked entries), the id table for anything else (astral characters, lone
// surrogates, accents, on either side only), and the two ways a range with blo > 0 finds b2j's
// first index (a pass over a narrow b, a walk of the chain for a wide one). Adversarial pairs:
// empty sides, characters repeated past autojunk's threshold (b of 200+), long shared runs,
// a short a against a long b and the reverse. The work counters show each path was taken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asciiSequenceRatio, matchingBlocks, sequenceRatio } from '../../../core/eval/difflib.ts';
import { indexWork } from '../../../core/eval/sequenceIndex.ts';
import { cpythonDifflib, hasPython3, seededTexts } from '../../helpers/difflibPairs.ts';

const { random, int, text, edited: editedBy } = seededTexts(20261210);
const ASCII = ['ab', 'aab ', '{}": ,ab01', 'abcdefghijklmnopqrstuvwxyz0123456789 ', '\u0000\u007f"\\'];
const WIDE = ['a\u{1F600}b\u00e9', 'x\u{1F600}\u{1F601}\ud800y', '\u00e9\u00e8 ', '\udc00a\ud83d'];
const edited = (base: string, alphabet: string): string => editedBy(base, alphabet, { edits: 6, piece: 5, cut: 8 });

// A long shared middle with short differing ends, one side long: the ranges left beside the
// middle are narrow on one side and wide on the other.
function lopsided(alphabet: string): [string, string] {
  const middle = text(20 + int(40), alphabet);
  const short = text(int(4), alphabet) + middle + text(int(4), alphabet);
  const long = text(int(300), alphabet) + middle + text(int(300), alphabet);
  return random() < 0.5 ? [short, long] : [long, short];
}

function makePairs(): [string, string][] {
  const pairs: [string, string][] = [
    ['', ''], ['', 'abc'], ['abc', ''], ['\u{1F600}', ''], ['', '\ud800'],
    ['a'.repeat(250), 'a'.repeat(240) + 'b'], ['ab'.repeat(150), 'ba'.repeat(150)], ['a'.repeat(201), 'a'.repeat(201)],
    ['\u{1F600}'.repeat(250), '\u{1F600}'.repeat(230) + 'x'], ['x' + ' '.repeat(300) + 'y', ' '.repeat(199) + 'yx'],
  ];
  for (let n = 0; n < 1500; n++) {
    const ascii = random() < 0.6;
    const alphabet = (ascii ? ASCII : WIDE)[int(ascii ? ASCII.length : WIDE.length)];
    const kind = int(5);
    if (kind === 0) {
      pairs.push(lopsided(alphabet));
      continue;
    }
    const length = [int(10), int(120), 190 + int(30), 200 + int(600)][int(4)];
    const a = text(length, alphabet);
    if (kind === 1) pairs.push([a, text(int(length + 3), alphabet)]);
    else if (kind === 2) pairs.push([a, edited(a, alphabet)]);
    else if (kind === 3) pairs.push([edited(a, alphabet), a]);
    // One side ASCII, the other not: the id table, with codes of a absent from b.
    else pairs.push(random() < 0.5 ? [a, edited(a, WIDE[int(WIDE.length)])] : [edited(a, WIDE[int(WIDE.length)]), a]);
  }
  return pairs;
}

const codes = (s: string): Int32Array => Int32Array.from(Array.from(s), (c) => c.codePointAt(0)!);
const isAscii = (s: string): boolean => /^[\u0000-\u007f]*$/.test(s);

test('the pair index: codes as ids, the id table, narrow and wide ranges equal CPython difflib on 1,510 adversarial pairs (python3 when present)', (t) => {
  if (!hasPython3()) return t.skip('python3 is not installed');
  const pairs = makePairs();
  const expected = cpythonDifflib(pairs);
  assert.equal(expected.length, 1510);
  const before = { ...indexWork };
  let asciiTested = 0;
  let autojunkChanges = 0;
  pairs.forEach(([a, b], n) => {
    const [withJunk, without] = expected[n];
    const label = `pair ${n}: ${JSON.stringify([a.slice(0, 40), b.slice(0, 40)])}`;
    assert.deepEqual(matchingBlocks(a, b), withJunk[0], label);
    assert.equal(sequenceRatio(a, b), withJunk[1], label);
    assert.deepEqual(matchingBlocks(a, b, { autojunk: false }), without[0], label);
    assert.equal(sequenceRatio(a, b, { autojunk: false }), without[1], label);
    if (isAscii(a) && isAscii(b)) {
      // The trusted entry, on the codes themselves.
      const x = codes(a);
      const y = codes(b);
      assert.equal(asciiSequenceRatio(x, x.length, y, y.length, true), withJunk[1], label);
      assert.equal(asciiSequenceRatio(x, x.length, y, y.length, false), without[1], label);
      asciiTested++;
    }
    if (withJunk[1] !== without[1]) autojunkChanges++;
  });
  const work = Object.fromEntries(Object.entries(indexWork).map(([k, v]) => [k, v - before[k as keyof typeof before]]));
  console.log(JSON.stringify({ asciiTested, autojunkChanges, ...work }));
  // Every path was taken, many times.
  assert.ok(asciiTested >= 600, `${asciiTested} ASCII pairs through asciiSequenceRatio`);
  assert.ok(work.asciiPairs >= 4 * 600, `${work.asciiPairs} pairs indexed by their codes`);
  assert.ok(autojunkChanges >= 100, `${autojunkChanges} pairs where autojunk changes the ratio`);
  assert.ok(work.codePointPairs >= 4 * 500, `${work.codePointPairs} pairs indexed by the id table`);
  assert.ok(work.scannedRanges >= 10_000, `${work.scannedRanges} ranges started by a pass over b`);
  assert.ok(work.walkedRanges >= 1_000, `${work.walkedRanges} ranges started by walking b2j`);
});
