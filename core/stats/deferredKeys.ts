// Exact keys computed only for examples that may have an exact copy. Each example gets a
// fingerprint (valueFingerprint.ts), equal for equal values; an example whose fingerprint no
// other example has is alone in its exact group, without a key. The exact key (exactKeys.ts,
// JSON.stringify and sha1: ~14% of `toolcall stats` on the generated bench file) is computed for
// every later example with a fingerprint met before, and for the first example with it, whose
// value is gone by then: its line is read again from the file (linesToReread, addReread). So
// the keys computed, and the lines read twice, are about as many as the duplicates; the groups
// are those the keys of every example make, since equal fingerprints are confirmed by the keys.
import type { ExactKeys } from './exactKeys.ts';
import type { Example } from './example.ts';
import { Int32List } from './int32List.ts';
import { KeyGroups } from './keyGroups.ts';
import { conversationParts, partsTextHash } from './shingles.ts';
import { exampleFingerprint, type Fingerprint } from './valueFingerprint.ts';

const EMPTY = -1;
const DIGEST_BYTES = 20;

export class DeferredKeys {
  // Per example, by id: its line and its fingerprint's halves.
  private readonly lines = new Int32List();
  private readonly los = new Int32List();
  private readonly his = new Int32List();
  /** Open-addressing table, at most half full: slot -> the first example with a fingerprint, or EMPTY. */
  private slots = new Int32Array(2048).fill(EMPTY);
  private firsts = 0;
  /** Exact keys (digests) of the examples that have one, by id. */
  private readonly digests = new Map<number, Uint8Array>();
  /** First examples whose fingerprint came again and whose key is still to be computed: line (1-based) -> id. */
  private readonly wanted = new Map<number, number>();
  private readonly fingerprint: Fingerprint = { lo: 0, hi: 0 };
  /** Examples added and keys computed: the groups made before are stale when it moved. */
  private changes = 0;

  /** `fingerprint` is for tests: a weaker one makes more lines possible copies, whose keys must then tell them apart. */
  constructor(
    private readonly keys: ExactKeys,
    private readonly fingerprintOf: (example: Example, textHash: number, out: Fingerprint) => Fingerprint = exampleFingerprint,
  ) {}

  /** Examples added. */
  get size(): number {
    return this.los.length;
  }

  /** Adds the next example (ids count from 0 in order), given partsTextHash of its conversationParts. */
  add(example: Example, textHash: number): void {
    this.changes++;
    const id = this.size;
    const { lo, hi } = this.fingerprintOf(example, textHash, this.fingerprint);
    this.lines.push(example.line);
    this.los.push(lo);
    this.his.push(hi);
    const first = this.firstWith(lo, hi);
    if (first === EMPTY) {
      if ((this.firsts + 1) * 2 > this.slots.length) this.grow();
      this.place(id);
      this.firsts++;
      return;
    }
    this.digests.set(id, this.keys.key(example).slice(0, DIGEST_BYTES));
    if (!this.digests.has(first)) this.wanted.set(this.lines.get(first), first);
  }

  /**
   * An example of another file (a validation line) that the groups will be asked about: the first
   * example with its fingerprint, if any, is to be read again too (before `assureKeyed`).
   */
  want(example: Example): void {
    const { lo, hi } = this.fingerprintOfOther(example);
    const first = this.firstWith(lo, hi);
    if (first !== EMPTY && !this.digests.has(first)) this.wanted.set(this.lines.get(first), first);
  }

  /** Throws unless every example that may be a copy of `example` has its key (`want` of it, then the lines read again). */
  assureKeyed(example: Example): void {
    const { lo, hi } = this.fingerprintOfOther(example);
    const first = this.firstWith(lo, hi);
    if (first !== EMPTY && !this.digests.has(first)) throw new Error(`Line ${example.line} was compared before the lines it may repeat were read again.`);
  }

  /** A number that moves whenever the groups would change (examples added, keys computed). */
  get version(): number {
    return this.changes;
  }

  /** 0-based indexes of the lines to read again (each passed to addReread), ascending. */
  linesToReread(): number[] {
    return [...this.wanted.keys()].map((line) => line - 1).sort((a, b) => a - b);
  }

  /** An example of a line linesToReread named; throws when it is not the value read before (the file changed). */
  addReread(example: Example): void {
    const id = this.wanted.get(example.line);
    if (id === undefined) return;
    const { lo, hi } = this.fingerprintOfOther(example);
    if (lo !== this.los.get(id) || hi !== this.his.get(id)) throw new Error(`Line ${example.line} changed while it was read: the file was modified during the run.`);
    this.digests.set(id, this.keys.key(example).slice(0, DIGEST_BYTES));
    this.wanted.delete(example.line);
    this.changes++;
  }

  /** The exact groups of the examples added, as KeyGroups of every example's key would make them. Throws while a line to read again was not given. */
  groups(): KeyGroups {
    if (this.wanted.size > 0) throw new Error(`${this.wanted.size} lines must be read again before the exact duplicates are known.`);
    const groups = new KeyGroups();
    for (let id = 0; id < this.size; id++) {
      const digest = this.digests.get(id);
      if (digest === undefined) groups.addAlone();
      else groups.add(digest);
    }
    return groups;
  }

  /** The fingerprint of an example given without its text hash (a validation line, a line read again). */
  private fingerprintOfOther(example: Example): Fingerprint {
    return this.fingerprintOf(example, partsTextHash(conversationParts(example)), this.fingerprint);
  }

  private firstWith(lo: number, hi: number): number {
    const mask = this.slots.length - 1;
    for (let slot = lo & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot];
      if (id === EMPTY || (this.los.get(id) === lo && this.his.get(id) === hi)) return id;
    }
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let slot = this.los.get(id) & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = id;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY);
    for (const id of old) if (id !== EMPTY) this.place(id);
  }
}
