// The LSH buckets of the near-duplicate index: band (number + its 4 MinHash values) -> the ids
// of the first examples that had it. A file of distinct conversations makes 16 buckets per
// example, nearly all with one member: 1.6 million on the 100,000-line bench file, which as a Map
// of string keys took most of `toolcall stats`' memory and time (random access into a huge Map).
// Here a bucket is a row of typed arrays found by open addressing; keys are compared in full, so
// buckets are exactly those of the string keys. Only buckets with two or more members hold an array.

const KEY_WORDS = 5; // band, then its 4 MinHash values
const EMPTY = -1;

export class BandBuckets {
  /** Open-addressing table: slot -> bucket index, or EMPTY. */
  private slots = new Int32Array(1 << 16).fill(EMPTY);
  /** Per bucket: its key words, and its first member. */
  private keys = new Uint32Array(1 << 14);
  private firsts = new Int32Array(1 << 12);
  private count = 0;
  /** Members after the first, by bucket index (buckets of two or more). */
  private readonly more = new Map<number, number[]>();

  /** Number of buckets. */
  get size(): number {
    return this.count;
  }

  /** The bucket of `band` whose values are signature[offset .. offset + 4), or -1 when there is none. */
  find(band: number, signature: Uint32Array, offset: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(band, signature, offset) & mask; ; slot = (slot + 1) & mask) {
      const bucket = this.slots[slot];
      if (bucket === EMPTY) return -1;
      if (this.sameKey(bucket, band, signature, offset)) return bucket;
    }
  }

  /** Adds a bucket with one member (the key must not be present); returns its index. */
  add(band: number, signature: Uint32Array, offset: number, member: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const bucket = this.count++;
    if ((bucket + 1) * KEY_WORDS > this.keys.length) this.keys = enlarge(this.keys, (bucket + 1) * KEY_WORDS);
    if (bucket >= this.firsts.length) this.firsts = enlarge(this.firsts, bucket + 1);
    const at = bucket * KEY_WORDS;
    this.keys[at] = band;
    for (let k = 0; k < 4; k++) this.keys[at + 1 + k] = signature[offset + k];
    this.firsts[bucket] = member;
    this.place(bucket);
    return bucket;
  }

  /** The bucket's members, oldest first (a fresh array). */
  members(bucket: number): number[] {
    const rest = this.more.get(bucket);
    return rest ? [this.firsts[bucket], ...rest] : [this.firsts[bucket]];
  }

  /** The bucket's member number `index` (0 is the first; below memberCount), without a fresh array. */
  member(bucket: number, index: number): number {
    return index === 0 ? this.firsts[bucket] : this.more.get(bucket)![index - 1];
  }

  /** How many members the bucket holds. */
  memberCount(bucket: number): number {
    return 1 + (this.more.get(bucket)?.length ?? 0);
  }

  push(bucket: number, member: number): void {
    const rest = this.more.get(bucket);
    if (rest) rest.push(member);
    else this.more.set(bucket, [member]);
  }

  private sameKey(bucket: number, band: number, signature: Uint32Array, offset: number): boolean {
    const at = bucket * KEY_WORDS;
    const keys = this.keys;
    return keys[at] === band && keys[at + 1] === signature[offset] && keys[at + 2] === signature[offset + 1] && keys[at + 3] === signature[offset + 2] && keys[at + 4] === signature[offset + 3];
  }

  private place(bucket: number): void {
    const mask = this.slots.length - 1;
    let slot = hashOf(this.keys[bucket * KEY_WORDS], this.keys, bucket * KEY_WORDS + 1) & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.slots[slot] = bucket;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    for (let bucket = 0; bucket < this.count; bucket++) this.place(bucket);
  }
}

function enlarge<T extends Uint32Array | Int32Array>(array: T, atLeast: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(array.length * 2, atLeast));
  bigger.set(array);
  return bigger;
}

function hashOf(band: number, values: Uint32Array, offset: number): number {
  let h = Math.imul(band + 1, 0x9e3779b1);
  for (let k = 0; k < 4; k++) {
    h = Math.imul(h ^ values[offset + k], 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
