// The pair index's fast paths (core/eval/sequenceIndex.ts) against CPython's difflib (python3,
// when present): codes below 128 serving as their own ids (asciiSequenceRatio, which trusts its
// caller, and the checked entries), the id table for anything else (astral characters, lone
// surrogates, accents, on either side only), and the two ways a range with blo > 0 finds b2j's
// first index (a pass over a narrow b, a walk of the chain for a wide one). Adversarial pairs:
// empty sides, characters repeated past autojunk's threshold (b of 200+), long shared runs,
// a short a against a long b and the reverse. The work counters show each path was taken.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { asciiSequenceRatio, matchingBlocks, sequenceRatio } from '../../../core/eval/difflib.ts';
import { indexWork } from '../../../core/eval/sequenceIndex.ts';
import { mulberry32 } from '../../../core/random.ts';

const random = mulberry32(20261210);
const int = (n: number): number => Math.floor(random() * n);
const ASCII = ['ab', 'aab ', '{}": ,ab01', 'abcdefghijklmnopqrstuvwxyz0123456789 ', '\u0000\u007f"\\'];
const WIDE = ['a\u{1F600}b\u00e9', 'x\u{1F600}\u{1F601}\ud800y', '\u00e9\u00e8 ', '\udc00a\ud83d'];

function text(length: number, alphabet: string): string {
  const chars = Array.from(alphabet);
  let out = '';
  for (let k = 0; k < length; k++) out += chars[int(chars.length)];
  return out;
}

// `base` with a few pieces replaced, inserted or deleted (in code points).
function edited(base: string, alphabet: string): string {
  const chars = Array.from(base);
  for (let n = int(6); n >= 0; n--) {
    const at = int(chars.length + 1);
    const piece = Array.from(text(1 + int(5), alphabet));
    const kind = int(3);
    if (kind === 0) chars.splice(at, 0, ...piece);
    else if (kind === 1) chars.splice(at, 1 + int(8));
    else chars.splice(at, piece.length, ...piece);
  }
  return chars.join('');
}

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

const PYTHON = `
import difflib, json, sys
for line in sys.stdin:
    a, b = json.loads(line)
    out = []
    for autojunk in (True, False):
        m = difflib.SequenceMatcher(None, a, b, autojunk=autojunk)
        out.append([[list(x) for x in m.get_matching_blocks()], m.ratio()])
    print(json.dumps(out))
`;

const codes = (s: string): Int32Array => Int32Array.from(Array.from(s), (c) => c.codePointAt(0)!);
const isAscii = (s: string): boolean => /^[\u0000-\u007f]*$/.test(s);

test('the pair index: codes as ids, the id table, narrow and wide ranges equal CPython difflib on 1,510 adversarial pairs (python3 when present)', (t) => {
  if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed');
  const pairs = makePairs();
  const run = spawnSync('python3', ['-c', PYTHON], { input: pairs.map((p) => JSON.stringify(p)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 << 20 });
  assert.equal(run.status, 0, run.stderr);
  const expected = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as [[number, number, number][], number][]);
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
