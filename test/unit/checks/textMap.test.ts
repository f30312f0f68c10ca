// TextMap finds entries by a hash of a sample of their text: it must answer exactly what a Map
// of the entries it holds answers, also for texts that share a sample (they differ only where
// no character is read), and hold at most its limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleHash, TextMap } from '../../../core/checks/textMap.ts';

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('texts that differ only between sampled characters share a sample hash', () => {
  const base = 'x'.repeat(1000);
  const other = base.slice(0, 5) + 'y' + base.slice(6); // 1000 / 32 = step 31: character 5 is not read
  assert.notEqual(base, other);
  assert.equal(sampleHash(base), sampleHash(other));
  assert.notEqual(sampleHash(base), sampleHash(base.slice(0, 999) + 'y')); // the last character is read
  assert.notEqual(sampleHash(base), sampleHash(base + 'x')); // and the length counts
});

test('answers as a Map of the entries it holds, over random steps with colliding samples', () => {
  const next = random(18);
  const limit = 16;
  const map = new TextMap<number>(limit);
  const held = new Map<string, number>();
  const base = 'x'.repeat(400);
  // 40 texts, many sharing a sample: a change at a character the sample skips, or the length.
  const texts = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? base.slice(0, 3) + String.fromCharCode(65 + i) + base.slice(4) : base + 'x'.repeat(i % 5)));
  const unique = [...new Set(texts)];
  let hits = 0;
  for (let step = 0; step < 20000; step++) {
    const text = unique[Math.floor(next() * unique.length)];
    // Look up through a slice of a longer string, as lines do.
    const probe = ('{' + text + '}').slice(1, -1);
    const found = map.get(probe);
    if (found !== undefined) {
      hits++;
      assert.equal(held.get(text), found);
    } else if (held.has(text)) {
      assert.fail('an entry it holds was not found');
    }
    if (found === undefined || next() < 0.1) {
      map.set(text, step);
      held.set(text, step);
    }
    // Mirror the eviction: whatever the map no longer answers is no longer held.
    for (const key of [...held.keys()]) if (map.get(key) === undefined) held.delete(key);
    assert.ok(map.size <= limit);
    assert.equal(map.size, held.size);
  }
  assert.ok(hits > 10000, `hits ${hits}`);
});

test('keeps recently used entries when new ones push old ones out', () => {
  const map = new TextMap<string>(4);
  const text = (i: number) => `{"tools": [${i}]}`.repeat(20);
  for (let i = 0; i < 4; i++) map.set(text(i), String(i));
  for (let i = 4; i < 40; i++) {
    assert.equal(map.get(text(0)), '0'); // used between every insertion: never the oldest for long
    map.set(text(i), String(i));
  }
  assert.equal(map.get(text(0)), '0');
  assert.equal(map.get(text(1)), undefined);
  assert.equal(map.get(text(39)), '39');
});
