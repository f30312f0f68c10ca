// Where "open case" in the results viewer may go. A results file is data (it can come with a
// cloned repository): its `dataset` may name `/etc/passwd` or `../../.ssh/id_rsa`, and the line
// comes from the webview. Only a `.jsonl` file inside a workspace folder (symbolic links
// followed) opens at once; anything else is the user's call, asked naming the path.
import * as path from 'node:path';

/** A dataset path judged: opened at once, or only after the user agrees (`reason` says why). */
export type DatasetPlace = { kind: 'inside'; file: string } | { kind: 'outside'; file: string; reason: string };

/**
 * Judges `file` (absolute, as resolved from the results file) against the workspace `folders`.
 * `realpath` resolves symbolic links (a link inside the workspace may point anywhere); when it
 * throws (no such file) the path is judged as written.
 */
export function placeDataset(file: string, folders: readonly string[], realpath: (p: string) => string = (p) => p): DatasetPlace {
  let real = path.resolve(file);
  try {
    real = realpath(real);
  } catch {
    // Judged as written; opening it will fail anyway.
  }
  if (!folders.some((folder) => isInside(real, safeRealpath(folder, realpath)))) {
    return { kind: 'outside', file: real, reason: folders.length === 0 ? 'no folder is open' : 'it is outside the workspace folders' };
  }
  if (!/\.jsonl$/i.test(real)) return { kind: 'outside', file: real, reason: 'it is not a .jsonl file' };
  return { kind: 'inside', file: real };
}

/** The sentence that asks before opening a dataset outside the workspace. */
export function askToOpenMessage(place: Extract<DatasetPlace, { kind: 'outside' }>): string {
  return `These results name "${place.file}" as their eval set, but ${place.reason}. Open it anyway?`;
}

/** A 1-based case line from the webview, as a 0-based line that exists in a document of `lineCount` lines. */
export function clampCaseLine(line: number, lineCount: number): number {
  if (!Number.isFinite(line) || lineCount < 1) return 0;
  return Math.min(Math.max(Math.floor(line) - 1, 0), lineCount - 1);
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function safeRealpath(p: string, realpath: (p: string) => string): string {
  try {
    return realpath(path.resolve(p));
  } catch {
    return path.resolve(p);
  }
}
