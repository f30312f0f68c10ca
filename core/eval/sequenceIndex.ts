// The index sequenceMatcher.ts searches, for one pair of code point sequences a and b: their
// elements as small ids, and b's positions of each element (Python's b2j) as chains through b.
// All of it lives in module-level typed arrays reused across pairs (the functions are
// synchronous), because allocation dominated short pairs.

// Elements as ids, so that element equality is id equality. When every code of the pair is below
// 128 (json.dumps with ensure_ascii writes nothing else) the codes are the ids and the inputs are
// used as they are; otherwise each distinct code point of b gets an id, and a[i] gets b's id or
// -1 when absent from b.
export let aIds: Int32Array = new Int32Array(0);
export let bIds: Int32Array = new Int32Array(0);
/** aIds with popular elements as -1: a[i] and b[j] count as a match for find_longest_match's table iff aCore[i] === bIds[j]. */
export let aCore: Int32Array = aIds;
export let la = 0;
export let lb = 0;

/** No position: every chain ends with it, and it is past any range's end. */
export const NONE = 0x7fffffff;
/** Per position j of b, the next position holding the same element as b[j], or NONE. */
export let nextSame = new Int32Array(64);
/** Per id, its first position in b, or NONE: with nextSame, b2j[e] in order. */
export let firstPos = new Int32Array(128);

/** Work counters for tests: pairs indexed by their codes or by an id table, ranges with blo > 0 started by a pass over b or by walking b2j. */
export const indexWork = { asciiPairs: 0, codePointPairs: 0, scannedRanges: 0, walkedRanges: 0 };

let aIdBuffer = new Int32Array(0);
let bIdBuffer = new Int32Array(0);
let aCoreBuffer = new Int32Array(0);
let counts = new Int32Array(128);
// Code point -> id for the current b: ASCII through a table (reset after each pair through
// `asciiSeen`), other code points through a Map.
const asciiIds = new Int32Array(128).fill(-1);
const asciiSeen = new Int32Array(128);

/** `buf`, or a new (zeroed) array when it holds fewer than `size` entries. */
export function grow(buf: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  return buf.length >= size ? buf : new Int32Array(Math.max(size, buf.length * 2, 64));
}

/** Indexes the pair a[0:m], b[0:n]: ids, b2j and autojunk's popular elements. `ascii`: every code is known to be below 128. */
export function indexPair(a: Int32Array, m: number, b: Int32Array, n: number, autojunk: boolean, ascii: boolean): void {
  const alphabet = ascii || allAscii(a, m, b, n) ? asciiAsIds(a, b) : codePointIds(a, m, b, n);
  la = m;
  lb = n;
  const first = (firstPos = grow(firstPos, alphabet));
  first.fill(NONE, 0, alphabet);
  const next = (nextSame = grow(nextSame, n));
  const ids = bIds;
  for (let j = n - 1; j >= 0; j--) {
    const e = ids[j];
    next[j] = first[e];
    first[e] = j;
  }
  aCore = aIds;
  if (autojunk && n >= 200) markPopular(m, n, alphabet);
}

function allAscii(a: Int32Array, m: number, b: Int32Array, n: number): boolean {
  let any = 0;
  for (let j = 0; j < n; j++) any |= b[j];
  for (let i = 0; i < m; i++) any |= a[i];
  return any < 128;
}

function asciiAsIds(a: Int32Array, b: Int32Array): number {
  indexWork.asciiPairs++;
  aIds = a;
  bIds = b;
  return 128;
}

// Ids in order of first appearance in b; returns how many.
function codePointIds(a: Int32Array, m: number, b: Int32Array, n: number): number {
  indexWork.codePointPairs++;
  const bOut = (bIds = bIdBuffer = grow(bIdBuffer, n));
  let wide: Map<number, number> | undefined;
  let distinct = 0;
  let seen = 0;
  for (let j = 0; j < n; j++) {
    const c = b[j];
    let id: number;
    if (c < 128) {
      id = asciiIds[c];
      if (id < 0) {
        id = asciiIds[c] = distinct++;
        asciiSeen[seen++] = c;
      }
    } else {
      wide ??= new Map();
      const found = wide.get(c);
      if (found === undefined) {
        id = distinct++;
        wide.set(c, id);
      } else id = found;
    }
    bOut[j] = id;
  }
  const aOut = (aIds = aIdBuffer = grow(aIdBuffer, m));
  for (let i = 0; i < m; i++) {
    const c = a[i];
    aOut[i] = c < 128 ? asciiIds[c] : (wide?.get(c) ?? -1);
  }
  for (let s = 0; s < seen; s++) asciiIds[asciiSeen[s]] = -1;
  return distinct;
}

// Python deletes elements occurring more than n//100 + 1 times from b2j but does NOT put them in
// bjunk, so they can still extend a match in findLongestMatch: they keep their id and their
// chain, and only aCore, which the table and the sampling look up, sees them as -1.
function markPopular(m: number, n: number, alphabet: number): void {
  const count = (counts = grow(counts, alphabet));
  count.fill(0, 0, alphabet);
  for (let j = 0; j < n; j++) count[bIds[j]]++;
  const ntest = Math.floor(n / 100) + 1;
  let popular = false;
  for (let e = 0; e < alphabet; e++) if (count[e] > ntest) popular = true;
  if (!popular) return;
  const core = (aCore = aCoreBuffer = grow(aCoreBuffer, m));
  for (let i = 0; i < m; i++) {
    const e = aIds[i];
    core[i] = e >= 0 && count[e] > ntest ? -1 : e;
  }
}
