// The LSH buckets of the near-duplicate index: band (number + its 4 MinHash values) -> the ids
// of the first examples that had it. A file of distinct conversations makes 16 buckets per
// example, nearly all with one member: 1.6 million on the 100,000-line bench file, which as a Map
// of string keys took most of `toolcall stats`' memory and time (random access into a huge Map).
// Here a bucket is a row of typed arrays found by open addressing; keys are compared in full, so
// buckets are exactly those of the string keys.
// Rows live in fixed-size chunks: arrays grown by doubling held up to twice the rows, and three
// times while being copied. A bucket keeps its first few members (the capacity): one in its row,
// more in a block of `capacity` slots of their own (a Map of arrays by bucket was a hash lookup
// and two cache misses per bucket found: on the real bench file, whose bands mostly find buckets,
// most of the index's time). Each slot also holds 8 bits of its key's hash, so a probe reads a row
// (a cache miss in tens of megabytes) only when those bits agree; `add` after a failed `find`
// takes the empty slot that find stopped at instead of probing again. The table grows 4-fold, not
// 2-fold: rehashing (random writes into the new table) cost 6% of a run on the generated file,
// and a quarter-full table after growing probes no more than a half-full one.

const KEY_WORDS = 5; // band, then its 4 MinHash values
const EMPTY = -1;
/** How much the slot table grows when half full: 2^16 slots, then 2^18, 2^20, 2^22 (1.6 million buckets on the generated bench file). */
const GROWTH = 4;
/** Buckets per chunk of rows: 2^14 (320 KB of keys, 64 KB of first members). */
const CHUNK_SHIFT = 14;
const CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;
/** Member blocks per chunk: 2^12. */
const BLOCK_SHIFT = 12;
const BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;

export class BandBuckets {
  /** Open-addressing table: slot -> bucket index, or EMPTY. */
  private slots = new Int32Array(1 << 16).fill(EMPTY);
  /** Per slot: the top 8 bits of its bucket's key hash. */
  private tags = new Uint8Array(1 << 16);
  /** Where the last failed find stopped: its key hash, the empty slot, and the table it was in (by the number of times the table grew). */
  private missHash = 0;
  private missSlot = -1;
  private missGrowth = -1;
  private growths = 0;
  /** The signature `prepare` was given and the hash of each of its bands. */
  private prepared: Uint32Array = new Uint32Array(0);
  private preparedRows = 0;
  private preparedHashes = new Int32Array(0);
  /** Per bucket, in chunks of 2^CHUNK_SHIFT buckets: its key words, and its member (one member) or its block (more). */
  private readonly keyChunks: Uint32Array[] = [];
  private readonly firstChunks: Int32Array[] = [];
  /** Per bucket, in the same chunks: how many members it holds. */
  private readonly countChunks: Uint8Array[] = [];
  private count = 0;
  /** Members of the buckets with two or more, a block of `capacity` slots each, in chunks of 2^BLOCK_SHIFT blocks. */
  private readonly blockChunks: Int32Array[] = [];
  private blocks = 0;

  /** A sum of the reads `prepare` makes, kept so that the compiler cannot drop them. */
  private readAheadSum = 0;

  /** `capacity`: members a bucket keeps (its first ones; at most 255). */
  constructor(private readonly capacity: number) {
    if (!(capacity >= 1 && capacity <= 255)) throw new RangeError(`A bucket keeps 1 to 255 members, not ${capacity}.`);
  }

  /** Number of buckets. */
  get size(): number {
    return this.count;
  }

  /** Slots of the open-addressing table (for tests: how it grew). */
  get slotCount(): number {
    return this.slots.length;
  }

  /**
   * Hashes bands 0 .. bands - 1 of `signature` (band b is signature[b * rows .. b * rows + 4)) for
   * findPrepared and addPrepared, which then do not hash them again, and reads the slots where
   * their finds will start, before any of them runs: each read misses the processor's caches (tens
   * of megabytes of slots), and reads that do not depend on one another are waited for together
   * rather than one per find. The answers are those of `find` and `add`.
   */
  prepare(signature: Uint32Array, bands: number, rows: number): void {
    if (this.preparedHashes.length < bands) this.preparedHashes = new Int32Array(bands);
    this.prepared = signature;
    this.preparedRows = rows;
    const mask = this.slots.length - 1;
    let sum = 0;
    for (let band = 0; band < bands; band++) {
      const hash = hashOf(band, signature, band * rows);
      this.preparedHashes[band] = hash;
      const slot = hash & mask;
      sum += this.slots[slot] + this.tags[slot];
    }
    this.readAheadSum = sum;
  }

  /** `find` of band `band` of the signature last given to `prepare`. */
  findPrepared(band: number): number {
    return this.findHashed(band, this.prepared, band * this.preparedRows, this.preparedHashes[band]);
  }

  /** `add` of band `band` of the signature last given to `prepare`. */
  addPrepared(band: number, member: number): number {
    return this.addHashed(band, this.prepared, band * this.preparedRows, this.preparedHashes[band], member);
  }

  /** The bucket of `band` whose values are signature[offset .. offset + 4), or -1 when there is none. */
  find(band: number, signature: Uint32Array, offset: number): number {
    return this.findHashed(band, signature, offset, hashOf(band, signature, offset));
  }

  /** Adds a bucket with one member (the key must not be present); returns its index. */
  add(band: number, signature: Uint32Array, offset: number, member: number): number {
    return this.addHashed(band, signature, offset, hashOf(band, signature, offset), member);
  }

