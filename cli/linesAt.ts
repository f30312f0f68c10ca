// Some lines of a file, by index, read again: `toolcall stats` reads the first line of each group
// of possible exact copies a second time (core/stats/deferredKeys.ts). Line breaks are found in the
// bytes (fileLineCutter.ts, as fileLines.ts finds them); only the lines asked for are decoded, so a
// pass costs little more than reading the file.
import { READ_CHUNK_BYTES } from '../core/dataset/streamLines.ts';
import type { StatsLine } from '../core/stats/example.ts';
import { FileLineCutter } from './fileLineCutter.ts';

/** The lines of the file at `absolute` with these 0-based indexes (ascending), as fileLines gives them. Throws what fs.openSync or readSync throws. */
export function* linesAt(absolute: string, indexes: readonly number[], chunkBytes = READ_CHUNK_BYTES): Generator<StatsLine> {
  if (indexes.length === 0) return;
  const cutter = new FileLineCutter(absolute, chunkBytes);
  try {
    let next = 0;
    while (cutter.nextLine()) {
      if (cutter.index !== indexes[next]) continue;
      yield { index: cutter.index, text: cutter.text() };
      if (++next === indexes.length) return;
    }
  } finally {
    cutter.close();
  }
}
