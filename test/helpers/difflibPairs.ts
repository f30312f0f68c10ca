// What the difflib tests against CPython share: seeded random texts and edited copies of them
// (each test its own seed and bounds, so each keeps its own pairs), and CPython's own blocks and
// ratios for a list of pairs.
import { spawnSync } from 'node:child_process';
import { mulberry32 } from '../../core/random.ts';

/** How `edited` changes a text: up to `edits` + 1 changes, pieces of 1..`piece`, cuts of 1..`cut`. */
export interface EditBounds {
  edits: number;
  piece: number;
  cut: number;
}

/** Seeded makers of texts over an alphabet (in code points). */
export function seededTexts(seed: number) {
  const random = mulberry32(seed);
  const int = (n: number): number => Math.floor(random() * n);
  const text = (length: number, alphabet: string): string => {
    const chars = Array.from(alphabet);
    let out = '';
    for (let k = 0; k < length; k++) out += chars[int(chars.length)];
    return out;
  };
  // `base` with a few pieces inserted, cut or replaced.
  const edited = (base: string, alphabet: string, bounds: EditBounds): string => {
    const chars = Array.from(base);
    for (let n = int(bounds.edits); n >= 0; n--) {
      const at = int(chars.length + 1);
      const piece = Array.from(text(1 + int(bounds.piece), alphabet));
      const kind = int(3);
      if (kind === 0) chars.splice(at, 0, ...piece);
      else if (kind === 1) chars.splice(at, 1 + int(bounds.cut));
      else chars.splice(at, piece.length, ...piece);
    }
    return chars.join('');
  };
  return { random, int, text, edited };
}

/** CPython's result for one pair: [blocks, ratio] with autojunk, then without. */
export type DifflibResult = [[[number, number, number][], number], [[number, number, number][], number]];

// Reads [a, b] pairs as JSON lines (lone surrogates travel as \ud800 escapes) and prints, per
// pair, the blocks and ratio with and without autojunk.
const PYTHON = `
import difflib, json, sys
for line in sys.stdin:
    a, b = json.loads(line)
    out = []
    for autojunk in (True, False):
        m = difflib.SequenceMatcher(None, a, b, autojunk=autojunk)
        out.append([[list(x) for x in m.get_matching_blocks()], m.ratio()])
    print(json.dumps(out))
`;

/** Whether python3 runs here (the tests against it skip without it). */
export const hasPython3 = (): boolean => spawnSync('python3', ['--version']).status === 0;

/** CPython difflib's blocks and ratios of each pair, in order; throws if python3 fails. */
export function cpythonDifflib(pairs: readonly [string, string][]): DifflibResult[] {
  const run = spawnSync('python3', ['-c', PYTHON], { input: pairs.map((p) => JSON.stringify(p)).join('\n') + '\n', encoding: 'utf8', maxBuffer: 256 << 20 });
  if (run.status !== 0) throw new Error(`python3 difflib failed: ${run.stderr}`);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as DifflibResult);
}
