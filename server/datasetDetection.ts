import * as path from 'node:path';
import { compileGlob, type CompiledGlob } from '../core/dataset/glob.ts';
import { folderOf } from '../core/settings/toolsPath.ts';
import { uriToPath } from './paths.ts';

/** Reads lines of a document (LSP lines, no line break). */
export interface LinesView {
  readonly lineCount: number;
  lineText(index: number): string;
}

/** How far to look for the first non-blank line (a file of blank lines is not a dataset). */
const SCAN_LIMIT = 1000;

/**
 * Whether a `.jsonl` document is a dataset. With `patterns` (setting `toolcall.datasets`) the
 * document's path must match one: a pattern without `/` matches the file name, others the path
 * relative to its workspace folder (or the absolute path). Without patterns, or for documents
 * with no path (untitled), the first non-blank line must have a `messages` key.
 */
export function isDataset(uri: string, lines: LinesView, patterns: readonly string[], folders: readonly string[]): boolean {
  const file = uriToPath(uri);
  if (patterns.length > 0 && file) return matchesDatasetGlobs(file, patterns, folders);
  return firstLineHasMessages(lines);
}

export function matchesDatasetGlobs(file: string, patterns: readonly string[], folders: readonly string[]): boolean {
  const posix = (p: string) => p.split(path.sep).join('/');
  const folder = folderOf(file, folders);
  const candidates = [posix(file)];
  if (folder) candidates.push(posix(path.relative(folder, file)));
  const name = path.basename(file);
  return patterns.some((pattern) => {
    const glob = pattern.replace(/^\.\//, '');
    const match = matcher(glob);
    return glob.includes('/') ? candidates.some((candidate) => match(candidate)) : match(name);
  });
}

export function firstLineHasMessages(lines: LinesView): boolean {
  const limit = Math.min(lines.lineCount, SCAN_LIMIT);
  for (let i = 0; i < limit; i++) {
    const text = lines.lineText(i).replace(/^\uFEFF/, '');
    if (text.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(text);
      return typeof value === 'object' && value !== null && !Array.isArray(value) && 'messages' in value;
    } catch {
      // A line being typed is still a dataset line if it names `messages` as a key.
      return /^\s*\{.*"messages"\s*:/.test(text);
    }
  }
  return false;
}

// Globs come from settings a repository can set: compiled once each to a linear-time matcher.
const MAX_CACHED_GLOBS = 200;
const matchers = new Map<string, CompiledGlob>();
function compiled(glob: string): CompiledGlob {
  let m = matchers.get(glob);
  if (!m) {
    m = compileGlob(glob);
    if (matchers.size >= MAX_CACHED_GLOBS) matchers.delete(matchers.keys().next().value as string);
    matchers.set(glob, m);
  }
  return m;
}

function matcher(glob: string): (input: string) => boolean {
  const m = compiled(glob);
  return 'matches' in m ? m.matches : () => false;
}

/** One sentence per glob of `toolcall.datasets` that cannot be used (it then matches nothing). */
export function datasetGlobProblems(patterns: readonly string[]): string[] {
  return patterns.flatMap((pattern) => {
    const m = compiled(pattern.replace(/^\.\//, ''));
    return 'problem' in m ? [`Setting "toolcall.datasets": ${m.problem} It matches no file.`] : [];
  });
}
