// The lines of a JSON string read straight from the message's UTF-8 bytes: what
// `splitLspLines(JSON.parse(body).…text)` gives, without the whole text as one string (for
// 50 MB of real data that string was 100 MB, two bytes a character, beside the message's own
// 100 MB decoded copy). The string is cut where a JSONL line surely ends, after `}` and an
// escaped LF or CRLF (the backslash follows a `}`, so it starts an escape); each piece is
// JSON-parsed on its own, so escapes, lone surrogates and bytes that are not UTF-8 read exactly
// as the whole message parsed at once would, and a piece holding more line breaks (a line not
// ending with `}`, a lone CR, an \u000a) is split after decoding.
import { Eol, splitLspLines, type SplitLines } from './lineDocument.ts';
import { ownLines } from './ownLines.ts';
import { BACKSLASH, QUOTE } from '../core/text/jsonCharCodes.ts';

/** A line ending `}` then LF, or `}` then CRLF, as JSON escapes them. */
const OBJECT_THEN_LF = Buffer.from('}\\n');
const OBJECT_THEN_CRLF = Buffer.from('}\\r\\n');

/**
 * The JSON string whose opening quote is at `open` in `body`, split at LSP line breaks (LF,
 * CRLF, a lone CR). Undefined when it is not a valid JSON string (no closing quote, a raw
 * control character, a bad escape): the caller then parses the message as usual and reports
 * what JSON.parse says.
 */
export function jsonStringLines(body: Buffer, open: number): { split: SplitLines; close: number } | undefined {
  return new JsonStringLines(body, open).finish();
}

/**
 * `jsonStringLines` as the body arrives: `advance` decodes the lines whose end is already in,
 * so a big didOpen's text is mostly decoded by the time its last byte is read.
 */
export class JsonStringLines {
  private readonly out: SplitLines = { lines: [], eols: [], loneCRs: 0 };
  /** Where the next line starts. */
  private start: number;
  /** Where each cut pattern was last found (-1: not in the first `*Within` bytes), searched again once passed. */
  private lf = -2;
  private lfWithin = 0;
  private crlf = -2;
  private crlfWithin = 0;
  private failed = false;

  constructor(
    private readonly body: Buffer,
    open: number,
  ) {
    this.start = open + 1;
  }

  /** Decodes the lines cut before `available` (bytes from there on may not be in yet); false once the text proved not to be a JSON string. */
  advance(available: number): boolean {
    while (!this.failed) {
      const end = this.nextCut(available);
      if (end === undefined) break;
      // A cut found after the string's closing quote (in a later string) leaves a piece holding
      // the quote, which its JSON.parse refuses.
      const text = decodeSlice(this.body, this.start, end.at);
      if (text === undefined) this.failed = true;
      else add(this.out, text, end.eol);
      this.start = end.after;
    }
    return !this.failed;
  }

  /** The lines and the closing quote, once the whole body is in. */
  finish(): { split: SplitLines; close: number } | undefined {
    if (!this.advance(this.body.length)) return undefined;
    // Past the last cut, the string ends at its closing quote.
    const close = stringEnd(this.body, this.start);
    if (close === -1) return undefined;
    const text = decodeSlice(this.body, this.start, close);
    if (text === undefined) return undefined;
    add(this.out, text, Eol.None);
    return { split: this.out, close };
  }

  /** The first cut after `start` within `available` bytes: the backslash that starts the break (`at`), where the next line starts (`after`). */
  private nextCut(available: number): { at: number; after: number; eol: Eol } | undefined {
    const from = this.start;
    if ((this.lf !== -1 && this.lf < from) || (this.lf === -1 && this.lfWithin < available)) {
      this.lf = this.body.subarray(0, available).indexOf(OBJECT_THEN_LF, from);
      this.lfWithin = available;
    }
    if ((this.crlf !== -1 && this.crlf < from) || (this.crlf === -1 && this.crlfWithin < available)) {
      this.crlf = this.body.subarray(0, available).indexOf(OBJECT_THEN_CRLF, from);
      this.crlfWithin = available;
    }
    const useLf = this.lf !== -1 && (this.crlf === -1 || this.lf < this.crlf);
    // Either pattern, when found, lies wholly within the bytes searched: a cut of the other kind
    // before it would overlap it, so the one found first is the first cut.
    const brace = useLf ? this.lf : this.crlf;
    if (brace === -1) return undefined;
    return useLf ? { at: brace + 1, after: brace + 3, eol: Eol.LF } : { at: brace + 1, after: brace + 5, eol: Eol.CRLF };
  }
}

/** Appends the lines of `text`, the last one ending with `eol`. */
function add(out: SplitLines, text: string, eol: Eol): void {
  if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
    out.lines.push(text);
    out.eols.push(eol);
    return;
  }
  const inner = splitLspLines(text);
  const lines = ownLines(text, inner.lines);
  for (let i = 0; i < lines.length; i++) {
    out.lines.push(lines[i]!);
    out.eols.push(i === lines.length - 1 ? eol : inner.eols[i]!);
  }
  out.loneCRs += inner.loneCRs;
}

/** True when the byte at `at` is escaped: an odd run of backslashes stands before it. */
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

/**
 * The JSON string content `body[from, to)` decoded: the bytes just outside it become quotes for
 * the time of one JSON.parse (the `}` is inside; outside are the end of a break escape or the
 * opening quote, and a backslash or the closing quote) and are put back.
 */
function decodeSlice(body: Buffer, from: number, to: number): string | undefined {
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
