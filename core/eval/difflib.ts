// A faithful port of CPython's difflib.SequenceMatcher (isjunk=None) on strings,
// so that similarity numbers agree with the Python scripts users already run.
// Elements are Unicode code points, as Python iterates a str, not UTF-16 units.
// The algorithm is Python's step for step (same blocks, same tie-breaks); only the
// data structures differ, for speed on millions of short pairs.

/** Options of `sequenceRatio` and `matchingBlocks`. */
export interface SequenceMatcherOptions {
  /** Python's `autojunk` (default true): for b of 200+ elements, drop elements occurring more than len(b)//100 + 1 times from the index. */
  autojunk?: boolean;
}

/** One matching block `[i, j, size]`: a[i:i+size] == b[j:j+size], indices in code points. */
export type MatchBlock = [number, number, number];

// All working memory lives in module-level typed arrays reused across calls (the
// functions are synchronous), because allocation dominated short pairs. They keep
// the size of the longest pair seen (about 24 bytes per character).
//
// Elements are replaced by small ids: each distinct code point of b gets one, and
// a[i] gets b's id or -1 when absent from b, so element equality is id equality.
let aIds = new Int32Array(0);
let bIds = new Int32Array(0);
/** Occurrences per id, then -1 for popular ids, then reused as a fill cursor. */
let counts = new Int32Array(0);
/** b2j as CSR: the indices of id e in b are idx[start[e] .. start[e+1]); empty for popular ids. */
let start = new Int32Array(0);
let idx = new Int32Array(0);
// Code point -> id for the current b: ASCII through a table (reset after each
// call through `asciiSeen`), other code points through a Map.
const asciiIds = new Int32Array(128).fill(-1);
const asciiSeen = new Int32Array(128);
let la = 0;
let lb = 0;

// Python's j2len/newj2len dicts become two rows of lengths indexed by j+1 that
// swap roles each row. Both are all zero between calls; each row, once read, has
// its entries cleared, so an entry is nonzero only if the previous row wrote it,
// which replaces building a fresh dict per row.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

function grow(buf: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return buf.length >= size ? buf : new Int32Array(Math.max(size, buf.length * 2, 64));
}

// Fills the scratch state for a pair: ids, b2j (`__chain_b`) and popular elements.
function prepare(a: string, b: string, autojunk: boolean): void {
  bIds = grow(bIds, b.length);
  counts = grow(counts, b.length + 1);
  let wide: Map<number, number> | undefined;
  let distinct = 0;
  let seen = 0;
  let n = 0;
  for (let k = 0; k < b.length; k++) {
    let c = b.charCodeAt(k);
    let id: number;
    if (c < 128) {
      id = asciiIds[c];
      if (id < 0) {
        id = asciiIds[c] = distinct;
        asciiSeen[seen++] = c;
        counts[distinct++] = 0;
      }
    } else {
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < b.length) {
        const d = b.charCodeAt(k + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          k++;
        }
      }
      wide ??= new Map();
      const found = wide.get(c);
      if (found === undefined) {
        id = distinct;
        wide.set(c, id);
        counts[distinct++] = 0;
      } else id = found;
    }
    bIds[n++] = id;
    counts[id]++;
  }
  lb = n;
  // Python deletes popular elements from b2j but does NOT put them in bjunk, so they
  // can still extend a match in findLongestMatch: they keep their id, with no list.
  if (autojunk && n >= 200) {
    const ntest = Math.floor(n / 100) + 1;
    for (let e = 0; e < distinct; e++) if (counts[e] > ntest) counts[e] = -1;
  }
  start = grow(start, distinct + 1);
  start[0] = 0;
  for (let e = 0; e < distinct; e++) {
    const count = counts[e];
    start[e + 1] = start[e] + (count < 0 ? 0 : count);
    if (count >= 0) counts[e] = start[e];
  }
  idx = grow(idx, start[distinct]);
  for (let j = 0; j < n; j++) {
    const e = bIds[j];
    if (counts[e] >= 0) idx[counts[e]++] = j;
  }
  aIds = grow(aIds, a.length);
  let m = 0;
  for (let k = 0; k < a.length; k++) {
    let c = a.charCodeAt(k);
    if (c < 128) {
      aIds[m++] = asciiIds[c];
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < a.length) {
      const d = a.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        k++;
      }
    }
    aIds[m++] = wide?.get(c) ?? -1;
  }
  la = m;
  for (let s = 0; s < seen; s++) asciiIds[asciiSeen[s]] = -1;
  if (rowA.length <= n) {
    rowA = new Int32Array(Math.max(n + 1, rowA.length * 2));
    rowB = new Int32Array(rowA.length);
  }
}

// Result of findLongestMatch, returned through module variables to avoid a tuple
// allocation per call.
let foundI = 0;
let foundJ = 0;
let foundK = 0;

