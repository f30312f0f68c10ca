// FirstLines (TC702's table of content keys) answers as the Map of strings it replaces: the first
// line of each key, whatever the keys (digests, near misses, equal 32-bit hashes, long or
// non-Latin-1 keys), across its growth.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { FirstLines } from '../../../core/checks/firstLines.ts';
import { mulberry32 } from '../../../core/random.ts';

/** The reference: what FileRules did with a Map. */
function replay(keys: string[]): { got: number[]; want: number[] } {
  const table = new FirstLines();
  const map = new Map<string, number>();
  const got: number[] = [];
  const want: number[] = [];
  keys.forEach((key, line) => {
    got.push(table.firstLine(key, line));
    const first = map.get(key);
    if (first === undefined) map.set(key, line);
    want.push(first ?? -1);
  });
  return { got, want };
}

/** FNV-1a over the char codes, as FirstLines hashes a key: to know that equal hashes were met. */
function fnv(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash;
}

test('the same first lines as a Map over 300,000 content keys: digests of both forms, repeats, one-character near misses', () => {
  const random = mulberry32(702);
  const digest = (n: number) => createHash('sha1').update(String(n)).digest('base64');
  const members = Array.from({ length: 50 }, (_, i) => digest(-i));
  const keys: string[] = [];
  for (let i = 0; i < 300_000; i++) {
    const r = random();
    if (r < 0.2 && keys.length > 0) keys.push(keys[Math.floor(random() * keys.length)]!); // a duplicate
    else if (r < 0.3 && keys.length > 0) {
      const k = keys[Math.floor(random() * keys.length)]!;
      const at = Math.floor(random() * k.length);
      keys.push(k.slice(0, at) + (k[at] === 'A' ? 'B' : 'A') + k.slice(at + 1)); // one character off
    } else if (r < 0.7) keys.push(members[Math.floor(random() * members.length)]! + digest(i));
    else keys.push(digest(i));
  }
  const { got, want } = replay(keys);
  assert.deepEqual(got, want);
  assert.equal(want.filter((f) => f !== -1).length, 60_100);
  // Different keys with equal 32-bit hashes were among them (the full comparison was needed).
  const byHash = new Map<number, string>();
  let sameHash = 0;
  for (const key of new Set(keys)) {
    const other = byHash.get(fnv(key));
    if (other !== undefined && other !== key) sameHash++;
    byHash.set(fnv(key), key);
  }
  assert.equal(sameHash, 10);
});

test('keys a byte array cannot hold (long, above U+00FF), short and empty keys, mixed', () => {
  const keys = ['', 'a', '', 'é', 'ÿ', 'Ā', '😀', 'x'.repeat(255), 'x'.repeat(256), 'x'.repeat(255), 'x'.repeat(256), 'a', '😀', 'Ā', '\u0000', '\u0000\u0000', '\u0000', 'é'];
  const { got, want } = replay(keys);
  assert.deepEqual(got, want);
  assert.deepEqual(got, [-1, -1, 0, -1, -1, -1, -1, -1, -1, 7, 8, 1, 6, 5, -1, -1, 14, 3]);
});
