// FileRules finds a line's first copy (TC702) by its content key's sample in an open-addressed
// table (contentIndex.ts), comparing keys only when samples match. Held to a Map of the keys on
// random keys whose samples are forced to collide, across the table's growth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ContentIndex } from '../../../core/checks/contentIndex.ts';
import { contentSampleOf } from '../../../core/checks/lineFacts.ts';
import { mulberry32 } from '../../../core/random.ts';

/** The first line of each key, or -1, as a Map says; and as the index says, given `sampleOf`. */
function firstLines(keys: string[], sampleOf: (key: string) => number): { expected: number[]; found: number[] } {
  const map = new Map<string, number>();
  const index = new ContentIndex();
  const expected: number[] = [];
  const found: number[] = [];
  keys.forEach((key, line) => {
    const first = map.get(key);
    if (first === undefined) map.set(key, line);
    expected.push(first ?? -1);
    found.push(index.firstOrAdd(key, sampleOf(key), line));
  });
  return { expected, found };
}

/** `count` keys drawn from `distinct` random ones (so about count - distinct copies), some of them prefixes of others. */
function randomKeys(seed: number, count: number, distinct: number): string[] {
  const random = mulberry32(seed);
  const pool: string[] = [];
  for (let i = 0; i < distinct; i++) {
    const base = Math.floor(random() * 1e9).toString(36);
    pool.push(random() < 0.2 && pool.length > 0 ? pool[pool.length - 1] + base : base);
  }
  return Array.from({ length: count }, () => pool[Math.floor(random() * distinct)]!);
}

test('the index finds the first line of each key, as a Map does, whatever the samples', () => {
  const keys = randomKeys(7, 30_000, 12_000);
  const samplers: [string, (key: string) => number][] = [
    ['one sample for all', () => 42],
    ['three samples', (key) => key.length % 3],
    ['negative and large samples', (key) => (key.charCodeAt(0) & 1 ? -1 : 2 ** 31 - 1)],
    ['samples that are not int32', (key) => 2 ** 32 + key.length],
    ['contentSampleOf', contentSampleOf],
  ];
  for (const [name, sampleOf] of samplers) {
    const { expected, found } = firstLines(name === 'contentSampleOf' ? keys : keys.slice(0, 3_000), sampleOf);
    assert.deepEqual(found, expected, name);
  }
  const copies = firstLines(keys, contentSampleOf).expected.filter((first) => first !== -1).length;
  assert.ok(copies > 15_000 && copies < 30_000, `copies: ${copies}`);
});

test('content keys of two digests: sampled from the last digest or the whole key alike', () => {
  const sha1 = (text: string) => createHash('sha1').update(text).digest('base64');
  const keys: string[] = [];
  for (let i = 0; i < 5_000; i++) {
    const last = sha1(`rest ${i % 2_000}`);
    const key = i % 3 === 0 ? last : sha1(`member ${i % 7}`) + last;
    assert.equal(contentSampleOf(key), contentSampleOf(last));
    keys.push(key);
  }
  const { expected, found } = firstLines(keys, contentSampleOf);
  assert.deepEqual(found, expected);
});
