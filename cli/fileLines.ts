// A file's lines read synchronously through one reused buffer (cut by fileLineCutter.ts), for
// commands whose work per line is synchronous anyway. Lines, their texts and their indexes are
// those of core/dataset/streamLines.ts over a read stream; what differs is memory: a read stream
// hands over a new buffer per read, and their backing stores are freed only when the garbage
// collector gets to them: ~20 MB of spent read buffers were resident at the peak of `toolcall
// eval --predictions` on the bench sets. And each line is decoded into a string of its own, not
// cut from the text of a whole chunk: a cut holds on to that text, so every 64 KB chunk outlived
// the scoring of its lines and was moved to the old generation, to wait there for a full
// collection (the real bench set: 34 MB of such text).
import { READ_CHUNK_BYTES, type StreamedLine } from '../core/dataset/streamLines.ts';
import { invalidUtf8ByLine, type Utf8Problem } from '../core/dataset/utf8.ts';
import { FileLineCutter } from './fileLineCutter.ts';

/** No line has bytes that are not UTF-8 (or nobody asked). */
const NONE: ReadonlyMap<number, Utf8Problem[]> = new Map();

/**
 * The lines of the file at `absolute` (FileLineCutter's), each with its offset in the file's
 * text. Bytes that are not UTF-8 become U+FFFD, decoded by whole lines; with `encoding`, each
 * line with such bytes also says where they are (`encoding`, as streamLines does, found a read
 * at a time). Throws what fs.openSync or readSync throws.
 */
export function* fileLines(absolute: string, chunkBytes = READ_CHUNK_BYTES, encoding = false): Generator<StreamedLine> {
  let problems = NONE;
  // The index of the first line of the bytes `problems` was found in.
  let first = 0;
  const cutter = new FileLineCutter(
    absolute,
    chunkBytes,
    encoding
      ? (lines) => {
          problems = invalidUtf8ByLine(lines);
          first = cutter.index + 1;
        }
      : undefined,
  );
  try {
    let offset = 0;
    while (cutter.nextLine()) {
      const { index } = cutter;
      const text = cutter.text();
      const found = problems.size > 0 ? problems.get(index - first) : undefined;
      yield found ? { index, start: offset, text, encoding: found } : { index, start: offset, text };
      offset += text.length + cutter.breakBytes;
    }
  } finally {
    cutter.close();
  }
}

/**
 * fileLines' line texts and indexes (no encoding report), handed to `onLine` in order: the same
 * lines, in a plain loop where fileLines is a generator. `toolcall eval --predictions` reads
 * ~43,000 lines and does little more per line than parse it; resuming a generator and making a
 * line object for each line cost it ~60 M instructions on the generated eval bench set (3,664-3,681
 * -> 3,607-3,614 M, cachegrind, whole process). Throws what fs.openSync or readSync throws, and
 * what `onLine` throws.
 */
export function eachFileLine(absolute: string, onLine: (text: string, index: number) => void, chunkBytes = READ_CHUNK_BYTES): void {
  const cutter = new FileLineCutter(absolute, chunkBytes);
  try {
    while (cutter.nextLine()) onLine(cutter.text(), cutter.index);
  } finally {
    cutter.close();
  }
}
