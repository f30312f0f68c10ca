/** Slots of a new index (a power of two). */
const INITIAL_SLOTS = 1024;

/**
 * The first line of each content key (TC702's copies), found by the key's sample (lineFacts'
 * contentSampleOf) in an open-addressed table of typed arrays; a key is compared only when its
 * sample matches (a copy, or two keys with one sample). A Map of the keys hashed each key again
 * (a content key is two digests joined, which V8 copies flat to hash) and missed the cache along
 * its chains: with a file's 100,000 keys that was most of the file rules' time.
 */
export class ContentIndex {
  /** Per slot: the sample, then the entry + 1 (0: an empty slot). */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  /** Fibonacci hashing: a slot is the sample's product's top bits. */
  private shift = 32 - Math.log2(INITIAL_SLOTS);
  private readonly keys: string[] = [];
  private readonly lines: number[] = [];

  /** The line first seen with `key`, or -1 when `key` is new (then it is kept with `line`). `sample` is a function of the key. */
  firstOrAdd(key: string, sample: number, line: number): number {
    const slots = this.slots;
    const wanted = sample | 0;
    let slot = Math.imul(wanted, 0x9e3779b1) >>> this.shift;
    for (let entry = slots[2 * slot + 1]!; entry !== 0; entry = slots[2 * slot + 1]!) {
      if (slots[2 * slot] === wanted && this.keys[entry - 1] === key) return this.lines[entry - 1]!;
      slot = (slot + 1) & this.mask;
    }
    this.keys.push(key);
    this.lines.push(line);
    slots[2 * slot] = wanted;
    slots[2 * slot + 1] = this.keys.length;
    // Half full at most: probes stay short.
    if (2 * this.keys.length > this.mask) this.grow();
    return -1;
  }

  private grow(): void {
    const old = this.slots;
    const size = 2 * (this.mask + 1);
    const slots = new Int32Array(2 * size);
    this.mask = size - 1;
    this.shift--;
    for (let i = 1; i < old.length; i += 2) {
      if (old[i] === 0) continue;
      const sample = old[i - 1]!;
      let slot = Math.imul(sample, 0x9e3779b1) >>> this.shift;
      while (slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      slots[2 * slot] = sample;
      slots[2 * slot + 1] = old[i]!;
    }
    this.slots = slots;
  }
}