  private findHashed(band: number, signature: Uint32Array, offset: number, hash: number): number {
    const mask = this.slots.length - 1;
    const tag = hash >>> 24;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const bucket = this.slots[slot];
      if (bucket === EMPTY) {
        this.missHash = hash;
        this.missSlot = slot;
        this.missGrowth = this.growths;
        return -1;
      }
      if (this.tags[slot] === tag && this.sameKey(bucket, band, signature, offset)) return bucket;
    }
  }

  private addHashed(band: number, signature: Uint32Array, offset: number, hash: number, member: number): number {
    if ((this.count + 1) * 2 > this.slots.length) this.grow();
    const bucket = this.count++;
    if ((bucket & CHUNK_MASK) === 0) {
      this.keyChunks.push(new Uint32Array(KEY_WORDS << CHUNK_SHIFT));
      this.firstChunks.push(new Int32Array(1 << CHUNK_SHIFT));
      this.countChunks.push(new Uint8Array(1 << CHUNK_SHIFT));
    }
    const keys = this.keyChunks[bucket >>> CHUNK_SHIFT];
    const at = (bucket & CHUNK_MASK) * KEY_WORDS;
    keys[at] = band;
    for (let k = 0; k < 4; k++) keys[at + 1 + k] = signature[offset + k];
    this.firstChunks[bucket >>> CHUNK_SHIFT][bucket & CHUNK_MASK] = member;
    this.countChunks[bucket >>> CHUNK_SHIFT][bucket & CHUNK_MASK] = 1;
    // The slot a failed find of this key stopped at is the first empty one on its probe path, as
    // long as the table has not grown or filled it since (slots are never emptied).
    if (this.missGrowth === this.growths && this.missHash === hash && this.slots[this.missSlot] === EMPTY) this.setSlot(this.missSlot, bucket, hash);
    else this.place(bucket);
    return bucket;
  }

  /** The bucket's members, oldest first (a fresh array). */
  members(bucket: number): number[] {
    return Array.from({ length: this.memberCount(bucket) }, (_, index) => this.member(bucket, index));
  }

  /** The bucket's member number `index` (0 is the first; below memberCount), without a fresh array. */
  member(bucket: number, index: number): number {
    const held = this.firstChunks[bucket >>> CHUNK_SHIFT][bucket & CHUNK_MASK];
    if (this.countChunks[bucket >>> CHUNK_SHIFT][bucket & CHUNK_MASK] === 1) return held;
    return this.blockChunks[held >>> BLOCK_SHIFT][(held & BLOCK_MASK) * this.capacity + index];
  }

  /** How many members the bucket holds. */
  memberCount(bucket: number): number {
    return this.countChunks[bucket >>> CHUNK_SHIFT][bucket & CHUNK_MASK];
  }

  /** Adds a member to the bucket unless it holds `capacity` already; whether it was added. */
  push(bucket: number, member: number): boolean {
    const counts = this.countChunks[bucket >>> CHUNK_SHIFT];
    const firsts = this.firstChunks[bucket >>> CHUNK_SHIFT];
    const count = counts[bucket & CHUNK_MASK];
    if (count === this.capacity) return false;
    if (count === 1) {
      // The second member: both go to a block of their own, whose number the row holds from now on.
      const block = this.blocks++;
      if ((block & BLOCK_MASK) === 0) this.blockChunks.push(new Int32Array(this.capacity << BLOCK_SHIFT));
      this.blockChunks[block >>> BLOCK_SHIFT][(block & BLOCK_MASK) * this.capacity] = firsts[bucket & CHUNK_MASK];
      firsts[bucket & CHUNK_MASK] = block;
    }
    const block = firsts[bucket & CHUNK_MASK];
    this.blockChunks[block >>> BLOCK_SHIFT][(block & BLOCK_MASK) * this.capacity + count] = member;
    counts[bucket & CHUNK_MASK] = count + 1;
    return true;
  }

  private sameKey(bucket: number, band: number, signature: Uint32Array, offset: number): boolean {
    const keys = this.keyChunks[bucket >>> CHUNK_SHIFT];
    const at = (bucket & CHUNK_MASK) * KEY_WORDS;
    return keys[at] === band && keys[at + 1] === signature[offset] && keys[at + 2] === signature[offset + 1] && keys[at + 3] === signature[offset + 2] && keys[at + 4] === signature[offset + 3];
  }

  private place(bucket: number): void {
    const mask = this.slots.length - 1;
    const keys = this.keyChunks[bucket >>> CHUNK_SHIFT];
    const at = (bucket & CHUNK_MASK) * KEY_WORDS;
    const hash = hashOf(keys[at], keys, at + 1);
    let slot = hash & mask;
    while (this.slots[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.setSlot(slot, bucket, hash);
  }

  private setSlot(slot: number, bucket: number, hash: number): void {
    this.slots[slot] = bucket;
    this.tags[slot] = hash >>> 24;
  }

  private grow(): void {
    this.growths++;
    this.slots = new Int32Array(this.slots.length * GROWTH).fill(EMPTY);
    this.tags = new Uint8Array(this.slots.length);
    for (let bucket = 0; bucket < this.count; bucket++) this.place(bucket);
  }
}

function hashOf(band: number, values: Uint32Array, offset: number): number {
  let h = Math.imul(band + 1, 0x9e3779b1);
  for (let k = 0; k < 4; k++) {
    h = Math.imul(h ^ values[offset + k], 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
