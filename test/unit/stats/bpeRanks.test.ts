// The compact rank table (bpeRanks.ts) must answer every lookup as gpt-tokenizer 4 does and count
// each piece as its countNative does (the string lookup, then bytePairEncode), quirks included:
// a token that starts with a byte order mark is kept as bytes and never found, and bytes that
// start with one are looked up without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { BpeRanks, packRanks } from '../../../core/stats/bpeRanks.ts';
import { writeUtf8 } from '../../../core/stats/utf8Bytes.ts';

interface Core {
  bytePairRankDecoder: (string | number[])[];
  tokenSplitRegex: RegExp;
  getBpeRankFromString(piece: string): number | undefined;
  getBpeRankFromBytes(bytes: Uint8Array): number | undefined;
  bytePairEncode(piece: string): number[];
}
const cores: Record<string, Core> = {
  o200k_base: require('gpt-tokenizer/encoding/o200k_base').default.bytePairEncodingCoreProcessor,
  cl100k_base: require('gpt-tokenizer/encoding/cl100k_base').default.bytePairEncodingCoreProcessor,
};

/** What countNative adds for one piece. */
const expectedTokens = (core: Core, piece: string) => (core.getBpeRankFromString(piece) !== undefined ? 1 : core.bytePairEncode(piece).length);

function* fixtureTexts(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) yield* fixtureTexts(file);
    else if (/\.(jsonl|json|md|txt|jinja)$/.test(name)) yield* readFileSync(file, 'utf8').split('\n');
  }
}

function random(seed: number): () => number {
  let state = seed;
  return () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
}

/** Strings over characters that meet every branch: ASCII, 2-, 3- and 4-byte UTF-8, byte order marks, lone surrogates. */
function* oddStrings(count: number): Generator<string> {
  const palette = ['a', 'b', 'e', 'r', ' ', '\n', '.', '{', '"', 'é', 'ß', 'й', '東', '京', '한', '\u0301', '\uFEFF', '\uFFFD', '😀', '👋', '\uD800', '\uDC00', '\uDBFF', '\u00A0', '\u2028', 'ing', 'using', 'name'];
  const next = random(7);
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = 1 + (next() % 8);
    for (let k = 0; k < length; k++) text += palette[next() % palette.length];
    yield text;
  }
}

for (const [name, core] of Object.entries(cores)) {
  const ranks = BpeRanks.fromRankDecoder(core.bytePairRankDecoder)!;

  test(`${name}: every token's bytes, and bytes near them, get gpt-tokenizer's getBpeRankFromBytes`, () => {
    assert.ok(ranks, 'the rank array packs');
    const encoder = new TextEncoder();
    let found = 0;
    let compared = 0;
    const next = random(11);
    const check = (bytes: Uint8Array) => {
      const expected = core.getBpeRankFromBytes(bytes) ?? -1;
      assert.equal(ranks.rankOfBytes(bytes, 0, bytes.length), expected, `bytes ${[...bytes].join(',')}`);
      if (expected !== -1) found++;
      compared++;
    };
    core.bytePairRankDecoder.forEach((token, rank) => {
      const bytes = typeof token === 'string' ? encoder.encode(token) : Uint8Array.from(token);
      check(bytes);
      // One byte changed or dropped, or a byte order mark put before.
      if (rank % 7 === 0) check(Uint8Array.from([...bytes.subarray(0, -1), next() & 0xff]));
      if (rank % 7 === 1 && bytes.length > 1) check(bytes.subarray(1));
      if (rank % 13 === 0) check(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]));
    });
    assert.equal(compared, name === 'o200k_base' ? 272_489 : 136_577);
    assert.equal(found, name === 'o200k_base' ? 226_409 : 115_979);
  });

  test(`${name}: each piece of fixture and odd text counts as gpt-tokenizer counts it`, () => {
    const pattern = new RegExp(core.tokenSplitRegex.source, core.tokenSplitRegex.flags.replace('g', '') + 'g');
    let compared = 0;
    let tokens = 0;
    const checkPiece = (piece: string) => {
      const expected = expectedTokens(core, piece);
      // Counted where it lies in a longer text, as the counting loop asks.
      const text = `x${piece}y`;
      assert.equal(ranks.pieceTokens(text, 1, 1 + piece.length), expected, JSON.stringify(piece));
      compared++;
      tokens += expected;
    };
    for (const text of fixtureTexts(path.join(__dirname, '../../fixtures'))) for (const [piece] of text.matchAll(pattern)) checkPiece(piece);
    for (const text of oddStrings(20_000)) {
      checkPiece(text);
      for (const [piece] of text.matchAll(pattern)) checkPiece(piece);
    }
    for (const piece of ['\uFEFF', '\uFEFFusing', '\uFEFF\uFEFF', '\uFEFF\n\n', '\uD800', 'a\uDC00b', '\uD83D', 'x'.repeat(600), 'é'.repeat(400), '😀'.repeat(300)]) checkPiece(piece);
    assert.ok(compared > 40_000 && tokens > 100_000, `${compared} pieces, ${tokens} tokens compared`);
  });
}

test('packRanks hides the byte tokens that start with a byte order mark and rejects tables lookups by bytes could not answer alike', () => {
  const o200k = packRanks(cores.o200k_base.bytePairRankDecoder)!;
  assert.deepEqual(o200k.hidden, [5574, 9251, 42295, 44173, 61992, 67837, 76234, 110862, 135153]);
  assert.equal(o200k.lengths.length, 199_998);
  assert.equal(o200k.bytes.length, 1_397_670);
  assert.deepEqual(packRanks(cores.cl100k_base.bytePairRankDecoder)!.hidden, [3305, 4117, 18706, 35866, 43372, 62619, 82823, 98933]);
  assert.deepEqual(packRanks(['a', 'b', [0xef, 0xbb, 0xbf]]), { bytes: Uint8Array.from([0x61, 0x62, 0xef, 0xbb, 0xbf]), lengths: Uint8Array.from([1, 1, 3]), hidden: [2] });
  // A hole, a lone surrogate, valid UTF-8 kept as bytes, an empty token.
  const holed: string[] = ['a'];
  holed[2] = 'b';
  assert.equal(packRanks(holed), undefined);
  assert.equal(packRanks(['a', '\uD800']), undefined);
  assert.equal(packRanks(['a', [0x62]]), undefined);
  assert.equal(packRanks(['a', '']), undefined);
  // Two tokens with the same bytes.
  assert.equal(packRanks(['a', 'b', 'a']), undefined);
  assert.equal(packRanks(['a', [0xff], [0xff]]), undefined);
  assert.equal(BpeRanks.fromRankDecoder(['a', 'b', 'a']), undefined);
  assert.ok(BpeRanks.fromRankDecoder(['a', 'b', 'ab']));
});

test('writeUtf8 writes what TextEncoder writes and tells a lone surrogate', () => {
  const encoder = new TextEncoder();
  const out = new Uint8Array(64);
  let lone = 0;
  for (const text of oddStrings(5_000)) {
    const written = writeUtf8(`<${text}>`, 1, 1 + text.length, out);
    const length = written < 0 ? ~written : written;
    assert.deepEqual(out.subarray(0, length), encoder.encode(text), JSON.stringify(text));
    assert.equal(written < 0, /[\uD800-\uDFFF]/u.test(text));
    if (written < 0) lone++;
  }
  assert.equal(lone, 2_529);
});
