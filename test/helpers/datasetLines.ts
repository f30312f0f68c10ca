// Lines to compare a fast path with the general one over: every line of the committed fixtures,
// and lines of bench/generate.mjs's dataset (the bench's generated shape, at a small size); spaced()
// writes a value with Python's separators, as real datasets are.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The non-blank lines of every .jsonl file under test/fixtures, files in sorted order. */
export function fixtureLines(): string[] {
  const root = join(__dirname, '../fixtures');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).sort();
  return files.flatMap((f) => readFileSync(join(root, f), 'utf8').split('\n')).filter((l) => l.trim() !== '');
}

/** The lines of a dataset of `examples` examples from bench/generate.mjs with `seed`. */
export function generatedLines(examples: number, seed: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'generated-lines-'));
  try {
    const file = join(dir, 'generated.jsonl');
    execFileSync(process.execPath, [join(__dirname, '../../bench/generate.mjs'), file, '--examples', String(examples), '--seed', String(seed)]);
    return readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** JSON with Python's separators (", " and ": "), as real datasets are written. */
export function spaced(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(spaced).join(', ') + ']';
  if (typeof value === 'object' && value !== null) return '{' + Object.entries(value).map(([k, v]) => JSON.stringify(k) + ': ' + spaced(v)).join(', ') + '}';
  return JSON.stringify(value);
}
