// Exact and near duplicates, within a file and between a training and a validation file.
//
// Exact: equal JSON values of the whole line (key order and whitespace ignored; exactKeys.ts).
// Near: Jaccard similarity of word 3-shingles of the example's conversation text, found in
// about linear time with MinHash and LSH banding:
// - the text is every non-system message's content plus each call's name and arguments (the
//   system prompt and tool declarations are usually the same on every line, so they would
//   make every pair look alike); lower-cased, every run of digits replaced by "0" (examples
//   that differ only in numbers are template copies), punctuation dropped;
// - 64 MinHash values in 16 bands of 4: a pair with Jaccard 0.8 shares a band with
//   probability 0.9998, a pair at 0.5 with 0.64; shared-band candidates are then checked with
//   the exact Jaccard of their (hashed) shingle sets against the threshold;
// - each band bucket keeps its first 8 members, so a new example is compared with at most
//   16 x 8 earlier ones; with hundreds of copies of one template a pair can be missed, but the
//   copies still end up in one group through the kept members.
import { hash } from 'node:crypto';
import { canonicalJsonOfParsed, canonicalKeyOfParsed } from '../schema/canonical.ts';
import { BandBuckets } from './bandBuckets.ts';
import { DeferredKeys } from './deferredKeys.ts';
import type { Fingerprint } from './valueFingerprint.ts';
import { ExactKeys } from './exactKeys.ts';
import { Int32List } from './int32List.ts';
import { KeyGroups } from './keyGroups.ts';
import { ShinglePool } from './shinglePool.ts';
import { declarationsJson, type Example } from './example.ts';
import { conversationParts, conversationShingleHashes, lastPartsTextHash, partsShingleHashes, sortedDistinct } from './shingles.ts';
import { RepeatedConversations } from './repeatedConversations.ts';
import { HASHES, minHashSignature } from './minHash.ts';

/** Jaccard similarity from which two examples count as near duplicates. */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

const ROWS = 4;
const BUCKET_MEMBERS = 8;
/** The bucket of each band of the example being added. */
const bandBuckets = new Int32Array(HASHES / ROWS);

/** Lines whose whole JSON is the same. */
export interface DuplicateGroup {
  lines: number[];
}

/** Lines linked by near-duplicate pairs; `similarity` is the lowest Jaccard among the links. */
export interface NearDuplicateGroup {
  lines: number[];
  similarity: number;
}

/**
 * Key of the whole example: sha1 of its canonical JSON, where the declarations (the same on most
 * lines, kilobytes long) are written as "#" and their own key, computed once per distinct text.
 * No JSON value starts with "#", so equal keys still mean equal JSON.
 */
export function exampleKey(example: Example): string {
  const known = new Map<object, string>();
  for (const key of ['tools', 'functions'] as const) {
    const declarations = example.value[key];
    if (!Array.isArray(declarations)) continue;
    const shared = example.shared?.[key];
    known.set(declarations, shared ? (shared.key ??= declarationsKey(declarations)) : declarationsKey(declarations));
  }
  return hash('sha1', canonicalJsonOfParsed(example.value, known), 'hex');
}

function declarationsKey(declarations: unknown[]): string {
  return '#' + canonicalKeyOfParsed(declarations, declarationsJson(declarations));
}

/** Exact Jaccard of two sorted distinct hash arrays. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}

/** Collects examples one at a time; answers duplicate groups and lookups from another file. */
export class DuplicateIndex {
  // Per example, by id (the order added), in typed columns: its line, where its shingles are in
  // the pool (held as computed, sorted and without repeats in place the first time the example is
  // compared: most never are; an example whose conversation is known shares its first example's),
  // its union-find parent, and the last example it was compared with
  // (an entry met again in another band of the same example gives the same Jaccard, so it is
  // compared once: copies share all 16 bands).
  private readonly lines = new Int32List();
  private readonly chunks = new Int32List();
  private readonly starts = new Int32List();
  private readonly ends = new Int32List();
  /** 1 once the example's shingles in the pool are sorted and distinct. */
  private readonly sorted = new Int32List();
  private readonly parent = new Int32List();
  private readonly comparedWith = new Int32List();
  private readonly pool = new ShinglePool();
  /** Examples by exact key: ids here are the same as above. With deferred keys, made again from them when asked for (`settled`). */
  private groups = new KeyGroups();
  private readonly buckets = new BandBuckets(BUCKET_MEMBERS);
  /** Conversations added before, with their shingles and buckets. */
  private readonly conversations = new RepeatedConversations(HASHES / ROWS);
  private readonly links: { a: number; b: number; similarity: number }[] = [];
  // Keys of this index's examples (and of those compared with them): in this run's key orders.
  private readonly keys = new ExactKeys();
  /** Set when exact keys are computed only for examples that may have a copy (see `deferKeys`). */
  private readonly deferred: DeferredKeys | undefined;
  /** The deferred keys' version the groups were made at. */
  private settledAt = -1;

