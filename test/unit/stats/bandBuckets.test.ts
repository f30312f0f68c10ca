import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BandBuckets } from '../../../core/stats/bandBuckets.ts';

test('BandBuckets: a key is its band and all four values, found again after the table grows', () => {
  const buckets = new BandBuckets(8);
  const sig = (a: number, b: number, c: number, d: number) => Uint32Array.of(7, a, b, c, d); // values at offset 1
  const first = buckets.add(3, sig(1, 2, 3, 4), 1, 10);
  assert.equal(buckets.find(3, sig(1, 2, 3, 4), 1), first);
  assert.equal(buckets.find(4, sig(1, 2, 3, 4), 1), -1); // another band
  assert.equal(buckets.find(3, sig(1, 2, 3, 5), 1), -1); // the last value differs
  assert.equal(buckets.find(3, sig(0xffffffff, 2, 3, 4), 1), -1);
  assert.equal(buckets.push(first, 11), true);
  assert.equal(buckets.push(first, 12), true);
  assert.deepEqual(buckets.members(first), [10, 11, 12]);
  assert.deepEqual([0, 1, 2].map((i) => buckets.member(first, i)), [10, 11, 12]);
  assert.equal(buckets.memberCount(first), 3);
  // A bucket keeps its first 8 members.
  for (let m = 13; m < 13 + 300; m++) assert.equal(buckets.push(first, m), m < 18);
  assert.equal(buckets.memberCount(first), 8);
  assert.deepEqual(buckets.members(first), [10, 11, 12, 13, 14, 15, 16, 17]);
  // 100,000 more buckets: the table grows several times; every key still finds its own bucket.
  for (let i = 0; i < 100_000; i++) buckets.add(i % 16, sig(i, i * 7, 0xffffffff - i, 5), 1, 1000 + i);
  assert.equal(buckets.size, 100_001);
  for (let i = 0; i < 100_000; i += 997) {
    const bucket = buckets.find(i % 16, sig(i, i * 7, 0xffffffff - i, 5), 1);
    assert.deepEqual(buckets.members(bucket), [1000 + i]);
    assert.equal(buckets.memberCount(bucket), 1);
  }
  assert.deepEqual(buckets.members(buckets.find(3, sig(1, 2, 3, 4), 1)), [10, 11, 12, 13, 14, 15, 16, 17]);
  assert.throws(() => new BandBuckets(0), RangeError);
  assert.throws(() => new BandBuckets(256), RangeError);
});

test('BandBuckets: members equal a Map of arrays capped at the capacity, over many blocks, for capacities 1, 2, 3 and 8', () => {
  for (const capacity of [1, 2, 3, 8]) {
    const buckets = new BandBuckets(capacity);
    const reference: number[][] = [];
    let state = 11 + capacity;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    const values = new Uint32Array(4);
    // 30,000 buckets, then 60,000 pushes to random ones, most to a few buckets: past 4,096 blocks (a chunk) of members.
    for (let i = 0; i < 30_000; i++) {
      values[0] = i;
      reference.push([i + 5]);
      assert.equal(buckets.add(i % 16, values, 0, i + 5), i);
    }
    for (let step = 0; step < 60_000; step++) {
      const bucket = next() % 4 === 0 ? next() % 50 : next() % 30_000;
      const member = next() % 1_000_000;
      const kept = reference[bucket].length < capacity;
      if (kept) reference[bucket].push(member);
      assert.equal(buckets.push(bucket, member), kept);
      if (step % 1_000 === 0) assert.deepEqual(buckets.members(bucket), reference[bucket]);
    }
    for (let bucket = 0; bucket < reference.length; bucket++) {
      assert.equal(buckets.memberCount(bucket), reference[bucket].length);
      for (let m = 0; m < reference[bucket].length; m++) assert.equal(buckets.member(bucket, m), reference[bucket][m]);
    }
    assert.ok(reference.filter((members) => members.length > 1).length > (capacity === 1 ? -1 : 4_096));
  }
});

