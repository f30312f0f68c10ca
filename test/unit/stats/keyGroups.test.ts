// KeyGroups (keyGroups.ts) holds the duplicate index's exact-key groups in typed arrays: it must
// group exactly as a Map of digest strings does, first members and order of members included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { KeyGroups } from '../../../core/stats/keyGroups.ts';

test('KeyGroups: first members, members in order and lookups agree with a Map of digests over 60,000 adds (the table grows many times)', () => {
  const groups = new KeyGroups();
  const reference = new Map<string, number[]>();
  let state = 3;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const digestOf = (n: number) => createHash('sha1').update(String(n)).digest();
  const added: number[] = [];
  for (let id = 0; id < 60_000; id++) {
    // A third of the adds repeat one of the earlier keys.
    const n = id > 0 && next() % 3 === 0 ? added[next() % added.length] : 1_000_000 + id;
    added.push(n);
    const digest = digestOf(n);
    const key = digest.toString('hex');
    const head = groups.add(digest);
    const members = reference.get(key) ?? [];
    members.push(id);
    reference.set(key, members);
    assert.equal(head, members[0]);
    assert.equal(groups.headOf(id), members[0]);
  }
  assert.equal(groups.size, 60_000);
  let shared = 0;
  for (const [key, members] of reference) {
    const head = groups.find(Buffer.from(key, 'hex'));
    assert.equal(head, members[0]);
    assert.deepEqual(groups.members(head), members);
    assert.equal(groups.isShared(head), members.length > 1);
    if (members.length > 1) shared++;
  }
  assert.ok(shared > 8_000, `${shared} groups of two or more`);
  // A digest never added, and one that differs from an added one in its last byte only.
  assert.equal(groups.find(digestOf(-1)), -1);
  const near = Buffer.from(digestOf(1_000_000));
  near[19] ^= 1;
  assert.equal(groups.find(near), -1);
});
