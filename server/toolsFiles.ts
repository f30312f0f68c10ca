import * as fs from 'node:fs';
import { readToolsFile } from '../core/dataset/toolsFile.ts';

/** A loaded tools file. `stamp` changes whenever the content may have. */
export interface ToolsFile {
  path: string;
  stamp: string;
  tools?: unknown[];
  error?: string;
}

/**
 * Tools files by path. Each `get` stats the file (cheap) and re-reads it only when its size or
 * modification time changed, so a client without file watching still sees new content on the
 * next validation; watchers only make that validation happen sooner.
 */
export class ToolsFileStore {
  private readonly files = new Map<string, ToolsFile>();

  get(file: string, displayName: string): ToolsFile {
    let stamp = 'missing';
    try {
      const stat = fs.statSync(file);
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      // readToolsFile says why
    }
    const known = this.files.get(file);
    if (known && known.stamp === stamp && stamp !== 'missing') return known;
    return this.remember({ path: file, stamp, ...readToolsFile(file, displayName) });
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
