// A memo of a pure function of a text, bounded in entries and in the characters of its keys: real
// eval sets repeat the same call (and the same wrong prediction) on many lines, so scoring them
// again is work done twice. When a bound is reached the memo starts over (no LRU bookkeeping on
// the hot path; a run of repeats refills it at once).

/** A bounded memo of values computed from their key. */
export class TextMemo<V> {
  private readonly values = new Map<string, V>();
  private chars = 0;
  /** Lookups answered from the memo (a work counter for tests and the bench). */
  hits = 0;

  constructor(
    private readonly maxEntries = 2048,
    private readonly maxChars = 1 << 18,
  ) {}

  /** The value of `key`: remembered, or `compute(key)` (which must depend on the key alone). */
  get(key: string, compute: (key: string) => V): V {
    const known = this.values.get(key);
    if (known !== undefined || this.values.has(key)) {
      this.hits++;
      return known as V;
    }
    const value = compute(key);
    // A key longer than the whole budget is never kept (nor does it empty the memo).
    if (key.length > this.maxChars) return value;
    if (this.values.size >= this.maxEntries || this.chars + key.length > this.maxChars) this.clear();
    this.values.set(key, value);
    this.chars += key.length;
    return value;
  }

  /** Forgets every entry (the hit count stays). */
  clear(): void {
    this.values.clear();
    this.chars = 0;
  }
}
