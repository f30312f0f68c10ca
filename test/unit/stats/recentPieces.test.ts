// The table of recent pieces (recentPieces.ts) answers a count by where a piece lies in its text;
// it must find exactly the pieces added since it last started over, and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_PIECE_CHARS, RecentPieces, pieceHash } from '../../../core/stats/recentPieces.ts';
import { piecewiseCount } from '../../../core/stats/tokens.ts';

test('RecentPieces: finds a piece by its range in any text, with its count; other ranges and long pieces are not found', () => {
  const recent = new RecentPieces();
  const text = 'say " the weather" and " them"';
  const at = (piece: string, within = text) => [within.indexOf(piece), within.indexOf(piece) + piece.length] as const;
  const [s, e] = at(' the');
  recent.add(text, s, e, pieceHash(text, s, e), 1);
  const other = 'x the';
  const [s2, e2] = at(' the', other);
  assert.equal(recent.find(other, s2, e2, pieceHash(other, s2, e2)), 1);
  // A prefix, a longer piece and a same-length piece with other characters are other pieces.
  assert.equal(recent.find(text, s, e - 1, pieceHash(text, s, e - 1)), -1);
  const [s3, e3] = at(' them');
  assert.equal(recent.find(text, s3, e3, pieceHash(text, s3, e3)), -1);
  const [s4, e4] = at('weat');
  assert.equal(recent.find(text, s4, e4, pieceHash(text, s4, e4)), -1);
  // The same hash with other characters (a forced collision) is not a hit either.
  assert.equal(recent.find('xabc', 0, 4, pieceHash(text, s, e)), -1);
  const long = 'a'.repeat(MAX_PIECE_CHARS + 1);
  recent.add(long, 0, long.length, pieceHash(long, 0, long.length), 7);
  assert.equal(recent.find(long, 0, long.length, pieceHash(long, 0, long.length)), -1);
  const edge = 'b'.repeat(MAX_PIECE_CHARS);
  recent.add(edge, 0, edge.length, pieceHash(edge, 0, edge.length), 9);
  assert.equal(recent.find(edge, 0, edge.length, pieceHash(edge, 0, edge.length)), 9);
});

test('RecentPieces: agrees with a Map of the pieces added since it last started over, over 200,000 random steps', () => {
  const recent = new RecentPieces();
  // What the table holds: every piece added since the last start-over (16,384 entries or 262,144 characters).
  let held = new Map<string, number>();
  let heldChars = 0;
  let state = 11;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const alphabet = ' aeéZ0"\':{}\n東😀';
  let hits = 0;
  let starts = 0;
  for (let step = 0; step < 200_000; step++) {
    const length = 1 + (next() % (next() % 50 === 0 ? 300 : 6));
    let piece = '';
    for (let k = 0; k < length; k++) piece += alphabet[next() % alphabet.length];
    const prefix = 'p'.repeat(next() % 3);
    const text = prefix + piece + 'q';
    const hash = pieceHash(text, prefix.length, prefix.length + piece.length);
    const found = recent.find(text, prefix.length, prefix.length + piece.length, hash);
    assert.equal(found, held.get(piece) ?? -1, JSON.stringify(piece));
    if (found !== -1) {
      hits++;
      continue;
    }
    const count = next() % 5;
    if (piece.length <= MAX_PIECE_CHARS) {
      if (held.size === 16_384 || heldChars + piece.length > 16_384 * 16) {
        held = new Map();
        heldChars = 0;
        starts++;
      }
      held.set(piece, count);
      heldChars += piece.length;
    }
    recent.add(text, prefix.length, prefix.length + piece.length, hash, count);
  }
  assert.ok(hits > 20_000 && starts > 2, `${hits} hits, ${starts} start-overs`);
});

test('piecewiseCount falls back to a searching loop for a split pattern that skips text or matches empty text, with the same counts as matchAll', () => {
  // A made-up encoder: pieces are runs of letters (a pattern that skips everything else) or an
  // empty match before "!"; its tokens are the letters, "ab" and "abc", so a run's count is its
  // length once each "abc" and "ab" is one token (byte-pair merging: "abcabc" is 2).
  const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i));
  const module = {
    default: { bytePairEncodingCoreProcessor: { tokenSplitRegex: /[a-z]+|(?=!)/gu, bytePairRankDecoder: [...letters, 'ab', 'abc'] } },
  } as unknown as Parameters<typeof piecewiseCount>[0];
  const count = piecewiseCount(module)!;
  const reference = (text: string) => {
    let n = 0;
    for (const [piece] of text.matchAll(/[a-z]+|(?=!)/gu)) if (piece !== '') n += piece.replace(/abc|ab/g, '_').length;
    return n;
  };
  for (const text of ['abc', 'ab cd', '  abc  xyz', '!ab!', 'ab!!cd', '', '12 34', 'abcabc ab']) {
    assert.equal(count(text), reference(text), text);
  }
  assert.deepEqual(['abc', 'ab cd', '  abc  xyz', '!ab!', 'abcabc ab'].map(count), [1, 3, 4, 1, 3]);
});
