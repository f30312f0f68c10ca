// Matching expected calls to predicted calls as an unordered multiset: parallel
// calls may come in any order, and a duplicated call must be matched twice.

/** Whether an n x n bipartite graph has a perfect matching. */
export function hasPerfectMatching(n: number, edge: (i: number, j: number) => boolean): boolean {
  // The pairing in order first (calls right and in their order, the common case): when it holds,
  // a perfect matching exists and no table is built to find one.
  let i = 0;
  while (i < n && edge(i, i)) i++;
  return i === n || perfectMatching(n, edge) !== undefined;
}

/** A perfect matching of an n x n bipartite graph as the column of each row, or undefined (Kuhn's augmenting paths). */
export function perfectMatching(n: number, edge: (i: number, j: number) => boolean): number[] | undefined {
  // One call against one, most cases: the search below would allocate its tables for one edge.
  if (n === 1) return edge(0, 0) ? [0] : undefined;
  const edges = new Array<number>(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) edges[i * n + j] = edge(i, j) ? 1 : 0;
  return matchingOfBit(n, edges, 1);
}

/**
 * Whether the n x n graph whose edge (i, j) is `bit` set in `masks[i * n + j]` has a perfect
 * matching: several graphs over one table of bits (a case's metrics), with no function per edge.
 */
export function hasPerfectMatchingOfBit(n: number, masks: readonly number[], bit: number): boolean {
  let i = 0;
  while (i < n && (masks[i * n + i]! & bit) !== 0) i++;
  return i === n || matchingOfBit(n, masks, bit) !== undefined;
}

/** Kuhn's augmenting paths on the graph of `bit` in `masks` (see hasPerfectMatchingOfBit): each row's column, or undefined. */
function matchingOfBit(n: number, masks: readonly number[], bit: number): number[] | undefined {
  const owner = new Array<number>(n).fill(-1);
  const seen = new Array<boolean>(n);
  for (let i = 0; i < n; i++) {
    seen.fill(false);
    if (!augment(n, masks, bit, i, seen, owner)) return undefined;
  }
  const columnOf = new Array<number>(n);
  for (let j = 0; j < n; j++) columnOf[owner[j]!] = j;
  return columnOf;
}

function augment(n: number, masks: readonly number[], bit: number, i: number, seen: boolean[], owner: number[]): boolean {
  for (let j = 0; j < n; j++) {
    if ((masks[i * n + j]! & bit) === 0 || seen[j]) continue;
    seen[j] = true;
    if (owner[j]! < 0 || augment(n, masks, bit, owner[j]!, seen, owner)) {
      owner[j] = i;
      return true;
    }
  }
  return false;
}

/**
 * The largest total weight of a one-to-one assignment of rows to columns (any
 * shape; unmatched rows or columns add nothing), by the Hungarian method on the
 * padded square cost matrix. Returns the total and, per row, its column or -1.
 */
export function maxWeightAssignment(weights: number[][], columns: number): { total: number; columnOf: number[] } {
  const rows = weights.length;
  const n = Math.max(rows, columns);
  if (n === 0) return { total: 0, columnOf: [] };
  // A 1 x 1 problem has one assignment; its total is what the loop below would add up (0 + w).
  if (rows === 1 && columns === 1) return { total: 0 + weights[0][0], columnOf: [0] };
  const cost = (i: number, j: number): number => (i < rows && j < columns ? -weights[i][j] : 0);
  // e-maxx formulation, 1-based: u, v potentials; p[j] = row matched to column j.
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Infinity);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOf = new Array<number>(rows).fill(-1);
  let total = 0;
  for (let j = 1; j <= n; j++) {
    const i = p[j] - 1;
    if (i < rows && j - 1 < columns) {
      columnOf[i] = j - 1;
      total += weights[i][j - 1];
    }
  }
  return { total, columnOf };
}
