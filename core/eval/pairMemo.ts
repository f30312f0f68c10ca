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
 * cheap, while a joined key would be hashed anew every time). A first text's pairs are a short
 * chain, compared by `===` (nearly every first text has one or two: a Map each cost an allocation
 * and hashing the second text), and a Map once the chain is long (one popular wrong prediction
 * against many expected calls). It holds at most twice its bounds (two generations).
 */
export class PairMemo<V> {
  private current = new Map<string, Row<V>>();
  private previous = new Map<string, Row<V>>();
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

  /**
   * The remembered value of (`a`, `b`), in an object, or undefined when the memo does not hold the
   * pair: then compute it and `keep` it (two calls rather than one taking a function to compute
   * with, which a hot caller would make a closure for on every lookup).
   */
  find(a: string, b: string): { readonly value: V } | undefined {
    const row = this.current.get(a);
    if (row !== undefined) {
      const found = find(row, b);
      if (found !== undefined) {
        this.hits++;
        return found;
      }
    }
    const old = this.previous.get(a);
    if (old !== undefined) {
      const found = find(old, b);
      if (found !== undefined) {
        this.hits++;
        this.keep(a, b, found.value);
        return found;
      }
    }
    return undefined;
  }

  /** Remembers `value` as the value of (`a`, `b`), a pair `find` did not hold. */
  keep(a: string, b: string, value: V): void {
    const size = a.length + b.length;
    if (size > this.maxChars) return;
    if (this.entries >= this.maxEntries || this.chars + size > this.maxChars) {
      this.previous = this.current;
      this.current = new Map();
      this.entries = 0;
      this.chars = 0;
    }
    const row = this.current.get(a);
    if (row instanceof Map) row.set(b, value);
    else if (row === undefined || row.length < MAX_CHAIN) this.current.set(a, new Link(b, value, row));
    else {
      const map = new Map<string, V>();
      for (let link: Link<V> | undefined = row; link !== undefined; link = link.next) map.set(link.b, link.value);
      map.set(b, value);
      this.current.set(a, map);
    }
    this.entries++;
    this.chars += size;
  }
}

/** Longest chain of pairs kept for one first text before they move to a Map. */
const MAX_CHAIN = 8;

/** One pair (with the first text its row's key), and the pairs kept before it. */
class Link<V> {
  readonly length: number;
  constructor(
    readonly b: string,
    readonly value: V,
    readonly next: Link<V> | undefined,
  ) {
    this.length = next === undefined ? 1 : next.length + 1;
  }
}

type Row<V> = Link<V> | Map<string, V>;

// The pair with second text `b` in a row, as an object holding its value (which may be undefined).
function find<V>(row: Row<V>, b: string): { value: V } | undefined {
  if (row instanceof Map) {
    const value = row.get(b);
    return value !== undefined || row.has(b) ? { value: value as V } : undefined;
  }
  for (let link: Link<V> | undefined = row; link !== undefined; link = link.next) if (link.b === b) return link;
  return undefined;
}
