// The first line of each content key (TC702), in typed arrays. A Map of string keys held one
// 56-character string per example (100,000 on the generated bench file): each outlived the
// young generation, so every scavenge copied it, and each lookup chased a bucket, an entry and
// a string spread over the heap. Here a key's characters are copied into one byte array and
// found by open addressing; keys are compared in full, so the answers are those of the Map.

const EMPTY = -1;
/** Keys stored as bytes: content keys are base64 digests (28 or 56 characters). */
const MAX_STORED_LENGTH = 255;

/** Maps content keys to the first line that had each; keys that are not short Latin-1 text go to a Map. */
export class FirstLines {
  /** Open-addressing table, at most half full: slot -> entry, or EMPTY. */
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  /** Per entry: its key's hash, where its characters start in `chars`, its length, its line. */
  private hashes = new Int32Array(1 << 11);
  private starts = new Int32Array(1 << 11);
  private lengths = new Uint8Array(1 << 11);
  private lines = new Int32Array(1 << 11);
  private chars = new Uint8Array(1 << 16);
  private entries = 0;
  private used = 0;
  /** Keys too long, or with a character above U+00FF. */
  private readonly others = new Map<string, number>();

  /** The first line recorded with `key`; if none, records `line` as its first and returns -1. */
  firstLine(key: string, line: number): number {
    const length = key.length;
    if (length > MAX_STORED_LENGTH) return this.otherFirstLine(key, line);
    let hash = 0x811c9dc5 | 0; // an int32 from the start, as the table stores hashes
    for (let i = 0; i < length; i++) {
      const c = key.charCodeAt(i);
      if (c > 0xff) return this.otherFirstLine(key, line);
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (let entry = this.slots[slot]; entry !== EMPTY; entry = this.slots[slot]) {
      if (this.hashes[entry] === hash && this.lengths[entry] === length && this.sameKey(entry, key)) return this.lines[entry];
      slot = (slot + 1) & mask;
    }
    this.add(key, hash, line, slot);
    return -1;
  }

  private otherFirstLine(key: string, line: number): number {
    const first = this.others.get(key);
    if (first !== undefined) return first;
    this.others.set(key, line);
    return -1;
  }

  private sameKey(entry: number, key: string): boolean {
    const chars = this.chars;
    const start = this.starts[entry];
    for (let i = 0; i < key.length; i++) if (chars[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  /** Stores a new entry in the free `slot` found for it (the table grows first when half full). */
  private add(key: string, hash: number, line: number, slot: number): void {
    const entry = this.entries++;
    if (entry === this.lines.length) this.growEntries();
    if (this.used + key.length > this.chars.length) this.chars = grown(this.chars, Math.max(this.chars.length * 2, this.used + key.length));
    for (let i = 0; i < key.length; i++) this.chars[this.used + i] = key.charCodeAt(i);
    this.hashes[entry] = hash;
    this.starts[entry] = this.used;
    this.lengths[entry] = key.length;
    this.lines[entry] = line;
    this.used += key.length;
    if (this.entries * 2 > this.slots.length) this.growSlots();
    else this.slots[slot] = entry;
  }

  private growEntries(): void {
    const size = this.lines.length * 2;
    this.hashes = grown(this.hashes, size);
    this.starts = grown(this.starts, size);
    this.lengths = grown(this.lengths, size);
    this.lines = grown(this.lines, size);
  }

  /** Twice the slots, every entry placed again (the one just added included). */
  private growSlots(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.entries; entry++) {
      const hash = this.hashes[entry];
      let slot = (hash ^ (hash >>> 15)) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = entry;
    }
    this.slots = slots;
  }
}

function grown<T extends Int32Array | Uint8Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (size: number) => T)(size);
  bigger.set(array);
  return bigger;
}
