// The near-duplicate hashing was rewritten for speed (scratch arrays, no joined shingle strings,
// hash-major MinHash). These references are the previous implementation, kept verbatim in
// spirit: every shingle set and signature must be the same, so the same pairs are found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { minHashSignature } from '../../../core/stats/minHash.ts';
import { asciiWords, conversationParts, conversationShingles, conversationWords, lastPartsTextHash, normalisedWords, partsTextHash, shingleHashes } from '../../../core/stats/shingles.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';

function referenceFnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function referenceFmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function referenceShingles(words: string[]): Uint32Array {
  const set = new Set<number>();
  if (words.length > 0 && words.length < 3) set.add(referenceFnv1a(words.join(' ')));
  for (let i = 0; i + 3 <= words.length; i++) set.add(referenceFnv1a(words.slice(i, i + 3).join(' ')));
  return Uint32Array.from(set).sort();
}

const SEEDS = Uint32Array.from({ length: 64 }, (_, i) => referenceFmix32((i + 1) * 0x9e3779b9));

function referenceSignature(shingles: Uint32Array): Uint32Array {
  const signature = new Uint32Array(64).fill(0xffffffff);
  for (const h of shingles) {
    for (let k = 0; k < 64; k++) {
      const v = referenceFmix32(h ^ SEEDS[k]);
      if (v < signature[k]) signature[k] = v;
    }
  }
  return signature;
}

/** Deterministic pseudo-random word lists: short vocabularies (repeated shingles), non-ASCII and astral words, every length from 0. */
function* wordLists(): Generator<string[]> {
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const vocabulary = ['the', 'a', 'weather', 'in', 'paris', '0', 'é', 'naïve', '東京', '𝒳', 'get_weather', 'city', 'x'.repeat(300)];
  for (let n = 0; n < 40; n++) yield Array.from({ length: n }, () => vocabulary[next() % vocabulary.length]);
  for (let round = 0; round < 300; round++) {
    const size = next() % 2000;
    const vocab = 2 + (next() % vocabulary.length - 1);
    yield Array.from({ length: size }, () => vocabulary[next() % vocab] + (next() % 4 === 0 ? String(next() % 50) : ''));
  }
  // Longer than the initial scratch (1024 shingles), then shorter again.
  yield Array.from({ length: 5000 }, (_, i) => `w${i}`);
  yield ['only', 'two'];
}

test('shingleHashes and minHashSignature equal the previous implementation on 342 word lists', () => {
  let lists = 0;
  let nonEmpty = 0;
  for (const words of wordLists()) {
    const shingles = shingleHashes(words);
    const expected = referenceShingles(words);
    assert.deepEqual(shingles, expected, `shingles of ${words.length} words`);
    if (shingles.length > 0) {
      assert.deepEqual(minHashSignature(shingles), referenceSignature(expected), `signature of ${words.length} words`);
      nonEmpty++;
    }
    lists++;
  }
  assert.equal(lists, 342);
  assert.equal(nonEmpty, 341);
});

test('shingleHashes: repeated shingles are kept once, and a text shorter than a shingle is one shingle', () => {
  assert.deepEqual(shingleHashes(['a', 'b', 'a', 'b', 'a']), Uint32Array.from(new Set([referenceFnv1a('a b a'), referenceFnv1a('b a b')])).sort());
  assert.deepEqual(shingleHashes(['one', 'two']), Uint32Array.of(referenceFnv1a('one two')));
  assert.deepEqual(shingleHashes([]), new Uint32Array(0));
});

