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
