import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BandBuckets } from '../../../core/stats/bandBuckets.ts';

test('BandBuckets: a key is its band and all four values, found again after the table grows', () => {
  const buckets = new BandBuckets();
  const sig = (a: number, b: number, c: number, d: number) => Uint32Array.of(7, a, b, c, d); // values at offset 1
  const first = buckets.add(3, sig(1, 2, 3, 4), 1, 10);
  assert.equal(buckets.find(3, sig(1, 2, 3, 4), 1), first);
  assert.equal(buckets.find(4, sig(1, 2, 3, 4), 1), -1); // another band
  assert.equal(buckets.find(3, sig(1, 2, 3, 5), 1), -1); // the last value differs
  assert.equal(buckets.find(3, sig(0xffffffff, 2, 3, 4), 1), -1);
  buckets.push(first, 11);
  buckets.push(first, 12);
  assert.deepEqual(buckets.members(first), [10, 11, 12]);
  assert.deepEqual([0, 1, 2].map((i) => buckets.member(first, i)), [10, 11, 12]);
  assert.equal(buckets.memberCount(first), 3);
  // 100,000 more buckets: the table grows several times; every key still finds its own bucket.
  for (let i = 0; i < 100_000; i++) buckets.add(i % 16, sig(i, i * 7, 0xffffffff - i, 5), 1, 1000 + i);
  assert.equal(buckets.size, 100_001);
  for (let i = 0; i < 100_000; i += 997) assert.deepEqual(buckets.members(buckets.find(i % 16, sig(i, i * 7, 0xffffffff - i, 5), 1)), [1000 + i]);
  assert.deepEqual(buckets.members(buckets.find(3, sig(1, 2, 3, 4), 1)), [10, 11, 12]);
});
