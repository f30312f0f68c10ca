import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ShinglePool } from '../../../core/stats/shinglePool.ts';

test('ShinglePool: every entry reads back as added, across chunk boundaries and for an entry larger than a chunk', () => {
  const pool = new ShinglePool();
  const added: { slot: ReturnType<ShinglePool['add']>; values: Uint32Array }[] = [];
  // 600 entries of 1,000 to 1,600 words: about 780,000 words, past two 262,144-word chunks.
  for (let i = 0; i < 600; i++) {
    const values = Uint32Array.from({ length: 1000 + (i % 601) }, (_, k) => (i * 7919 + k * 104729) >>> 0);
    added.push({ slot: pool.add(values), values });
  }
  const huge = Uint32Array.from({ length: 300_000 }, (_, k) => k * 3);
  added.push({ slot: pool.add(huge), values: huge });
  const after = Uint32Array.of(1, 2, 3);
  added.push({ slot: pool.add(after), values: after });
  for (const { slot, values } of added) assert.deepEqual(pool.of(slot), values);
  // Three shared chunks; the oversized entry has chunk 3 to itself and the next entry fills chunk 2 further.
  assert.deepEqual(added.map((a) => a.slot.chunk).filter((c, i, all) => all.indexOf(c) === i), [0, 1, 2, 3]);
  assert.deepEqual(added[added.length - 2].slot, { chunk: 3, start: 0, end: 300_000 });
  assert.equal(added[added.length - 1].slot.chunk, 2);
});
