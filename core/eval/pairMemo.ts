// A memo of a pure function of two texts, bounded in entries and in the characters of its keys:
// real eval sets repeat the same call (and the same wrong prediction) on many lines, so comparing
// them again is work done twice. It is kept in two generations: when the current one reaches a
// bound it becomes the previous one (the one before is dropped), and a pair found in the previous
// one moves back to the current. Pairs still in use survive the turnover without any per-lookup
// bookkeeping (an LRU list would cost on every hit). On the real bench eval set (47,052 differing
// pairs, 9,045 distinct, spread over the file) one generation of 2,048 pairs cleared when full
// answered 9,459 lookups; two of 4,096 answer 37,100 of the 38,007 an unbounded memo would.

/**
 * A bounded memo of values computed from two texts, kept per first text: no key is built by
 * joining the two (V8 keeps a string's hash once computed, so looking up texts already seen is
 * cheap, while a joined key would be hashed anew every time). It holds at most twice its bounds
 * (two generations).
 */
export class PairMemo<V> {
  private current = new Map<string, Map<string, V>>();
  private previous = new Map<string, Map<string, V>>();
  private entries = 0;
  private chars = 0;
  /** Lookups answered from the memo (a work counter for tests and the bench). */
  hits = 0;

  constructor(
    /** Entries of one generation. */
    private readonly maxEntries = 8192,
    /** Characters of the keys of one generation; a pair longer than this is never kept. */
    private readonly maxChars = 1 << 20,
  ) {}

  /** The value of (`a`, `b`): remembered, or `compute()` (which must depend on the two texts alone). */
  get(a: string, b: string, compute: () => V): V {
    const row = this.current.get(a);
    if (row !== undefined) {
      const known = row.get(b);
      if (known !== undefined || row.has(b)) {
        this.hits++;
        return known as V;
      }
    }
    const old = this.previous.get(a);
    if (old !== undefined) {
      const known = old.get(b);
      if (known !== undefined || old.has(b)) {
        this.hits++;
        this.keep(a, b, known as V);
        return known as V;
      }
    }
    const value = compute();
    this.keep(a, b, value);
    return value;
  }

  private keep(a: string, b: string, value: V): void {
    const size = a.length + b.length;
    if (size > this.maxChars) return;
    if (this.entries >= this.maxEntries || this.chars + size > this.maxChars) {
      this.previous = this.current;
      this.current = new Map();
      this.entries = 0;
      this.chars = 0;
    }
    let row = this.current.get(a);
    if (row === undefined) this.current.set(a, (row = new Map()));
    row.set(b, value);
    this.entries++;
    this.chars += size;
  }
}
