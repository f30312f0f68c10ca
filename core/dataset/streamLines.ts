import { StringDecoder } from 'node:string_decoder';
import type { TextLine } from './lines.ts';
import { invalidUtf8ByLine, type Utf8Problem } from './utf8.ts';

/** A line of a byte stream, with the runs of bytes in it that are not UTF-8. */
export interface StreamedLine extends TextLine {
  encoding?: Utf8Problem[];
}

/**
 * Bytes per read when streaming a file into lines. Small enough that each chunk's text is an
 * ordinary young object: V8 puts strings over ~128 KB straight into the old generation, so 1 MB
 * chunks (and their joins with the carried line) piled up there as garbage until a full
 * collection, 70-100 MB of peak memory on a 100 MB file. 64 KB: same speed, peak RSS of
 * `toolcall validate` on the real-data bench file 232 -> 130 MB.
 */
export const READ_CHUNK_BYTES = 1 << 16;

/**
 * Splits a byte stream into lines with bounded memory: only the current chunk and the
 * unfinished last line are held. Bytes are cut after their last line break and each run of
 * whole lines is decoded at once (a character never straddles a cut, since `\n` is never
 * part of one), so line texts match `splitLines` on the whole text; runs that are not
 * valid UTF-8 are reported on their lines.
 */
export async function* streamLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<StreamedLine> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let pending: Buffer[] = [];
  let index = 0;
  let offset = 0;
  const emit = function* (text: string, problems?: Map<number, Utf8Problem[]>): Generator<StreamedLine> {
    let start = 0;
    const first = index;
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (lf === -1) break;
      const end = lf > start && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
      const encoding = problems?.get(index - first);
      yield encoding ? { index: index++, start: offset + start, text: text.slice(start, end), encoding } : { index: index++, start: offset + start, text: text.slice(start, end) };
      start = lf + 1;
    }
    offset += start;
    carry = text.slice(start);
  };
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      const decoded = decoder.write(Buffer.concat(pending)) + chunk;
      pending = [];
      // A chunk without a line break only grows the current line: joining it now would rescan
      // the whole line for every chunk of a long line.
      if (decoded.indexOf('\n') === -1) carry += decoded;
      else yield* emit(carry + decoded);
      continue;
    }
    const last = chunk.lastIndexOf(10);
    if (last === -1) {
      pending.push(chunk);
      continue;
    }
    const lines = pending.length === 0 ? chunk.subarray(0, last + 1) : Buffer.concat([...pending, chunk.subarray(0, last + 1)]);
    pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    const problems = invalidUtf8ByLine(lines);
    yield* emit(carry + lines.toString('utf8'), problems.size > 0 ? problems : undefined);
  }
  const tail = Buffer.concat(pending);
  const problems = invalidUtf8ByLine(tail);
  const rest = carry + tail.toString('utf8') + decoder.end();
  if (rest.length > 0) {
    const encoding = problems.get(0);
    yield encoding ? { index, start: offset, text: rest, encoding } : { index, start: offset, text: rest };
  }
}
