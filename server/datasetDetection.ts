import * as path from 'node:path';
import picomatch from 'picomatch';
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

const matchers = new Map<string, (input: string) => boolean>();
function matcher(glob: string): (input: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    m = picomatch(glob, { dot: true });
    matchers.set(glob, m);
  }
  return m;
}
