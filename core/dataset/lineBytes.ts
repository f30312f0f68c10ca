// Lines as bytes, for commands that write a dataset back: a line nobody changed is written
// from its own bytes (invalid UTF-8 included), and a changed line keeps every byte outside
// the part that changed. Decoding and re-encoding would turn "ff fe" into "ef bf bd ef bf bd".
import { utf8Step } from './utf8.ts';

/** One line of a file: its bytes (without the line break), its decoded text and its line break. */
export interface ByteLine {
  bytes: Buffer;
  text: string;
  /** "\n", "\r\n" or "" (the last line without a final newline). */
  lineBreak: string;
}

/** Splits bytes into lines as `splitLines` splits text: LF and CRLF end a line, a lone CR does not. */
export function splitByteLines(data: Buffer): ByteLine[] {
  const lines: ByteLine[] = [];
  let start = 0;
  while (start < data.length) {
    const lf = data.indexOf(10, start);
    if (lf === -1) {
      const bytes = data.subarray(start);
      lines.push({ bytes, text: bytes.toString('utf8'), lineBreak: '' });
      break;
    }
    const crlf = lf > start && data[lf - 1] === 13;
    const bytes = data.subarray(start, crlf ? lf - 1 : lf);
    lines.push({ bytes, text: bytes.toString('utf8'), lineBreak: crlf ? '\r\n' : '\n' });
    start = lf + 1;
  }
  return lines;
}

/** Byte offset in `bytes` where UTF-16 column `column` of its decoded text starts (WHATWG decoding, as Node's). */
export function byteOffsetOf(bytes: Uint8Array, column: number): number {
  let i = 0;
  let col = 0;
  while (i < bytes.length && col < column) {
    const step = utf8Step(bytes, i);
    i += step.bytes;
    col += step.units;
  }
  return i;
}

/**
 * The bytes of a line whose decoded text went from `before` to `after`: the common prefix and
 * suffix are kept as the original bytes, only the middle is encoded anew.
 */
export function spliceLineBytes(bytes: Buffer, before: string, after: string): Buffer {
  if (before === after) return bytes;
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHigh(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLow(before.charCodeAt(before.length - suffix))) suffix--;
  const start = byteOffsetOf(bytes, prefix);
  const end = byteOffsetOf(bytes, before.length - suffix);
  return Buffer.concat([bytes.subarray(0, start), Buffer.from(after.slice(prefix, after.length - suffix), 'utf8'), bytes.subarray(end)]);
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
