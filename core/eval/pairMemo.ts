// A memo of a pure function of two texts, bounded in entries and in the characters of its keys:
// real eval sets repeat the same call (and the same wrong prediction) on many lines, so comparing
// them again is work done twice. When a bound is reached the memo starts over (no LRU bookkeeping
// on the hot path; a run of repeats refills it at once).

/**
 * A bounded memo of values computed from two texts, kept per first text: no key is built by
 * joining the two (V8 keeps a string's hash once computed, so looking up texts already seen is
 * cheap, while a joined key would be hashed anew every time).
 */
export class PairMemo<V> {
  private readonly values = new Map<string, Map<string, V>>();
  private entries = 0;
  private chars = 0;
  /** Lookups answered from the memo (a work counter for tests and the bench). */
  hits = 0;

  constructor(
    private readonly maxEntries = 8192,
    private readonly maxChars = 1 << 20,
  ) {}

  /** The value of (`a`, `b`): remembered, or `compute()` (which must depend on the two texts alone). */
  get(a: string, b: string, compute: () => V): V {
    let row = this.values.get(a);
    const known = row?.get(b);
    if (known !== undefined || row?.has(b)) {
      this.hits++;
      return known as V;
    }
    const value = compute();
    const size = a.length + b.length;
    if (size > this.maxChars) return value;
    if (this.entries >= this.maxEntries || this.chars + size > this.maxChars) {
      this.values.clear();
      this.entries = 0;
      this.chars = 0;
      row = undefined;
    }
    if (row === undefined) this.values.set(a, (row = new Map()));
    row.set(b, value);
    this.entries++;
    this.chars += size;
    return value;
  }
}
