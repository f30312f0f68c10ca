// A file's lines read synchronously through one reused buffer (cut by fileLineCutter.ts), for
// commands whose work per line is synchronous anyway. Lines, their texts and their indexes are
// those of core/dataset/streamLines.ts over a read stream; what differs is memory: a read stream
// hands over a new buffer per read, and their backing stores are freed only when the garbage
// collector gets to them: ~20 MB of spent read buffers were resident at the peak of `toolcall
// eval --predictions` on the bench sets. And each line is decoded into a string of its own, not
// cut from the text of a whole chunk: a cut holds on to that text, so every 64 KB chunk outlived
// the scoring of its lines and was moved to the old generation, to wait there for a full
// collection (the real bench set: 34 MB of such text).
import type { LineReader } from '../core/dataset/lines.ts';
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
  const reader = new FileLineReader(absolute, chunkBytes, encoding);
  try {
    let offset = 0;
    while (reader.nextLine()) {
      const { index } = reader;
      const text = reader.text();
      const found = reader.encodingProblems();
      yield found ? { index, start: offset, text, encoding: found } : { index, start: offset, text };
      offset += text.length + reader.breakBytes;
    }
  } finally {
    reader.close();
  }
}

/**
 * fileLines' lines one at a time in a plain loop, for a caller that may wait between lines
 * (`toolcall validate`, for a slow stdout): a generator's resume and a line object per line cost
 * `toolcall validate` ~1% of its instructions on the generated bench file. Throws what
 * fs.openSync or readSync throws; `close` closes the file.
 */
export class FileLineReader implements LineReader {
  private readonly cutter: FileLineCutter;
  private problems = NONE;
  /** The index of the first line of the bytes `problems` was found in. */
  private first = 0;

  constructor(absolute: string, chunkBytes = READ_CHUNK_BYTES, encoding = false) {
    this.cutter = new FileLineCutter(
      absolute,
      chunkBytes,
      encoding
        ? (lines) => {
            this.problems = invalidUtf8ByLine(lines);
            this.first = this.cutter.index + 1;
          }
        : undefined,
    );
  }

  /** Moves to the next line; false when there is none. */
  nextLine(): boolean {
    return this.cutter.nextLine();
  }

  /** The current line's 0-based index. */
  get index(): number {
    return this.cutter.index;
  }

  /** The current line's line break, in bytes (1 or 2; 0 for a last line without one). */
  get breakBytes(): number {
    return this.cutter.breakBytes;
  }

  /** The current line's text (see FileLineCutter.text). */
  text(): string {
    return this.cutter.text();
  }

  /** Where the current line's bytes are not UTF-8, when the reader was asked to find them; else undefined. */
  encodingProblems(): Utf8Problem[] | undefined {
    return this.problems.size > 0 ? this.problems.get(this.cutter.index - this.first) : undefined;
  }

  close(): void {
    this.cutter.close();
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
