// Every near-duplicate entry's shingle hashes, in fixed-size chunks. One small typed array per
// entry cost ~4x the data; one array grown by doubling held up to twice the data and, while it
// was copied, three times (64 + 32 MB of the generated bench file's peak). Chunks never move.

/** Words (4 bytes) per chunk: 1 MB. An entry longer than this gets a chunk of its own. */
const CHUNK_WORDS = 1 << 18;

/** Where an entry's hashes are: chunks[chunk][start, end). */
export interface ShingleSlot {
  chunk: number;
  start: number;
  end: number;
}

export class ShinglePool {
  private readonly chunks: Uint32Array[] = [];
  /** Index of the chunk new entries go to, and how much of it is used. */
  private current = -1;
  private used = 0;

  /** Copies `shingles` into the pool. */
  add(shingles: Uint32Array): ShingleSlot {
    if (shingles.length > CHUNK_WORDS) {
      this.chunks.push(shingles.slice());
      return { chunk: this.chunks.length - 1, start: 0, end: shingles.length };
    }
    if (this.current === -1 || this.used + shingles.length > CHUNK_WORDS) {
      this.chunks.push(new Uint32Array(CHUNK_WORDS));
      this.current = this.chunks.length - 1;
      this.used = 0;
    }
    this.chunks[this.current].set(shingles, this.used);
    const start = this.used;
    this.used += shingles.length;
    return { chunk: this.current, start, end: this.used };
  }

  /** The hashes of an entry (a view into the pool). */
  of(slot: ShingleSlot): Uint32Array {
    return this.at(slot.chunk, slot.start, slot.end);
  }

  /** `of` the slot with these fields. */
  at(chunk: number, start: number, end: number): Uint32Array {
    return this.chunks[chunk].subarray(start, end);
  }
}