  /**
   * With `deferKeys`, an example gets its exact key only when its fingerprint was met before
   * (deferredKeys.ts); the first example of each such fingerprint must then be given again
   * (linesToReread, addReread) before the groups are asked for, and each validation line must be
   * announced (wantCopiesOf) before those lines are read again and it is compared (linesEqualTo,
   * nearestTo). `fingerprint` is for tests (see DeferredKeys).
   */
  constructor(
    private readonly threshold = NEAR_DUPLICATE_THRESHOLD,
    options: { deferKeys?: boolean; fingerprint?: (example: Example, textHash: number, out: Fingerprint) => Fingerprint } = {},
  ) {
    this.deferred = options.deferKeys ? new DeferredKeys(this.keys, options.fingerprint) : undefined;
  }

  add(example: Example): void {
    const id = this.lines.length;
    const parts = conversationParts(example);
    const conversation = this.conversations.find(parts);
    const known = conversation !== -1;
    this.lines.push(example.line);
    let hashes: Uint32Array;
    let textHash: number;
    if (known) {
      // The first example's shingles, sorted and without repeats (shinglesOf): held once for both, as sorted ones are never changed again.
      const first = this.conversations.firstExample(conversation);
      hashes = this.shinglesOf(first);
      this.chunks.push(this.chunks.get(first));
      this.starts.push(this.starts.get(first));
      this.ends.push(this.ends.get(first));
      textHash = this.conversations.textHash(conversation);
    } else {
      hashes = partsShingleHashes(parts);
      textHash = lastPartsTextHash();
      const slot = this.pool.add(hashes);
      this.chunks.push(slot.chunk);
      this.starts.push(slot.start);
      this.ends.push(slot.end);
    }
    this.sorted.push(known ? 1 : 0);
    this.parent.push(id);
    this.comparedWith.push(-1);
    if (this.deferred) this.deferred.add(example, textHash);
    else this.groups.add(this.keys.key(example));
    if (hashes.length === 0) return;
    // The minima do not depend on order or repeats. A known conversation's buckets are those its signature finds.
    const values = known ? undefined : minHashSignature(hashes);
    let shingles = known ? hashes : undefined;
    if (values) this.buckets.prepare(values, HASHES / ROWS, ROWS);
    for (let band = 0; band < HASHES / ROWS; band++) {
      const bucket = values ? this.buckets.findPrepared(band) : this.conversations.bucket(conversation, band);
      if (bucket === -1) {
        bandBuckets[band] = this.buckets.addPrepared(band, id);
        continue;
      }
      bandBuckets[band] = bucket;
      const count = this.buckets.memberCount(bucket);
      for (let m = 0; m < count; m++) {
        const other = this.buckets.member(bucket, m);
        if (this.comparedWith.get(other) === id) continue;
        this.comparedWith.set(other, id);
        if (this.find(other) === this.find(id)) continue;
        shingles ??= sortedDistinct(hashes);
        const similarity = jaccard(shingles, this.shinglesOf(other));
        if (similarity >= this.threshold) {
          this.parent.set(this.find(id), this.find(other));
          this.links.push({ a: other, b: id, similarity });
        }
      }
      this.buckets.push(bucket, id);
    }
    if (!known) this.conversations.remember(id, bandBuckets, textHash);
  }

  /** Examples whose conversation was found among those added before (a work counter for tests). */
  get conversationsFound(): number {
    return this.conversations.hits;
  }

  /** 0-based indexes of the lines whose examples addReread must be given (deferred keys only), ascending. */
  linesToReread(): number[] {
    return this.deferred?.linesToReread() ?? [];
  }

