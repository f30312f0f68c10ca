// A file's lines read synchronously through one reused buffer, for commands whose work per
// line is synchronous anyway (scoring offline predictions). Lines, their texts and their
// indexes are those of core/dataset/streamLines.ts over a read stream; what differs is memory:
// a read stream hands over a new buffer per read, and their backing stores are freed only when
// the garbage collector gets to them: ~20 MB of spent read buffers were resident at the peak of
// `toolcall eval --predictions` on the bench sets. And each line is decoded into a string of its
// own, not cut from the text of a whole chunk: a cut holds on to that text, so every 64 KB chunk
// outlived the scoring of its lines and was moved to the old generation, to wait there for a
// full collection (the real bench set: 34 MB of such text).
import { closeSync, openSync, readSync } from 'node:fs';
import { READ_CHUNK_BYTES, type StreamedLine } from '../core/dataset/streamLines.ts';
import { invalidUtf8ByLine, type Utf8Problem } from '../core/dataset/utf8.ts';

/** No line has bytes that are not UTF-8 (or nobody asked). */
const NONE: ReadonlyMap<number, Utf8Problem[]> = new Map();

const LF = 10;
const CR = 13;

/**
 * The lines of the file at `absolute`: LF and CRLF end a line, the last line is given when it
 * is not empty (with its CR, if it ends with one, as streamLines does). Bytes that are not
 * UTF-8 become U+FFFD, decoded by whole lines; with `encoding`, each line with such bytes
 * also says where they are (`encoding`, as streamLines does). Throws what fs.openSync or
 * readSync throws.
 */
export function* fileLines(absolute: string, chunkBytes = READ_CHUNK_BYTES, encoding = false): Generator<StreamedLine> {
  const fd = openSync(absolute, 'r');
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes);
    // Bytes held: [0, filled); those of whole lines are decoded, the rest moved to the front.
    let filled = 0;
    let index = 0;
    let offset = 0;
    for (;;) {
      // A line longer than the buffer: a bigger one (lines are decoded whole).
      if (filled === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2);
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      const scanFrom = filled;
      filled += read;
      const last = buffer.lastIndexOf(LF, filled - 1);
      if (last < scanFrom) continue;
      const problems = encoding ? invalidUtf8ByLine(buffer.subarray(0, last + 1)) : NONE;
      const first = index;
      let start = 0;
      while (start <= last) {
        const lf = buffer.indexOf(LF, start);
        const end = lf > start && buffer[lf - 1] === CR ? lf - 1 : lf;
        const text = buffer.toString('utf8', start, end);
        const found = problems.size > 0 ? problems.get(index - first) : undefined;
        yield found ? { index: index++, start: offset, text, encoding: found } : { index: index++, start: offset, text };
        offset += text.length + (lf - end) + 1;
        start = lf + 1;
      }
      buffer.copy(buffer, 0, last + 1, filled);
      filled -= last + 1;
    }
    if (filled > 0) {
      const found = encoding ? invalidUtf8ByLine(buffer.subarray(0, filled)).get(0) : undefined;
      const text = buffer.toString('utf8', 0, filled);
      yield found ? { index, start: offset, text, encoding: found } : { index, start: offset, text };
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * fileLines' line texts and indexes (no encoding report), handed to `onLine` in order: the same
 * cutting, in a plain loop where fileLines is a generator. `toolcall eval --predictions` reads
 * ~43,000 lines and does little more per line than parse it; resuming a generator and making a
 * line object for each line cost it ~60 M instructions on the generated eval bench set (3,664-3,681
 * -> 3,607-3,614 M, cachegrind, whole process). Throws what fs.openSync or readSync throws, and
 * what `onLine` throws.
 */
export function eachFileLine(absolute: string, onLine: (text: string, index: number) => void, chunkBytes = READ_CHUNK_BYTES): void {
  const fd = openSync(absolute, 'r');
  try {
    let buffer = Buffer.allocUnsafe(chunkBytes);
    let filled = 0;
    let index = 0;
    for (;;) {
      if (filled === buffer.length) buffer = Buffer.concat([buffer], buffer.length * 2);
      const read = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (read === 0) break;
      const scanFrom = filled;
      filled += read;
      const last = buffer.lastIndexOf(LF, filled - 1);
      if (last < scanFrom) continue;
      let start = 0;
      while (start <= last) {
        const lf = buffer.indexOf(LF, start);
        const end = lf > start && buffer[lf - 1] === CR ? lf - 1 : lf;
        onLine(buffer.toString('utf8', start, end), index++);
        start = lf + 1;
      }
      buffer.copy(buffer, 0, last + 1, filled);
      filled -= last + 1;
    }
    if (filled > 0) onLine(buffer.toString('utf8', 0, filled), index);
  } finally {
    closeSync(fd);
  }
}
