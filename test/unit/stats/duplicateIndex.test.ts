// The near-duplicate index keeps shingles as computed and sorts them the first time an example is
// compared (most never are). Its answers must be those of the plain algorithm, written here with
// sorted shingles from the start and Maps of string band keys, on lines with many near copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuplicateIndex, exampleKey, jaccard, NEAR_DUPLICATE_THRESHOLD } from '../../../core/stats/duplicates.ts';
import { minHashSignature } from '../../../core/stats/minHash.ts';
import { conversationShingleHashes, conversationShingles, conversationWords, shingleHashes, sortedDistinct } from '../../../core/stats/shingles.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';
import { fixtureLines, generatedLines } from '../../helpers/datasetLines.ts';

function reference(training: Example[], validation: Example[]) {
  const shingles: Uint32Array[] = [];
  const parent: number[] = [];
  const comparedWith: number[] = [];
  const links: { a: number; b: number; similarity: number }[] = [];
  const buckets = new Map<string, number[]>();
  const keys = training.map(exampleKey);
  const find = (id: number): number => (parent[id] === id ? id : find(parent[id]));
  const bandKeys = (s: Uint32Array) => {
    const values = minHashSignature(s);
    return Array.from({ length: 16 }, (_, band) => `${band}:${values.slice(band * 4, band * 4 + 4).join(',')}`);
  };
  training.forEach((example, id) => {
    const s = conversationShingles(example).slice();
    shingles.push(s);
    parent.push(id);
    comparedWith.push(-1);
    if (s.length === 0) return;
    for (const key of bandKeys(s)) {
      const members = buckets.get(key);
      if (!members) {
        buckets.set(key, [id]);
        continue;
      }
      for (const other of [...members]) {
        if (comparedWith[other] === id) continue;
        comparedWith[other] = id;
        if (find(other) === find(id)) continue;
        const similarity = jaccard(s, shingles[other]);
        if (similarity >= NEAR_DUPLICATE_THRESHOLD) {
          parent[find(id)] = find(other);
          links.push({ a: other, b: id, similarity });
        }
      }
      if (members.length < 8) members.push(id);
    }
  });
  const groups = new Map<number, { ids: number[]; similarity: number }>();
  for (const link of links) {
    const group = groups.get(find(link.a)) ?? { ids: [], similarity: 1 };
    group.similarity = Math.min(group.similarity, link.similarity);
    groups.set(find(link.a), group);
  }
  training.forEach((_, id) => groups.get(find(id))?.ids.push(id));
  const near = [...groups.values()]
    .filter(({ ids }) => !ids.every((id) => keys[id] === keys[ids[0]]))
    .map(({ ids, similarity }) => ({ lines: ids.map((id) => training[id].line), similarity: Math.round(similarity * 100) / 100 }))
    .sort((a, b) => a.lines[0] - b.lines[0]);
  const nearest = validation.map((example) => {
    const s = conversationShingles(example).slice();
    if (s.length === 0) return undefined;
    const key = exampleKey(example);
    let best: { line: number; similarity: number } | undefined;
    for (const bandKey of bandKeys(s)) {
      for (const id of buckets.get(bandKey) ?? []) {
        if (keys[id] === key) continue;
        const similarity = jaccard(s, shingles[id]);
        if (similarity >= NEAR_DUPLICATE_THRESHOLD && (!best || similarity > best.similarity || (similarity === best.similarity && training[id].line < best.line))) best = { line: training[id].line, similarity };
      }
    }
    return best && { line: best.line, similarity: Math.round(best.similarity * 100) / 100 };
  });
  return { near, nearest };
}

/** Lines with near copies: each base line, then copies with one word changed, dropped or added, in a scrambled order. */
function linesWithNearCopies(): string[] {
  const base = [...fixtureLines(), ...generatedLines(300, 21)];
  const out: string[] = [];
  let state = 17;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  for (const line of base) {
    out.push(line);
    if (next() % 2 === 0) continue;
    for (let copy = 0; copy < 1 + (next() % 12); copy++) {
      const edit = next() % 4;
      const words = line.split(' ');
      const at = next() % words.length;
      if (edit === 0) words[at] = words[at] + 'x';
      else if (edit === 1 && words.length > 3) words.splice(at, 1);
      else if (edit === 2) words.splice(at, 0, 'again');
      out.splice(next() % (out.length + 1), 0, words.join(' '));
    }
  }
  return out;
}

