import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_TOOLS_FILE_BYTES, parseToolsFile } from '../core/dataset/toolsFile.ts';
import { folderOf, uriToPath } from './paths.ts';

/** Code of the line-0 diagnostic when the shared tools file cannot be used. */
export const TOOLS_FILE_PROBLEM = 'TC705' as const;

/** A loaded tools file. `stamp` changes whenever the content may have. */
export interface ToolsFile {
  path: string;
  stamp: string;
  tools?: unknown[];
  error?: string;
}

/**
 * Where the `toolcall.toolsFile` setting points for a document: absolute as is; relative to the
 * document's workspace folder when it is in one (and the file exists there), else to the
 * document's directory, else to the first folder (untitled documents).
 */
export function resolveToolsPath(setting: string, documentUri: string, folders: readonly string[]): string | undefined {
  if (!setting) return undefined;
  if (path.isAbsolute(setting)) return path.normalize(setting);
  const file = uriToPath(documentUri);
  const folder = folderOf(file, folders);
  const candidates = [folder, file ? path.dirname(file) : undefined, folders[0]].filter((d): d is string => d !== undefined);
  const resolved = candidates.map((d) => path.resolve(d, setting));
  return resolved.find((p) => fs.existsSync(p)) ?? resolved[0];
}

/**
 * Tools files by path. Each `get` stats the file (cheap) and re-reads it only when its size or
 * modification time changed, so a client without file watching still sees new content on the
 * next validation; watchers only make that validation happen sooner.
 */
export class ToolsFileStore {
  private readonly files = new Map<string, ToolsFile>();

  get(file: string, displayName: string): ToolsFile {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (error) {
      return this.remember({ path: file, stamp: 'missing', error: `Tools file ${displayName} can't be read (${describe(error)}); lines without their own "tools" are checked without it.` });
    }
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    // The path comes from settings a repository can carry: a FIFO or /dev/zero would block
    // the read forever, a huge file would fill memory.
    const refusal = !stat.isFile() ? 'it is not a regular file' : stat.size > MAX_TOOLS_FILE_BYTES ? `it is larger than ${MAX_TOOLS_FILE_BYTES / 2 ** 20} MB` : undefined;
    if (refusal) return this.remember({ path: file, stamp, error: `Tools file ${displayName} is not used (${refusal}); point "toolcall.toolsFile" at a JSON array of tool declarations.` });
    const known = this.files.get(file);
    if (known && known.stamp === stamp) return known;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      return this.remember({ path: file, stamp, error: `Tools file ${displayName} can't be read (${describe(error)}); lines without their own "tools" are checked without it.` });
    }
    const parsed = parseToolsFile(text, displayName);
    return this.remember('tools' in parsed ? { path: file, stamp, tools: parsed.tools } : { path: file, stamp, error: parsed.error });
  }

  /** Paths loaded so far (to watch). */
  paths(): string[] {
    return [...this.files.keys()];
  }

  invalidate(file: string): boolean {
    return this.files.delete(file);
  }

  private remember(entry: ToolsFile): ToolsFile {
    const known = this.files.get(entry.path);
    if (known && known.stamp === entry.stamp && known.error === entry.error) return known;
    this.files.set(entry.path, entry);
    return entry;
  }
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code === 'ENOENT' ? 'no such file' : (e?.code ?? e?.message ?? String(error));
}
