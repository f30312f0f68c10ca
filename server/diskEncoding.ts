// Bytes that are not UTF-8 in an open dataset: the editor decoded them to U+FFFD before the
// server saw the text, so they are read from the file on disk (cached by size and mtime) and
// reported on the lines that still read as they do on disk.
import { stat, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { invalidUtf8ByLine, type Utf8Problem } from '../core/dataset/utf8.ts';
import { splitByteLines } from '../core/dataset/lineBytes.ts';
import { isUtf8File } from './utf8File.ts';

interface DiskLines {
  stamp: string;
  /** Lines with invalid bytes: their decoded text on disk and the runs. */
  lines: Map<number, { text: string; problems: Utf8Problem[] }>;
}

/** Files larger than this are not read again on every validation (Validate File on Disk reports them). */
const MAX_BYTES = 64 * 1024 * 1024;

export class DiskEncoding {
  private readonly cache = new Map<string, DiskLines>();

  /** The invalid runs of each line of the file behind `uri` whose current text is still the disk's; empty when none (or not a file). */
  async problems(uri: string, lineText: (line: number) => string | undefined): Promise<Map<number, Utf8Problem[]>> {
    const found = new Map<number, Utf8Problem[]>();
    if (!uri.startsWith('file:')) return found;
    let disk: DiskLines;
    try {
      const file = fileURLToPath(uri);
      const info = await stat(file);
      if (info.size > MAX_BYTES) return found;
      const stamp = `${info.size}:${info.mtimeMs}`;
      const cached = this.cache.get(uri);
      if (cached?.stamp === stamp) disk = cached;
      else {
        const lines = new Map<number, { text: string; problems: Utf8Problem[] }>();
        // The whole file is read, and held, only when it has bytes that are not UTF-8.
        if (!(await isUtf8File(file))) {
          const data = await readFile(file);
          const byLine = invalidUtf8ByLine(data);
          const split = splitByteLines(data);
          for (const [line, problems] of byLine) if (split[line]) lines.set(line, { text: split[line].text, problems });
        }
        this.cache.set(uri, (disk = { stamp, lines }));
      }
    } catch {
      return found; // unreadable (deleted, permissions): nothing to say
    }
    for (const [line, { text, problems }] of disk.lines) if (lineText(line) === text) found.set(line, problems);
    return found;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
