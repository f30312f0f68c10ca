// The lines of a big document as strings of their own. Split from one text, every line is a
// slice that keeps the whole text alive; when that text holds one character above U+00FF,
// V8 stores all of it two bytes per character (the real 50 MB bench file: 100 MB, for 447
// such lines). Decoded again from UTF-8 bytes, each line takes one byte per character unless
// it has such a character itself, and an edited line frees its old text.

/** Texts shorter than this keep their slices (the copy would cost more than it saves). */
const MIN_CHARS = 1_000_000;
const WIDE = /[^\x00-\xff]/;
const LF = 10;
const CR = 13;

/** `lines`, split from `text` at LF, CRLF and lone CR (LSP's lines), as their own strings in a new array when that saves memory; else `lines`. */
export function ownLines(text: string, lines: string[]): string[] {
  if (text.length < MIN_CHARS || !WIDE.test(text)) return lines;
  const bytes = Buffer.from(text, 'utf8');
  // CR and LF are single bytes in UTF-8 and never inside another character: the byte lines are the text's lines.
  let nextLF = bytes.indexOf(LF);
  let nextCR = bytes.indexOf(CR);
  const out = new Array<string>(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const end = last ? bytes.length : Math.min(nextLF === -1 ? bytes.length : nextLF, nextCR === -1 ? bytes.length : nextCR);
    const own = bytes.toString('utf8', at, end);
    // A lone surrogate does not survive UTF-8 (it comes back as U+FFFD): such a line keeps its slice.
    const line = lines[i]!;
    out[i] = own.length === line.length && (own.indexOf('\uFFFD') === -1 || own === line) ? own : line;
    if (last) break;
    at = end + (bytes[end] === CR && bytes[end + 1] === LF ? 2 : 1);
    if (nextLF !== -1 && nextLF < at) nextLF = bytes.indexOf(LF, at);
    if (nextCR !== -1 && nextCR < at) nextCR = bytes.indexOf(CR, at);
  }
  return out;
}
