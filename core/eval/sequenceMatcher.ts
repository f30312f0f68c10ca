// The engine of difflib.ts: CPython's SequenceMatcher (isjunk=None) on sequences of code
// points held in Int32Arrays. Same blocks and tie-breaks as Python; the longest match of a tall
// range is found by sampling rows (proved equal below), and all working memory is typed arrays
// reused across calls, for speed on millions of short pairs. The pair's index (ids, b2j) is
// sequenceIndex.ts.
import { aCore, aIds, bIds, firstPos, indexPair, indexWork, la, lb, nextSame, NONE } from './sequenceIndex.ts';

/** Options of `sequenceRatio` and `matchingBlocks`. */
export interface SequenceMatcherOptions {
  /** Python's `autojunk` (default true): for b of 200+ elements, drop elements occurring more than len(b)//100 + 1 times from the index. */
  autojunk?: boolean;
}

/** One matching block `[i, j, size]`: a[i:i+size] == b[j:j+size], indices in code points. */
export type MatchBlock = [number, number, number];

// Python's j2len/newj2len dicts: j2len[j] is the length of the run of matches on the diagonal
// through (i, j), counted from the range's first row. It is kept per diagonal (d = j - i + la)
// with the row that wrote it, so a run continues only when the previous row of the same
// call wrote it: no dict per row, and nothing to clear between rows or calls. Rows are
// numbered across calls (`rowStamp`, with one number skipped between calls), so an entry
// left by another call or pair can never read as the previous row.
let diagRow = new Int32Array(64);
let diagRun = new Int32Array(64);
let rowStamp = 0;
/** Restarts the numbering well before it would overflow (the arrays are then all stale). */
const MAX_ROW_STAMP = 1 << 30;

// Indexes the pair (sequenceIndex.ts) and sizes the per-diagonal arrays.
function prepare(a: Int32Array, m: number, b: Int32Array, n: number, autojunk: boolean, ascii: boolean): void {
  indexPair(a, m, b, n, autojunk, ascii);
  if (diagRow.length <= m + n) {
    diagRow = new Int32Array(Math.max(m + n + 1, diagRow.length * 2));
    diagRun = new Int32Array(diagRow.length);
    rowStamp = 0;
  }
}

// The longest run found by longestRunByTable or longestRunBySampling, returned through module
// variables to avoid a tuple allocation per call.
let foundI = 0;
let foundJ = 0;
let foundK = 0;

// b2j[e] from blo on, as Python walks it skipping the indices below blo. When the range's b is
// narrow next to its rows (the small ranges the queue loop leaves), its first index of each
// element is found by one pass over b[blo:bhi] instead, stamped so that nothing is cleared.
let firstIn = new Int32Array(128);
let firstInStamp = new Int32Array(128);
let scanStamp = 0;
/** The stamp of the current range's pass, or 0 when its lookups walk b2j from its start. */
let rangeStamp = 0;

function startRange(alo: number, ahi: number, blo: number, bhi: number): void {
  rangeStamp = 0;
  if (blo === 0) return;
  if (bhi - blo > 4 * (ahi - alo) + 8) {
    indexWork.walkedRanges++;
    return;
  }
  indexWork.scannedRanges++;
  if (firstIn.length < firstPos.length) {
    firstIn = new Int32Array(firstPos.length);
    firstInStamp = new Int32Array(firstPos.length);
    scanStamp = 0;
  }
  if (scanStamp > MAX_ROW_STAMP) {
    firstInStamp.fill(0);
    scanStamp = 0;
  }
  const stamp = (rangeStamp = ++scanStamp);
  const b = bIds;
  for (let j = bhi - 1; j >= blo; j--) {
    const e = b[j];
    firstIn[e] = j;
    firstInStamp[e] = stamp;
  }
}

/** The first index of element e in b at or after blo (below the range's bhi when it was scanned), or NONE. */
function firstFrom(e: number, blo: number): number {
  if (rangeStamp !== 0) return firstInStamp[e] === rangeStamp ? firstIn[e] : NONE;
  const next = nextSame;
  let j = firstPos[e];
  while (j < blo) j = next[j];
  return j;
}

// Python's loop over i and b2j[a[i]], which keeps the first longest run (by last row, then
// column) of table matches in the range.
function longestRunByTable(alo: number, ahi: number, blo: number, bhi: number): void {
  const a = aCore;
  const next = nextSame;
  const rows = diagRow;
  const runs = diagRun;
  if (rowStamp > MAX_ROW_STAMP) {
    rows.fill(0);
    rowStamp = 0;
  }
  // One number skipped: the first row's previous row was written by no one.
  let row = rowStamp + 1;
  let besti = alo;
  let bestj = blo;
  let bestsize = 0;
  for (let i = alo; i < ahi; i++) {
    row++;
    const e = a[i];
    if (e < 0) continue;
    const diagonal = la - i;
    for (let j = firstFrom(e, blo); j < bhi; j = next[j]) {
      const d = j + diagonal;
      // k = j2len.get(j-1, 0) + 1
      const k = rows[d] === row - 1 ? runs[d] + 1 : 1;
      rows[d] = row;
      runs[d] = k;
      if (k > bestsize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestsize = k;
      }
    }
  }
  rowStamp = row;
  foundI = besti;
  foundJ = bestj;
  foundK = bestsize;
}

// A run of table matches of length >= step covers a row alo + step - 1 + n*step; extending
// the matches of those rows both ways finds every such run whole. So if the longest run found
// that way is >= step, it is the longest of the range, and the first of that length in Python's
// order (smallest last row, then column) is kept. Otherwise the range holds no run >= step and
// the best found is a lower bound: sample again with it as the step. Returns false (nothing
// decided) when the step falls below MIN_STEP, where the table is cheaper.
const FIRST_STEP = 16;
const MIN_STEP = 3;