// find_longest_match(alo, ahi, blo, bhi) with isjunk=None.
function findLongestMatch(alo: number, ahi: number, blo: number, bhi: number): void {
  const a = aIds;
  const b = bIds;
  const list = idx;
  const first = start;
  let cur = rowA;
  let prev = rowB;
  // The entries the previous row wrote (in prev) are those of list[prevFrom .. prevTo).
  let prevFrom = 0;
  let prevTo = 0;
  let besti = alo;
  let bestj = blo;
  let bestsize = 0;
  for (let i = alo; i < ahi; i++) {
    const e = a[i];
    let from = 0;
    let to = 0;
    if (e >= 0) {
      let t = first[e];
      const end = first[e + 1];
      if (blo > 0) {
        // Python skips the indices below blo one by one; a binary search finds the same place.
        let hi = end;
        while (t < hi) {
          const mid = (t + hi) >>> 1;
          if (list[mid] < blo) t = mid + 1;
          else hi = mid;
        }
      }
      from = t;
      for (; t < end; t++) {
        const j = list[t];
        if (j >= bhi) break;
        // Slot j+1 holds j2len[j], so prev[j] is j2len.get(j-1, 0) (slot 0 stays 0).
        const k = prev[j] + 1;
        cur[j + 1] = k;
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      to = t;
    }
    for (let t = prevFrom; t < prevTo; t++) prev[list[t] + 1] = 0;
    prevFrom = from;
    prevTo = to;
    const swap = prev;
    prev = cur;
    cur = swap;
  }
  for (let t = prevFrom; t < prevTo; t++) prev[list[t] + 1] = 0;
  // bjunk is empty without isjunk, so only these two extensions can apply; they
  // extend over popular elements, which is how autojunk still matches them.
  while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
    besti--;
    bestj--;
    bestsize++;
  }
  while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
    bestsize++;
  }
  foundI = besti;
  foundJ = bestj;
  foundK = bestsize;
}

// The queue loop of get_matching_blocks, before sorting and merging. Pushes the
// blocks to `out` when given; returns the total size.
// The queue of ranges (alo, ahi, blo, bhi), reused: at most one range per element of a is pending.
let queue = new Int32Array(64);

function rawBlocks(out: MatchBlock[] | undefined): number {
  if (queue.length < 4 * (la + 2)) queue = new Int32Array(4 * (la + 2));
  const q = queue;
  q[0] = 0;
  q[1] = la;
  q[2] = 0;
  q[3] = lb;
  let top = 4;
  let matches = 0;
  while (top > 0) {
    const bhi = q[--top];
    const blo = q[--top];
    const ahi = q[--top];
    const alo = q[--top];
    findLongestMatch(alo, ahi, blo, bhi);
    const i = foundI;
    const j = foundJ;
    const k = foundK;
    if (k) {
      matches += k;
      out?.push([i, j, k]);
      if (alo < i && blo < j) {
        q[top++] = alo;
        q[top++] = i;
        q[top++] = blo;
        q[top++] = j;
      }
      if (i + k < ahi && j + k < bhi) {
        q[top++] = i + k;
        q[top++] = ahi;
        q[top++] = j + k;
        q[top++] = bhi;
      }
    }
  }
  return matches;
}

/** Python's `SequenceMatcher(None, a, b).get_matching_blocks()`, ending with the dummy `[len(a), len(b), 0]`. */
export function matchingBlocks(a: string, b: string, options: SequenceMatcherOptions = {}): MatchBlock[] {
  prepare(a, b, options.autojunk ?? true);
  const blocks: MatchBlock[] = [];
  rawBlocks(blocks);
  blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
  const out: MatchBlock[] = [];
  let i1 = 0;
  let j1 = 0;
  let k1 = 0;
  for (const [i2, j2, k2] of blocks) {
    if (i1 + k1 === i2 && j1 + k1 === j2) {
      k1 += k2;
    } else {
      if (k1) out.push([i1, j1, k1]);
      i1 = i2;
      j1 = j2;
      k1 = k2;
    }
  }
  if (k1) out.push([i1, j1, k1]);
  out.push([la, lb, 0]);
  return out;
}

/** Python's `SequenceMatcher(None, a, b).ratio()`: 2*M/T, and 1.0 when both are empty. */
export function sequenceRatio(a: string, b: string, options?: SequenceMatcherOptions): number {
  // Python gives exactly 1.0 for equal sequences, autojunk or not: the first
  // longest block found is on the main diagonal and extends over everything.
  if (a === b) return 1.0;
  prepare(a, b, options?.autojunk ?? true);
  // Merging adjacent blocks does not change their total, so sum the raw blocks.
  const matches = rawBlocks(undefined);
  const length = la + lb;
  return length ? (2.0 * matches) / length : 1.0;
}
