import { open } from 'node:fs/promises';

/** Bytes of a file that end at a line break (or at the end of the file), and the lines they hold. */
export interface LineChunk {
  bytes: Buffer;
  /** 0-based index of the chunk's first line in the file. */
  firstLine: number;
  /** Lines in the chunk: its line breaks, plus a last line without one at the end of the file. */
  lineCount: number;
}

/**
 * Reads a file in chunks of about `size` bytes cut just after a `\n`, so each chunk decodes on
 * its own (a UTF-8 sequence never contains the byte 0x0A) and splits into whole lines. A line
 * longer than `size` makes its chunk longer; its pieces are joined once.
 */
export async function* newlineChunks(file: string, size = 1 << 20): AsyncGenerator<LineChunk> {
  const handle = await open(file, 'r');
  // One read buffer for the whole file; each chunk is a copy of exactly its bytes, so garbage
  // (and external memory, which V8 collects late) stays at the chunks in flight.
  const buffer = Buffer.allocUnsafe(size);
  let pending: Buffer[] = [];
  let firstLine = 0;
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      if (bytesRead === 0) break;
      const data = buffer.subarray(0, bytesRead);
      const last = data.lastIndexOf(10);
      if (last === -1) {
        pending.push(Buffer.from(data));
        continue;
      }
      const bytes = Buffer.concat([...pending, data.subarray(0, last + 1)]);
      pending = last + 1 < data.length ? [Buffer.from(data.subarray(last + 1))] : [];
      const lineCount = countLineBreaks(bytes);
      yield { bytes, firstLine, lineCount };
      firstLine += lineCount;
    }
    if (pending.length) {
      const bytes = Buffer.concat(pending);
      yield { bytes, firstLine, lineCount: countLineBreaks(bytes) + 1 };
    }
  } finally {
    await handle.close();
  }
}

function countLineBreaks(bytes: Buffer): number {
  let count = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) count++;
  return count;
}

/**
 * The lines of a decoded chunk, split exactly as streamLines splits a stream: `\n` ends a line,
 * a `\r` before it is dropped, and text after the last `\n` is a last line only when non-empty.
 */
export function chunkLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const lf = text.indexOf('\n', start);
    if (lf === -1) break;
    const end = lf > start && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
    lines.push(text.slice(start, end));
    start = lf + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}