function longestRunBySampling(alo: number, ahi: number, blo: number, bhi: number): boolean {
  const a = aCore;
  const b = bIds;
  const next = nextSame;
  // Per diagonal, the end row of the run last extended this round (stamped as the table's rows
  // are): a match inside it is not extended again, so highly repetitive ranges cost no more than
  // the table's steps.
  const rounds = diagRow;
  const ends = diagRun;
  if (rowStamp > MAX_ROW_STAMP) {
    rounds.fill(0);
    rowStamp = 0;
  }
  let step = FIRST_STEP;
  for (;;) {
    const round = ++rowStamp;
    // Best run as [start row, start column, length]; its end is start + length.
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    for (let s = alo + step - 1; s < ahi; s += step) {
      const e = a[s];
      if (e < 0) continue;
      const diagonal = la - s;
      for (let j = firstFrom(e, blo); j < bhi; j = next[j]) {
        const d = j + diagonal;
        if (rounds[d] === round && ends[d] > s) continue;
        let i0 = s;
        let j0 = j;
        while (i0 > alo && j0 > blo && a[i0 - 1] === b[j0 - 1]) {
          i0--;
          j0--;
        }
        let i1 = s + 1;
        let j1 = j + 1;
        while (i1 < ahi && j1 < bhi && a[i1] === b[j1]) {
          i1++;
          j1++;
        }
        rounds[d] = round;
        ends[d] = i1;
        const size = i1 - i0;
        // Python keeps the first run to reach a length: earlier last row, then earlier column.
        if (size > bestsize || (size === bestsize && (i1 < besti + bestsize || (i1 === besti + bestsize && j0 < bestj)))) {
          besti = i0;
          bestj = j0;
          bestsize = size;
        }
      }
    }
    // Both tests made every round: a test first made after this function was compiled (eval's
    // short pairs rarely sample in vain) has no type feedback and threw the compiled code away.
    const found = bestsize >= step;
    const tooShort = bestsize < MIN_STEP;
    if (found) {
      foundI = besti;
      foundJ = bestj;
      foundK = bestsize;
      return true;
    }
    if (tooShort) return false;
    step = bestsize;
  }
}

// The queue loop of get_matching_blocks, before sorting and merging: pushes the blocks to `out`
// when given, returns the total size. At most one range (alo, ahi, blo, bhi) per element of a is pending.
let queue = new Int32Array(64);

function rawBlocks(out: MatchBlock[] | undefined): number {
  if (queue.length < 4 * (la + 2)) queue = new Int32Array(4 * (la + 2));
  const q = queue;
  const a = aIds;
  const b = bIds;
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
    // find_longest_match(alo, ahi, blo, bhi) with isjunk=None, written here (not a function of
    // its own): eval scores a few thousand pairs, and the function was compiled once alone and
    // once more inside this loop. The longest run of table matches (Python's j2len loop) is
    // found by sampling rows when the range is tall enough for it to pay, by the table otherwise.
    startRange(alo, ahi, blo, bhi);
    if (ahi - alo < 2 * FIRST_STEP || !longestRunBySampling(alo, ahi, blo, bhi)) longestRunByTable(alo, ahi, blo, bhi);
    let i = foundI;
    let j = foundJ;
    let k = foundK;
    // bjunk is empty without isjunk, so only these two extensions can apply; they
    // extend over popular elements, which is how autojunk still matches them.
    while (i > alo && j > blo && a[i - 1] === b[j - 1]) {
      i--;
      j--;
      k++;
    }
    while (i + k < ahi && j + k < bhi && a[i + k] === b[j + k]) k++;
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

/** Python's `get_matching_blocks()` before sorting, merging and the final dummy block, on code points a[0:aLength] and b[0:bLength]. */
export function rawMatchingBlocks(a: Int32Array, aLength: number, b: Int32Array, bLength: number, autojunk: boolean): MatchBlock[] {
  prepare(a, aLength, b, bLength, autojunk, false);
  const blocks: MatchBlock[] = [];
  rawBlocks(blocks);
  return blocks;
}

/**
 * sequenceRatio of two sequences of code points, a[0:aLength] and b[0:bLength] (json.dumps
 * texts written as codes by writePythonJsonDumps are compared so, without making strings).
 */
export function codeSequenceRatio(a: Int32Array, aLength: number, b: Int32Array, bLength: number, options?: SequenceMatcherOptions): number {
  if (equalCodes(a, aLength, b, bLength)) return 1.0;
  prepare(a, aLength, b, bLength, options?.autojunk ?? true, false);
  return preparedRatio();
}

/**
 * codeSequenceRatio of two sequences whose codes are all below 128, which is not checked: for
 * json.dumps texts (ensure_ascii writes nothing else), whose codes then serve as ids as they are.
 */
export function asciiSequenceRatio(a: Int32Array, aLength: number, b: Int32Array, bLength: number, autojunk: boolean): number {
  if (equalCodes(a, aLength, b, bLength)) return 1.0;
  prepare(a, aLength, b, bLength, autojunk, true);
  return preparedRatio();
}

function equalCodes(a: Int32Array, aLength: number, b: Int32Array, bLength: number): boolean {
  if (aLength !== bLength) return false;
  let k = 0;
  while (k < aLength && a[k] === b[k]) k++;
  return k === aLength;
}

function preparedRatio(): number {
  // Merging adjacent blocks does not change their total, so sum the raw blocks.
  const matches = rawBlocks(undefined);
  const length = la + lb;
  return length ? (2.0 * matches) / length : 1.0;
}
