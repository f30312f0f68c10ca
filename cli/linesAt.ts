// Some lines of a file, by index, read again: `toolcall stats` reads the first line of each group
// of possible exact copies a second time (core/stats/deferredKeys.ts). Line breaks are found in the
// bytes; only the lines asked for are decoded, so a pass costs little more than reading the file.
// Lines, their texts and their indexes are those of fileLines.ts (and streamLines).
import { closeSync, openSync, readSync } from 'node:fs';
import { READ_CHUNK_BYTES } from '../core/dataset/streamLines.ts';
import type { StatsLine } from '../core/stats/example.ts';

const LF = 10;
const CR = 13;

/** The lines of the file at `absolute` with these 0-based indexes (ascending), as fileLines gives them. Throws what fs.openSync or readSync throws. */
export function* linesAt(absolute: string, indexes: readonly number[], chunkBytes = READ_CHUNK_BYTES): Generator<StatsLine> {
  if (indexes.length === 0) return;
  const fd = openSync(absolute, 'r');
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes);
    // Bytes held: [0, filled), from the start of line `index` on.
    let filled = 0;
    let index = 0;
    let next = 0;
    for (;;) {
      // A wanted line longer than the buffer: a bigger one (lines are decoded whole).
      if (filled === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2);
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      filled += read;
      let start = 0;
      for (;;) {
        const lf = buffer.indexOf(LF, start);
        if (lf === -1 || lf >= filled) break;
        if (index === indexes[next]) {
          const end = lf > start && buffer[lf - 1] === CR ? lf - 1 : lf;
          yield { index, text: buffer.toString('utf8', start, end) };
          if (++next === indexes.length) return;
        }
        index++;
        start = lf + 1;
      }
      // The unfinished line: kept when it is wanted, else its bytes so far are dropped.
      if (index === indexes[next]) {
        buffer.copy(buffer, 0, start, filled);
        filled -= start;
      } else filled = 0;
    }
    if (filled > 0 && index === indexes[next]) yield { index, text: buffer.toString('utf8', 0, filled) };
  } finally {
    closeSync(fd);
  }
}