test('BandBuckets: find and add agree with a Map of string keys, including adds that do not follow their own find', () => {
  const buckets = new BandBuckets(8);
  const reference = new Map<string, number>();
  let state = 7;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  // Values from a small range, so keys repeat and many share hash bits; 300,000 steps grow the table several times.
  const randomKey = () => ({ band: next() % 16, values: Uint32Array.of(next() % 9, next() % 9, next() % 9, next() % 300, next() % 2 === 0 ? 0 : 0xffffffff) });
  let pendingMiss: { band: number; values: Uint32Array } | undefined;
  let added = 0;
  for (let step = 0; step < 300_000; step++) {
    const { band, values } = randomKey();
    const name = `${band}:${values.join(',')}`;
    // Preparing a signature (with this key among 16 bands, or with unrelated values) changes no answer of find and add.
    if (step % 4 === 0) buckets.prepare(step % 8 === 0 ? Uint32Array.from({ length: 64 }, (_, i) => values[i % 5]) : Uint32Array.from({ length: 64 }, next), 16, 4);
    const found = buckets.find(band, values, 0);
    assert.equal(found, reference.get(name) ?? -1);
    if (found !== -1) continue;
    // Every third miss is added only after the next miss's find (its remembered slot is stale then).
    if (pendingMiss) {
      const stale = `${pendingMiss.band}:${pendingMiss.values.join(',')}`;
      if (!reference.has(stale)) reference.set(stale, buckets.add(pendingMiss.band, pendingMiss.values, 0, added++));
      pendingMiss = undefined;
      if (reference.has(name)) continue;
    } else if (step % 3 === 0) {
      pendingMiss = { band, values };
      continue;
    }
    reference.set(name, buckets.add(band, values, 0, added++));
  }
  assert.equal(buckets.size, reference.size);
  for (const [name, bucket] of reference) {
    const [band, values] = name.split(':');
    assert.equal(buckets.find(Number(band), Uint32Array.from(values.split(',').map(Number)), 0), bucket);
    assert.equal(buckets.member(bucket, 0), bucket);
  }
});

test('BandBuckets: findPrepared and addPrepared answer as find and add of each band, across the table\'s growths', () => {
  const prepared = new BandBuckets(8);
  const plain = new BandBuckets(8);
  let state = 11;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  let found = 0;
  for (let id = 0; id < 40_000; id++) {
    // Values from a small range in some bands, so that later signatures find earlier buckets.
    const signature = Uint32Array.from({ length: 64 }, (_, i) => (i < 8 ? next() % 12 : next()));
    prepared.prepare(signature, 16, 4);
    for (let band = 0; band < 16; band++) {
      const bucket = prepared.findPrepared(band);
      assert.equal(bucket, plain.find(band, signature, band * 4));
      if (bucket === -1) assert.equal(prepared.addPrepared(band, id), plain.add(band, signature, band * 4, id));
      else {
        found++;
        assert.equal(prepared.push(bucket, id), plain.push(bucket, id));
      }
    }
  }
  assert.equal(prepared.size, plain.size);
  assert.ok(prepared.slotCount === 1 << 22 && found > 10_000, `${prepared.slotCount} slots, ${found} found`);
  for (let bucket = 0; bucket < plain.size; bucket += 97) assert.deepEqual(prepared.members(bucket), plain.members(bucket));
});

test('BandBuckets: the slot table grows 4-fold when half full', () => {
  const buckets = new BandBuckets(8);
  const values = new Uint32Array(4);
  assert.equal(buckets.slotCount, 1 << 16);
  for (let i = 0; i < 1 << 15; i++) buckets.add(0, ((values[0] = i), values), 0, i);
  assert.equal(buckets.slotCount, 1 << 16);
  buckets.add(1, values, 0, 0);
  assert.equal(buckets.slotCount, 1 << 18);
  for (let i = 0; i < 1 << 15; i++) assert.equal(buckets.find(0, ((values[0] = i), values), 0), i);
});