test('asciiWords equals the Unicode regular-expression words on fixture texts, generated and adversarial ASCII, and gives up on anything else', () => {
  const texts: string[][] = [];
  for (const file of ['stats/mixed.jsonl', 'stats/real-excerpt.jsonl.txt', 'stats/drone-excerpt.jsonl']) {
    for (const line of readFileSync(path.join(__dirname, '../../fixtures', file), 'utf8').split('\n')) texts.push(line.split(/(?<=")/));
  }
  let state = 5;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const palette = ['a', 'Z', 'Hello', 'WORLD', '0', '42', '007', 'x9y', ' ', '\t', '\n', '_', '-', "'", '"', '{', '}', ':', ',', '.', '/', '\\', '~', '\x00', '\x7f', 'get_weather', 'ABC123def'];
  for (let i = 0; i < 3000; i++) texts.push(Array.from({ length: next() % 5 }, () => Array.from({ length: next() % 40 }, () => palette[next() % palette.length]).join('')));
  texts.push([''], [], ['', ''], ['9'.repeat(500)], ['A'.repeat(500) + '1'], ['a1', '2b'], ['x', '', 'y']);
  let compared = 0;
  for (const parts of texts) {
    assert.deepEqual(asciiWords(parts), normalisedWords(parts.join(' ')), JSON.stringify(parts).slice(0, 120));
    compared++;
  }
  assert.equal(compared, texts.length);
  for (const parts of [['caf\u00e9'], ['ok', '\u0130stanbul'], ['\u00bd'], ['a\u00a0b'], ['\u{1d4b3}'], ['Ⅻ']]) assert.equal(asciiWords(parts), undefined);
});

test('conversationShingles (ASCII words from a buffer) equals shingleHashes of conversationWords on fixture examples and generated conversations, non-ASCII included; it leaves FNV-1a of the joined parts for lastPartsTextHash', () => {
  const examples: Example[] = [];
  const fixtures = path.join(__dirname, '../../fixtures');
  for (const file of ['stats/mixed.jsonl', 'stats/real-excerpt.jsonl.txt', 'stats/drone-excerpt.jsonl']) {
    readFileSync(path.join(fixtures, file), 'utf8').split('\n').forEach((text, index) => {
      const example = readExample({ index, text });
      if (typeof example !== 'string') examples.push(example);
    });
  }
  let state = 9;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const palette = ['a', 'Z', 'Hello', 'WORLD', '0', '42', '007', 'x9y', ' ', '\t', '\n', '_', '-', "'", '"', '{', '}', ':', ',', '.', '/', '\\', '\x00', '\x7f', 'get_weather', 'ABC123def', 'A1b2C3'];
  const text = (words: number) => Array.from({ length: words }, () => palette[next() % palette.length]).join('');
  for (let i = 0; i < 3000; i++) {
    const messages: Record<string, unknown>[] = [{ role: 'system', content: text(20) }];
    for (let m = next() % 5; m >= 0; m--) {
      messages.push({ role: 'user', content: next() % 7 === 0 ? [{ type: 'text', text: text(next() % 30) }, { type: 'image_url' }] : text(next() % 60) });
      const args = next() % 3 === 0 ? { city: text(3), n: next() % 100 } : text(next() % 20);
      messages.push({ role: 'assistant', content: next() % 2 ? null : text(next() % 10), tool_calls: [{ id: 'c', type: 'function', function: { name: text(2), arguments: args } }] });
      if (i % 50 === 0) messages.push({ role: 'user', content: 'caf\u00e9 ' + text(5) });
    }
    examples.push({ line: i + 1, value: { messages }, messages });
  }
  // Past the buffers' first sizes (65,536 characters, 4,096 words), then a short one after them.
  for (const words of [5_000, 30_000, 3]) {
    const messages = [{ role: 'user', content: Array.from({ length: words }, () => palette[next() % palette.length] + 'w').join(' ') }];
    examples.push({ line: examples.length + 1, value: { messages }, messages });
  }
  let nonAscii = 0;
  let shingles = 0;
  for (const example of examples) {
    const fast = conversationShingles(example).slice();
    const joined = referenceFnv1a(conversationParts(example).join(' '));
    assert.equal(lastPartsTextHash() >>> 0, joined);
    assert.equal(partsTextHash(conversationParts(example)) >>> 0, joined);
    const words = conversationWords(example);
    assert.deepEqual(fast, shingleHashes(words), JSON.stringify(example.messages).slice(0, 120));
    if (words.some((w) => /[^\x00-\x7f]/.test(w))) nonAscii++;
    shingles += fast.length;
  }
  assert.ok(examples.length > 3000 && nonAscii >= 60 && shingles > 100_000, `${examples.length} examples, ${nonAscii} with non-ASCII words, ${shingles} shingles`);
});
