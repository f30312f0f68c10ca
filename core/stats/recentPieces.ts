// Token counts of the pre-token pieces seen lately (" the", "\":\"", " weather"), looked up by
// where the piece is in its text: the counting loop (tokens.ts) then never cuts a piece out of its
// text nor has V8 hash a fresh string, unless the piece is new. A Map of piece strings cost a
// substring, a match array and a string hash per piece, most of what counting a text cost.
// What is held only decides where a count comes from, never what it is.
import { fnvStep, hashEnd, HASH_START } from './utf8Bytes.ts';

/** Pieces held before the table starts over (a count depends on its piece only, so any eviction is exact). */
const ENTRIES = 16_384;
/** Slots of the open-addressing table: at most half full. */
const SLOTS = ENTRIES * 2;
/** Characters of held pieces before the table starts over. */
const ARENA_CHARS = ENTRIES * 16;
/** Longer pieces are not held (they are rare and would crowd the arena). */
export const MAX_PIECE_CHARS = 256;

export class RecentPieces {
  /** Slot -> entry + 1, or 0 when empty. */
  private readonly slots = new Int32Array(SLOTS);
  private readonly hashes = new Int32Array(ENTRIES);
  private readonly starts = new Int32Array(ENTRIES);
  private readonly lengths = new Int32Array(ENTRIES);
  private readonly counts = new Int32Array(ENTRIES);
  /** The held pieces' characters, one after the other. */
  private readonly chars = new Uint16Array(ARENA_CHARS);
  private entries = 0;
  private used = 0;

  /** The count held for text[start, end) whose hash is `hash` (pieceHash), or -1. */
  find(text: string, start: number, end: number, hash: number): number {
    const length = end - start;
    for (let slot = hash & (SLOTS - 1); ; slot = (slot + 1) & (SLOTS - 1)) {
      const entry = this.slots[slot] - 1;
      if (entry === -1) return -1;
      if (this.hashes[entry] !== hash || this.lengths[entry] !== length) continue;
      const at = this.starts[entry];
      let i = 0;
      while (i < length && this.chars[at + i] === text.charCodeAt(start + i)) i++;
      if (i === length) return this.counts[entry];
    }
  }

  /** Holds `count` for text[start, end) (which `find` did not find); pieces over MAX_PIECE_CHARS are not held. */
  add(text: string, start: number, end: number, hash: number, count: number): void {
    const length = end - start;
    if (length > MAX_PIECE_CHARS) return;
    if (this.entries === ENTRIES || this.used + length > ARENA_CHARS) this.clear();
    const entry = this.entries++;
    this.hashes[entry] = hash;
    this.starts[entry] = this.used;
    this.lengths[entry] = length;
    this.counts[entry] = count;
    for (let i = 0; i < length; i++) this.chars[this.used + i] = text.charCodeAt(start + i);
    this.used += length;
    let slot = hash & (SLOTS - 1);
    while (this.slots[slot] !== 0) slot = (slot + 1) & (SLOTS - 1);
    this.slots[slot] = entry + 1;
  }

  private clear(): void {
    this.slots.fill(0);
    this.entries = 0;
    this.used = 0;
  }
}

/** A hash of text[start, end) for `find` and `add` (FNV-1a over UTF-16 code units, then mixed). */
export function pieceHash(text: string, start: number, end: number): number {
  let h = HASH_START;
  for (let i = start; i < end; i++) h = fnvStep(h, text.charCodeAt(i));
  return hashEnd(h);
}
