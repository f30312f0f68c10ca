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
  const breaks = new EscapedBreaks(body);
  for (let start = open + 1; ; ) {
    const at = breaks.next(start);
    // Past the last break, the string ends at its closing quote. A break found after that quote
    // (in a later string) leaves a line holding the quote, which its JSON.parse refuses.
    const close = at === -1 ? stringEnd(body, start) : -1;
    const end = at === -1 ? close : at;
    if (end === -1) return undefined;
    const line = lineAt(body, start, end);
    if (line === undefined) return undefined;
    lines.push(line);
    if (at === -1) {
      eols.push(Eol.None);
      return { split: { lines, eols, loneCRs }, close };
    }
    let length = escapeLength(body, at);
    let eol: Eol = Eol.LF;
    if (escapedBreak(body, at) === CR) {
      if (escapedBreak(body, at + length) === LF) {
        length += escapeLength(body, at + length);
        eol = Eol.CRLF;
      } else {
        eol = Eol.CR;
        loneCRs++;
      }
    }
    eols.push(eol);
    start = at + length;
  }
}

const ESCAPED_LF = Buffer.from('\\n');
const ESCAPED_CR = Buffer.from('\\r');
const ESCAPED_CONTROL = Buffer.from('\\u000');

/** The escaped line breaks of a JSON string in order, found with native searches (a byte loop over 50 MB cost 120-220 ms). */
class EscapedBreaks {
  /** Where each pattern was last found (-1: nowhere after), searched again once passed. */
  private found = [-2, -2, -2];
  private static readonly PATTERNS = [ESCAPED_LF, ESCAPED_CR, ESCAPED_CONTROL];

  constructor(private readonly body: Buffer) {}

  /** The backslash of the first escaped LF or CR at or after `from`; -1 when none. */
  next(from: number): number {
    for (;;) {
      let best = -1;
      let which = -1;
      for (let k = 0; k < 3; k++) {
        if (this.found[k] !== -1 && this.found[k]! < from) this.found[k] = this.body.indexOf(EscapedBreaks.PATTERNS[k]!, from);
        const at = this.found[k]!;
        if (at !== -1 && (best === -1 || at < best)) {
          best = at;
          which = k;
        }
      }
      if (best === -1) return -1;
      // A backslash escaped by the one before it starts nothing; \u000 also starts other controls.
      if (!escapedByBefore(this.body, best) && escapedBreak(this.body, best) !== 0) return best;
      this.found[which] = this.body.indexOf(EscapedBreaks.PATTERNS[which]!, best + 1);
    }
  }
}

/** True when the backslash at `at` is escaped itself: an odd run of backslashes stands before it. */
function escapedByBefore(body: Buffer, at: number): boolean {
  let run = 0;
  while (body[at - 1 - run] === BACKSLASH) run++;
  return run % 2 === 1;
}

/** Index of the quote that closes the string whose content goes on at `from` (-1: none). */
export function stringEnd(body: Buffer, from: number): number {
  for (let at = from; ; ) {
    const quote = body.indexOf(QUOTE, at);
    if (quote === -1) return -1;
    if (!escapedByBefore(body, quote)) return quote;
    at = quote + 1;
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
