import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** File-system path of a `file:` URI, or undefined (untitled, virtual workspaces). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

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
