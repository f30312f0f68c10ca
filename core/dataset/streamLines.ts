import { StringDecoder } from 'node:string_decoder';
import type { TextLine } from './lines.ts';

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
 * unfinished last line are held. Decoding is per chunk (StringDecoder keeps a multi-byte
 * character split across chunks intact), so line texts match `splitLines` on the whole text.
 */
export async function* streamLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<TextLine> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let index = 0;
  let offset = 0;
  const emit = function* (text: string): Generator<TextLine> {
    let start = 0;
    for (;;) {
      const lf = text.indexOf('\n', start);
      if (lf === -1) break;
      const end = lf > start && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
      yield { index: index++, start: offset + start, text: text.slice(start, end) };
      start = lf + 1;
    }
    offset += start;
    carry = text.slice(start);
  };
  for await (const chunk of chunks) {
    const decoded = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    // A chunk without a line break only grows the current line: joining it now would rescan
    // the whole line for every chunk of a long line.
    if (decoded.indexOf('\n') === -1) carry += decoded;
    else yield* emit(carry + decoded);
  }
  const rest = carry + decoder.end();
  if (rest.length > 0) yield { index, start: offset, text: rest };
}