  /** An example of a line linesToReread named, read again. */
  addReread(example: Example): void {
    this.deferred?.addReread(example);
  }

  /** With deferred keys: a validation example to be compared later, whose possible copies' lines are then read again too. */
  wantCopiesOf(example: Example): void {
    this.deferred?.want(example);
  }

  /** Groups of two or more lines with the same JSON, in the order of their first lines. */
  exactDuplicates(): DuplicateGroup[] {
    this.settle();
    const result: DuplicateGroup[] = [];
    for (let id = 0; id < this.lines.length; id++) {
      if (this.groups.headOf(id) === id && this.groups.isShared(id)) result.push({ lines: this.linesOf(this.groups.members(id)) });
    }
    return result;
  }

  /** Groups of near duplicates, leaving out groups whose lines are all exact copies of one another. */
  nearDuplicates(): NearDuplicateGroup[] {
    this.settle();
    const groups = new Map<number, { ids: number[]; similarity: number }>();
    for (const link of this.links) {
      const root = this.find(link.a);
      const group = groups.get(root) ?? { ids: [], similarity: 1 };
      group.similarity = Math.min(group.similarity, link.similarity);
      groups.set(root, group);
    }
    for (let id = 0; id < this.lines.length; id++) groups.get(this.find(id))?.ids.push(id);
    const result: NearDuplicateGroup[] = [];
    for (const { ids, similarity } of groups.values()) {
      const head = this.groups.headOf(ids[0]);
      if (ids.every((id) => this.groups.headOf(id) === head)) continue;
      result.push({ lines: this.linesOf(ids), similarity: round2(similarity) });
    }
    return result.sort((a, b) => a.lines[0] - b.lines[0]);
  }

  /** Lines of this index with exactly the same JSON as `example`. */
  linesEqualTo(example: Example): number[] {
    this.assureComparable(example);
    const head = this.groups.find(this.keys.key(example));
    return head === -1 ? [] : this.linesOf(this.groups.members(head));
  }

  /** The most similar line of this index at or above the threshold, not counting exact copies. */
  nearestTo(example: Example): { line: number; similarity: number } | undefined {
    this.assureComparable(example);
    const hashes = conversationShingleHashes(example);
    // The group of the example's exact copies here, if any (-1 matches no entry's group).
    const copies = this.groups.find(this.keys.key(example));
    if (hashes.length === 0) return undefined;
    let best: { line: number; similarity: number } | undefined;
    const values = minHashSignature(hashes);
    const shingles = sortedDistinct(hashes);
    for (let band = 0; band < HASHES / ROWS; band++) {
      const bucket = this.buckets.find(band, values, band * ROWS);
      for (const id of bucket === -1 ? [] : this.buckets.members(bucket)) {
        if (this.groups.headOf(id) === copies) continue;
        const line = this.lines.get(id);
        const similarity = jaccard(shingles, this.shinglesOf(id));
        if (similarity >= this.threshold && (!best || similarity > best.similarity || (similarity === best.similarity && line < best.line))) best = { line, similarity };
      }
    }
    return best && { line: best.line, similarity: round2(best.similarity) };
  }

  /** The example's shingles, sorted and distinct (sorted in the pool on first use). */
  private shinglesOf(id: number): Uint32Array {
    const held = this.pool.at(this.chunks.get(id), this.starts.get(id), this.ends.get(id));
    if (this.sorted.get(id) === 1) return held;
    const shingles = sortedDistinct(held);
    this.ends.set(id, this.starts.get(id) + shingles.length);
    this.sorted.set(id, 1);
    return shingles;
  }

  /** With deferred keys, the groups of every example added so far. */
  private settle(): void {
    if (!this.deferred || this.settledAt === this.deferred.version) return;
    this.groups = this.deferred.groups();
    this.settledAt = this.deferred.version;
  }

  // A validation line's exact copies could be a first example whose key was never computed.
  private assureComparable(example: Example): void {
    if (!this.deferred) return;
    this.settle();
    this.deferred.assureKeyed(example);
  }

  private linesOf(ids: number[]): number[] {
    return ids.map((id) => this.lines.get(id));
  }

  private find(id: number): number {
    while (this.parent.get(id) !== id) {
      this.parent.set(id, this.parent.get(this.parent.get(id)));
      id = this.parent.get(id);
    }
    return id;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
