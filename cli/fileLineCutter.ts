// Where the lines of a file are, found in its bytes: the one home of the command line's rule for
// cutting a file into lines (fileLines.ts reads every line, linesAt.ts some of them, eval the
// bytes it needs). LF and CRLF end a line; the last line counts when it is not empty, with its CR
// if it ends with one (as core/dataset/streamLines.ts). Nothing is decoded here: a caller decodes
// the lines it wants, and a character never straddles a line break (no byte of a multi-byte
// UTF-8 character is an LF), so a line's bytes decode as the line's part of the whole text.
import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { READ_CHUNK_BYTES } from '../core/dataset/streamLines.ts';

const LF = 10;
const CR = 13;

/** A file's lines one at a time, through one reused buffer (grown to hold the longest line). */
export class FileLineCutter {
  /** The bytes held; the current line is `buffer[start, end)`. */
  buffer: Buffer;
  start = 0;
  end = 0;
  /** The current line's line break, in bytes (1 or 2; 0 for a last line without one). */
  breakBytes = 0;
  /** The current line's 0-based index (-1 before the first). */
  index = -1;
  private readonly fd: number;
  /** Where the next line starts in `buffer`. */
  private next = 0;
  /** The end of the whole lines held: the last LF read, or the end of the file's last line. */
  private last = -1;
  /** Bytes held: [0, filled). */
  private filled = 0;
  /** The file is read to its end, and its last line (without a line break) is held. */
  private ended = false;
  /** The whole lines held are all ASCII, so Latin-1 decodes them as UTF-8 does, by a copy. */
  private ascii = false;

  /**
   * Opens the file at `absolute` (throws what fs.openSync throws); `close` closes it.
   * `onRead` is given the bytes of the whole lines each read brings in, the first of them being
   * the line after the current one (bytes held until the next read), for work done a read at a time.
   */
  constructor(
    absolute: string,
    chunkBytes = READ_CHUNK_BYTES,
    private readonly onRead?: (lines: Buffer) => void,
  ) {
    this.fd = openSync(absolute, 'r');
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  /** Moves to the next line; false when there is none. Throws what fs.readSync throws. */
  nextLine(): boolean {
    if (this.next > this.last && !this.read()) return false;
    const from = this.next;
    if (this.ended) {
      this.end = this.filled;
      this.breakBytes = 0;
    } else {
      const lf = this.buffer.indexOf(LF, from);
      this.end = lf > from && this.buffer[lf - 1] === CR ? lf - 1 : lf;
      this.breakBytes = lf + 1 - this.end;
    }
    this.start = from;
    this.next = this.end + this.breakBytes + (this.ended ? 1 : 0);
    this.index++;
    return true;
  }

  /**
   * The current line's text (bytes that are not UTF-8 become U+FFFD). UTF-8 decoding checks
   * every byte again: the lines of a read found all ASCII by one check are copied instead
   * (generated eval bench set, whole process: 3,064 -> 3,043 M instructions).
   */
  text(): string {
    return this.buffer.toString(this.ascii ? 'latin1' : 'utf8', this.start, this.end);
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Reads until whole lines are held after the ones given; false at the end of the file. */
  private read(): boolean {
    if (this.ended) return false;
    this.buffer.copy(this.buffer, 0, this.next, this.filled);
    this.filled -= this.next;
    this.next = 0;
    for (;;) {
      // A line longer than the buffer: a bigger one (lines are held whole).
      if (this.filled === this.buffer.length) this.buffer = Buffer.concat([this.buffer], this.buffer.length * 2);
      const read = readSync(this.fd, this.buffer, this.filled, this.buffer.length - this.filled, null);
      if (read === 0) {
        this.ended = true;
        // Nothing held: no line is left, and every later call must say so (next > last).
        if (this.filled === 0) {
          this.last = -1;
          return false;
        }
        this.last = this.filled;
        this.took(this.buffer.subarray(0, this.filled));
        return true;
      }
      const scanFrom = this.filled;
      this.filled += read;
      const last = this.buffer.lastIndexOf(LF, this.filled - 1);
      if (last >= scanFrom) {
        this.last = last;
        this.took(this.buffer.subarray(0, last + 1));
        return true;
      }
    }
  }

  /** Takes in the whole lines held after a read (from the buffer's start: the next line's first byte). */
  private took(lines: Buffer): void {
    this.ascii = isAscii(lines);
    this.onRead?.(lines);
  }
}
