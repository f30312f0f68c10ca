// The lines of a JSON string read straight from the message's UTF-8 bytes: what
// `splitLspLines(JSON.parse(body).…text)` gives, without the whole text as one string (for
// 50 MB of real data that string was 100 MB, two bytes a character, beside the message's own
// 100 MB decoded copy). Each line is JSON-parsed on its own, so escapes, lone surrogates and
// bytes that are not UTF-8 read exactly as the whole message parsed at once would.
import { Eol, type SplitLines } from './lineDocument.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LOWER_N = 0x6e;
const LOWER_R = 0x72;
const LOWER_U = 0x75;
const LF = 10;
const CR = 13;

/**
 * The JSON string whose opening quote is at `open` in `body`, split at LSP line breaks (LF,
 * CRLF, a lone CR: escaped as \n, \r or \u000a, \u000d). Undefined when it is not a valid JSON
 * string (no closing quote, a raw control character, a bad escape): the caller then parses the
 * message as usual and reports what JSON.parse says.
 */
export function jsonStringLines(body: Buffer, open: number): { split: SplitLines; close: number } | undefined {
  const lines: string[] = [];
  const eols: Eol[] = [];
  let loneCRs = 0;
  let start = open + 1;
  let i = start;
  for (;;) {
    const c = body[i];
    if (c === undefined || c < 0x20) return undefined;
    if (c === QUOTE) {
      const line = lineAt(body, start, i);
      if (line === undefined) return undefined;
      lines.push(line);
      eols.push(Eol.None);
      return { split: { lines, eols, loneCRs }, close: i };
    }
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    const kind = escapedBreak(body, i);
    if (kind === 0) {
      i += body[i + 1] === LOWER_U ? 6 : 2;
      continue;
    }
    let length = escapeLength(body, i);
    let eol: Eol = Eol.LF;
    if (kind === CR) {
      if (escapedBreak(body, i + length) === LF) {
        length += escapeLength(body, i + length);
        eol = Eol.CRLF;
      } else {
        eol = Eol.CR;
        loneCRs++;
      }
    }
    const line = lineAt(body, start, i);
    if (line === undefined) return undefined;
    lines.push(line);
    eols.push(eol);
    i += length;
    start = i;
  }
}

/** LF or CR when the escape at `at` encodes that character, else 0. */
function escapedBreak(body: Buffer, at: number): number {
  if (body[at] !== BACKSLASH) return 0;
  const e = body[at + 1];
  if (e === LOWER_N) return LF;
  if (e === LOWER_R) return CR;
  if (e !== LOWER_U || body[at + 2] !== 0x30 || body[at + 3] !== 0x30 || body[at + 4] !== 0x30) return 0;
  const last = body[at + 5];
  if (last === 0x61 || last === 0x41) return LF;
  if (last === 0x64 || last === 0x44) return CR;
  return 0;
}

function escapeLength(body: Buffer, at: number): number {
  return body[at + 1] === LOWER_U ? 6 : 2;
}

/**
 * The JSON string content `body[from, to)` decoded: the bytes just outside it become quotes for
 * the time of one JSON.parse (they are the end of an escape and the start of another, or the
 * string's own quotes) and are put back.
 */
function lineAt(body: Buffer, from: number, to: number): string | undefined {
  const before = body[from - 1]!;
  const after = body[to]!;
  body[from - 1] = QUOTE;
  body[to] = QUOTE;
  try {
    return JSON.parse(body.toString('utf8', from - 1, to + 1)) as string;
  } catch {
    return undefined;
  } finally {
    body[from - 1] = before;
    body[to] = after;
  }
}
