/** One line of a JSONL text. `text` excludes the line break (LF or CRLF). */
/**
 * A file's lines read one at a time on demand (cli/fileLines.ts' FileLineReader): `nextLine` moves
 * to the next line (false at the end, and on every call after it), `index` and `text` are the
 * current line's (0-based index, text without its line break).
 */
export interface LineReader {
  nextLine(): boolean;
  readonly index: number;
  text(): string;
  close(): void;
}

export interface TextLine {
  /** 0-based line number. */
  index: number;
  /** Offset of the line's first character in the whole text (UTF-16 units). */
  start: number;
  text: string;
}

/**
 * Splits text into lines exactly as editors count them: LF and CRLF end a line, a lone CR
 * does not (JSON forbids it inside strings anyway, so it can only be stray whitespace).
 * A text ending with a newline has no extra empty line after it.
 */
export function* splitLines(text: string): Generator<TextLine> {
  let start = 0;
  let index = 0;
  while (start < text.length) {
    const lf = text.indexOf('\n', start);
    if (lf === -1) {
      yield { index, start, text: text.slice(start) };
      return;
    }
    const end = lf > start && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
    yield { index: index++, start, text: text.slice(start, end) };
    start = lf + 1;
  }
}

/** The byte-order mark some editors put at the start of a file. */
export const BOM = '\uFEFF';
