// Where the `toolcall.toolsFile` setting points, decided once for the language server (the
// Problems panel) and the extension (the launch's preflight), so both check with the same file.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** The workspace folder (as a path) that contains `file`, the deepest one first. */
export function folderOf(file: string | undefined, folders: readonly string[]): string | undefined {
  if (!file) return undefined;
  let best: string | undefined;
  for (const folder of folders) {
    const rel = path.relative(folder, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}

/**
 * The tools file for a dataset at `file` (a path; undefined for untitled documents): an
 * absolute setting as is; a relative one against the dataset's workspace folder, its
 * directory, then the first folder, the first that exists (else the first candidate, so the
 * problem names a path). Blank: none.
 */
export function resolveToolsPath(setting: string, file: string | undefined, folders: readonly string[]): string | undefined {
  const value = setting.trim();
  if (!value) return undefined;
  if (path.isAbsolute(value)) return path.normalize(value);
  const candidates = [folderOf(file, folders), file ? path.dirname(file) : undefined, folders[0]].filter((d): d is string => d !== undefined).map((d) => path.resolve(d, value));
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}
