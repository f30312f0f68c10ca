/**
 * A map from long texts (a line's tools JSON, ~500-1,000 characters) of at most `limit` entries,
 * evicting the least recently used one approximately, as RecentMap does. A Map lookup hashes the
 * whole text it is given (a fresh slice of each line: its hash is never cached), ~1-2 us a line;
 * here a hash of 32 of its characters and its length finds the likely entry, and comparing the
 * texts (memcmp-fast) confirms it. A text that shares its sample with another falls back to the
 * whole-text lookup: a slower answer, never a wrong one.
 */
export class TextMap<V> {
  private readonly byText = new Map<string, Entry<V>>();
  /** The entry last found or stored per sample hash; every entry here is also in byText. */
  private readonly bySample = new Map<number, Entry<V>>();
  private clock = 0;

  constructor(private readonly limit: number) {}

  get(text: string): V | undefined {
    const sample = sampleHash(text);
    let entry = this.bySample.get(sample);
    if (entry === undefined || entry.text !== text) {
      entry = this.byText.get(text);
      if (entry === undefined) return undefined;
      this.bySample.set(sample, entry);
    }
    if (this.clock - entry.stamp > this.limit >> 1) {
      this.byText.delete(entry.text);
      entry.stamp = this.clock++;
      // Under the text it was stored with: the one looked up may be a slice holding on to a whole read chunk.
      this.byText.set(entry.text, entry);
    }
    return entry.value;
  }

  /** Stores `value` under `text` (a text the caller owns: it is kept as the key). */
  set(text: string, value: V): void {
    if (this.byText.has(text)) this.remove(this.byText.get(text)!);
    if (this.byText.size >= this.limit) this.remove(this.byText.values().next().value!);
    const entry = { text, value, stamp: this.clock++, sample: sampleHash(text) };
    this.byText.set(text, entry);
    this.bySample.set(entry.sample, entry);
  }

  get size(): number {
    return this.byText.size;
  }

  private remove(entry: Entry<V>): void {
    this.byText.delete(entry.text);
    if (this.bySample.get(entry.sample) === entry) this.bySample.delete(entry.sample);
  }
}

interface Entry<V> {
  text: string;
  value: V;
  stamp: number;
  sample: number;
}

/** Characters read by sampleHash (besides the last one). */
const SAMPLES = 32;

/**
 * A 32-bit hash of the length, about SAMPLES evenly spaced characters and the last one. Signed:
 * an int32 is a small integer to V8, a Map key found by its fast path; half of the unsigned
 * values were heap numbers, allocated on every lookup.
 */
export function sampleHash(text: string): number {
  const length = text.length;
  const step = length <= SAMPLES ? 1 : Math.floor(length / SAMPLES);
  let h = length;
  for (let i = 0; i < length; i += step) h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
  if (length > 0) h = Math.imul(h ^ text.charCodeAt(length - 1), 0x85ebca6b);
  return h ^ (h >>> 15);
}
