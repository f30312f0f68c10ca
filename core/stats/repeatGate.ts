// Whether texts of one kind (user contents, call arguments...) repeat often enough for a cache
// lookup to pay. On a file of distinct conversations almost every lookup misses, and hashing,
// probing and inserting the text cost about half of what counting it does; the system prompt or
// the tool names of the same file repeat on every line. The gate only decides where a count comes
// from, never what it is.

/** Sampled lookups per kind over which the share of hits is judged. */
const WINDOW = 128;
/** Below this share of hits a kind skips the cache. */
const MIN_HIT_SHARE = 1 / 4;
/** Texts whose sample hash falls in 1 of this many are always looked up: they measure the kind. */
const SAMPLE = 16;

export class RepeatGate {
  private readonly looked: number[];
  private readonly found: number[];
  private readonly skipping: boolean[];

  constructor(kinds: number) {
    this.looked = new Array<number>(kinds).fill(0);
    this.found = new Array<number>(kinds).fill(0);
    this.skipping = new Array<boolean>(kinds).fill(false);
  }

  /**
   * Whether a text of `kind` is looked up (then `record` the result): yes while the kind uses the
   * cache, and always for a fixed sample of texts, chosen by their content so that a text that
   * repeats is always in it or never. Only the sample is judged, so the hit share measured is the
   * same whether the kind skipped the cache meanwhile or not.
   */
  shouldLookUp(kind: number, text: string): boolean {
    return !this.skipping[kind] || sampled(text);
  }

  /** Records a lookup of `kind` and whether it hit. */
  record(kind: number, text: string, hit: boolean): void {
    if (!sampled(text)) return;
    if (hit) this.found[kind]++;
    if (++this.looked[kind] < WINDOW) return;
    this.skipping[kind] = this.found[kind] < this.looked[kind] * MIN_HIT_SHARE;
    this.looked[kind] = 0;
    this.found[kind] = 0;
  }

  /** Whether `kind` currently skips the cache (for tests). */
  skips(kind: number): boolean {
    return this.skipping[kind];
  }
}

/** A cheap content hash (the length and three characters): true for 1 in SAMPLE of texts. */
function sampled(text: string): boolean {
  const n = text.length;
  const h = Math.imul(n ^ text.charCodeAt(0) ^ (text.charCodeAt(n >> 1) << 8) ^ (text.charCodeAt(n - 1) << 16), 0x9e3779b1);
  return h >>> 0 < 2 ** 32 / SAMPLE;
}