/** The index built from four lines in five of `lines`, asked for the fifth lines' nearest: its near groups and answers equal the plain algorithm's (asserted); the index and those expected. */
function indexAgainstPlain(lines: string[]) {
  const examples = lines
    .map((text, index) => readExample({ index, text }))
    .filter((e): e is Example => typeof e !== 'string');
  const training = examples.filter((_, i) => i % 5 !== 0);
  const validation = examples.filter((_, i) => i % 5 === 0);
  const index = new DuplicateIndex();
  for (const example of training) index.add(example);
  const expected = reference(training, validation);
  assert.deepEqual(index.nearDuplicates(), expected.near);
  assert.deepEqual(validation.map((example) => index.nearestTo(example)), expected.nearest);
  return { index, expected, training };
}

test('the index with lazily sorted shingles finds the same exact and near groups and nearest lines as the plain algorithm', () => {
  const { index, expected } = indexAgainstPlain(linesWithNearCopies());
  // The comparison means something: many groups, and validation lines with a near training line.
  assert.ok(expected.near.length > 100, `${expected.near.length} near groups`);
  assert.ok(expected.nearest.filter(Boolean).length > 50, `${expected.nearest.filter(Boolean).length} nearest`);
  assert.ok(index.exactDuplicates().length > 0);
});

test('conversationShingleHashes on a conversation longer than the scratch array so far (it grows) holds its own hashes', () => {
  for (const words of [60_000, 200_000]) {
    const content = Array.from({ length: words }, (_, i) => `w${i % 7919}q${i % 104_729}`).join(' ');
    const example = readExample({ index: 0, text: JSON.stringify({ messages: [{ role: 'user', content }] }) }) as Example;
    const hashes = conversationShingleHashes(example);
    assert.equal(hashes.length, words - 2);
    assert.deepEqual(sortedDistinct(hashes.slice()), shingleHashes(conversationWords(example)));
  }
});

/** Lines whose conversations repeat with other fields changed (call ids, a system prompt, the tools' order), some of them near copies, in a scrambled order. */
function linesWithRepeatedConversations(): string[] {
  const out = linesWithNearCopies();
  let state = 29;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const base = [...out];
  for (const line of base) {
    let value: { messages?: { role?: string; content?: unknown; tool_calls?: { id?: string }[] }[]; tools?: unknown[] };
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (!Array.isArray(value.messages) || next() % 3 === 0) continue;
    for (let copy = 0; copy < 1 + (next() % 6); copy++) {
      const changed = structuredClone(value);
      for (const message of changed.messages!) for (const call of Array.isArray(message?.tool_calls) ? message.tool_calls : []) if (call && typeof call === 'object') call.id = `call_${next()}`;
      if (next() % 2 === 0) changed.messages!.unshift({ role: 'system', content: `You are assistant ${next() % 5}.` });
      if (Array.isArray(changed.tools) && next() % 2 === 0) changed.tools.reverse();
      out.splice(next() % (out.length + 1), 0, JSON.stringify(changed));
    }
  }
  return out;
}

test('the index with conversations met before (their shingles and buckets reused) finds the same groups and nearest lines as the plain algorithm', () => {
  const { index, expected, training } = indexAgainstPlain(linesWithRepeatedConversations());
  assert.deepEqual(index.exactDuplicates(), exactGroups(training));
  // Repeats were found, so the reused shingles and buckets were what the comparison saw.
  assert.ok(index.conversationsFound > 1_000, `${index.conversationsFound} conversations found again`);
  assert.ok(expected.near.length > 100, `${expected.near.length} near groups`);
});

test('on distinct conversations the index stops looking them up (all but a sample) and still answers as the plain algorithm', () => {
  const examples = generatedLines(3_000, 37)
    .map((text, index) => readExample({ index, text }))
    .filter((e): e is Example => typeof e !== 'string');
  const index = new DuplicateIndex();
  for (const example of examples) index.add(example);
  const expected = reference(examples, []);
  assert.deepEqual(index.nearDuplicates(), expected.near);
  assert.equal(index.conversationsFound, 0);
});

/** Exact groups by exampleKey: lines of two or more examples with one key, in the order of their first lines. */
function exactGroups(examples: Example[]): { lines: number[] }[] {
  const byKey = new Map<string, number[]>();
  for (const example of examples) {
    const key = exampleKey(example);
    byKey.set(key, [...(byKey.get(key) ?? []), example.line]);
  }
  return [...byKey.values()].filter((lines) => lines.length > 1).map((lines) => ({ lines }));
}
