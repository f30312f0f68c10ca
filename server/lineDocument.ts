import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { ownLines } from './ownLines.ts';

/** How a line ends: LSP ends a line at LF, CRLF and a lone CR; the last line has no ending. */
export const Eol = { None: 0, LF: 1, CRLF: 2, CR: 3 } as const;
export type Eol = (typeof Eol)[keyof typeof Eol];
const EOL_TEXT = ['', '\n', '\r\n', '\r'] as const;

/** Told, for each applied change, which lines it replaced: `deleteCount` old lines at `start` became `insertCount` new ones. */
export type SpliceListener = (start: number, deleteCount: number, insertCount: number) => void;

/**
 * A document kept as an array of lines (text without line break, plus how each line ends)
 * instead of one string: an edit splices only the lines it touched, so a keystroke in a
 * 100 MB dataset costs the length of that line, not of the file. Implements the
 * `TextDocument` surface with the same clamping rules as vscode-languageserver-textdocument
 * (positions are line + UTF-16 character); `getText()` of the whole document and the
 * offset methods are computed on demand, so features should prefer `lineText(line)`.
 * `update` changes the document in place and returns it.
 */
export class LineDocument implements TextDocument {
  private lines: string[];
  private eols: Eol[];
  /** Lines ending with a lone CR (the core does not end a line there; see `hasLoneCR`). */
  private loneCRs: number;
  /** Start offset of each line, computed when an offset method needs it. */
  private offsets?: number[];
  /** The LSP line each core line starts at, computed when a core line is asked for (lone-CR documents only). */
  private coreStarts?: number[];
  /** The last core line joined from several LSP lines (validation asks for it more than once). */
  private joined?: { line: number; text: string };
  /** Core lines built by joining LSP lines since the document was created (tests count them). */
  coreJoins = 0;

  /** `text`, or its lines already split (a big didOpen read as lines: see didOpenMessage.ts). */
  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    text: string | SplitLines,
  ) {
    const split = typeof text === 'string' ? splitLspLines(text) : text;
    this.lines = typeof text === 'string' ? ownLines(text, split.lines) : split.lines;
    this.eols = split.eols;
    this.loneCRs = split.loneCRs;
  }

  static create(uri: string, languageId: string, version: number, text: string | SplitLines): LineDocument {
    return new LineDocument(uri, languageId, version, text);
  }

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /** Text of line `line` without its line break ('' outside the document). */
  lineText(line: number): string {
    return this.lines[line] ?? '';
  }

  /** The line break ending `line`: '\n', '\r\n', '\r', or '' for the last line. */
  lineEnding(line: number): string {
    return EOL_TEXT[this.eols[line] ?? Eol.None];
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, this.lines.length - 1);
    return { start: { line: at, character: 0 }, end: { line: at, character: this.lines[at]!.length } };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lines.length) return '';
    return EOL_TEXT[this.eols[line]!];
  }

  /** The text holds a CR not followed by LF: LSP and the core count lines differently there. */
  get hasLoneCR(): boolean {
    return this.loneCRs > 0;
  }

  /** Lines as the core counts them: a lone CR does not end a line, so its LSP lines join into one. */
  get coreLineCount(): number {
    return this.lines.length - this.loneCRs;
  }

  /**
   * Text of core line `line` (the LSP lines a lone CR joins, with their CRs). Built from the
   * lines array, never by splitting the whole text again: an edit costs the lines it touched.
   */
  coreLineText(line: number): string {
    if (this.loneCRs === 0) return this.lines[line] ?? '';
    const starts = this.coreLineStarts();
    const from = starts[line];
    if (from === undefined) return '';
    const to = line + 1 < starts.length ? starts[line + 1]! : this.lines.length;
    if (to - from === 1) return this.lines[from]!;
    if (this.joined?.line === line) return this.joined.text;
    this.coreJoins++;
    const text = this.lines.slice(from, to).join('\r');
    this.joined = { line, text };
    return text;
  }

  private coreLineStarts(): number[] {
    if (!this.coreStarts) {
      const starts: number[] = [0];
      for (let i = 0; i + 1 < this.lines.length; i++) if (this.eols[i] !== Eol.CR) starts.push(i + 1);
      this.coreStarts = starts;
    }
    return this.coreStarts;
  }

  /** Lines above `line` that end with a lone CR (a scan, paid only by documents holding one). */
  private loneCRsBefore(line: number): number {
    if (this.loneCRs === 0) return 0;
    let count = 0;
    for (let i = 0; i < line; i++) if (this.eols[i] === Eol.CR) count++;
    return count;
  }

  /** Total length in UTF-16 units. */
  get length(): number {
    const offsets = this.lineOffsets();
    const last = this.lines.length - 1;
    return offsets[last]! + this.lines[last]!.length;
  }

  getText(range?: Range): string {
    if (!range) {
      const parts = new Array<string>(this.lines.length * 2);
      for (let i = 0; i < this.lines.length; i++) {
        parts[2 * i] = this.lines[i]!;
        parts[2 * i + 1] = EOL_TEXT[this.eols[i]!];
      }
      return parts.join('');
    }
    let start = this.clamp(range.start);
    let end = this.clamp(range.end);
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    if (start.line === end.line) return this.lines[start.line]!.slice(start.character, end.character);
    const parts = [this.lines[start.line]!.slice(start.character), EOL_TEXT[this.eols[start.line]!]];
    for (let i = start.line + 1; i < end.line; i++) parts.push(this.lines[i]!, EOL_TEXT[this.eols[i]!]);
    parts.push(this.lines[end.line]!.slice(0, end.character));
    return parts.join('');
  }

  offsetAt(position: Position): number {
    const { line, character } = this.clamp(position);
    return this.lineOffsets()[line]! + character;
  }

  positionAt(offset: number): Position {
    const offsets = this.lineOffsets();
    offset = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offsets[mid]! > offset) hi = mid;
      else lo = mid + 1;
    }
    const line = lo - 1;
    // An offset inside a line break is the end of that line's text.
    return { line, character: Math.min(offset - offsets[line]!, this.lines[line]!.length) };
  }

  /**
   * Applies `didChange` content changes in order (full or incremental) and sets the version;
   * `onSplice` learns which lines each change replaced, `onCoreSplice` the same in core lines.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number, onSplice?: SpliceListener, onCoreSplice?: SpliceListener): this {
    for (const change of changes) {
      this.coreStarts = undefined;
      this.joined = undefined;
      if (!('range' in change) || change.range === undefined) {
        this.replaceAll(change.text, onSplice, onCoreSplice);
        continue;
      }
      this.applyRange(change.range, change.text, onSplice, onCoreSplice);
    }
    this._version = version;
    return this;
  }

  /**
   * A full-text change: only the lines between the unchanged first and last lines are reported
   * replaced, so a client that sends the whole text for a small change (or a reset to nearly the
   * same text) costs a check of what differs, not of the whole document.
   */
  private replaceAll(text: string, onSplice?: SpliceListener, onCoreSplice?: SpliceListener): void {
    const before = this.lines.length;
    const coreBefore = this.coreLineCount;
    const hadLoneCR = this.loneCRs > 0;
    const split = splitLspLines(text);
    const same = (i: number, j: number) => this.eols[i] === split.eols[j] && this.lines[i] === split.lines[j];
    const after = split.lines.length;
    let head = 0;
    while (head < before && head < after && same(head, head)) head++;
    let tail = 0;
    while (tail < before - head && tail < after - head && same(before - 1 - tail, after - 1 - tail)) tail++;
    this.lines = ownLines(text, split.lines);
    this.eols = split.eols;
    this.loneCRs = split.loneCRs;
    this.offsets = undefined;
    onSplice?.(head, before - head - tail, after - head - tail);
    // With a lone CR on either side, core lines may join across the kept lines: all of them are new.
    if (!hadLoneCR && split.loneCRs === 0) onCoreSplice?.(head, before - head - tail, after - head - tail);
    else onCoreSplice?.(0, coreBefore, this.coreLineCount);
  }

  private applyRange(range: Range, text: string, onSplice?: SpliceListener, onCoreSplice?: SpliceListener): void {
    let { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    const from = this.clamp(start);
    const to = this.clamp(end);
    let first = from.line;
    const last = to.line;
    let prefix = this.lines[first]!.slice(0, from.character);
    const suffix = this.lines[last]!.slice(to.character);
    this.offsets = undefined;

    // The common keystroke: one line in, one line out, no line break anywhere near.
    if (first === last && !hasBreak(text) && !(first > 0 && this.eols[first - 1] === Eol.CR && prefix === '' && text === '' && suffix === '' && this.eols[last] === Eol.LF)) {
      this.lines[first] = prefix + text + suffix;
      onSplice?.(first, 1, 1);
      onCoreSplice?.(first - this.loneCRsBefore(first), 1, 1);
      return;
    }
    const endEol = this.eols[last]!;
    let replaced = prefix + text + suffix + EOL_TEXT[endEol];
    // A lone CR ending the line above joins an LF that now starts this text into one CRLF.
    if (first > 0 && this.eols[first - 1] === Eol.CR && replaced.charCodeAt(0) === 10) {
      first--;
      prefix = this.lines[first]!;
      replaced = prefix + '\r' + replaced;
    }
    const split = splitLspLines(replaced);
    if (endEol !== Eol.None) {
      // The text ended with the last line's own break: the empty piece after it is the next line's business.
      split.lines.pop();
      split.eols.pop();
    }
    // Core lines: the lines above and below keep their breaks (the last line's break stays a lone
    // CR or stays not one), so the core lines replaced are those the CRs inside the range joined.
    const coreFirst = first - this.loneCRsBefore(first);
    let removedCRs = 0;
    for (let i = first; i <= last; i++) if (this.eols[i] === Eol.CR) removedCRs++;
    const insertedCRs = split.loneCRs;
    const lastIsCR = this.eols[last] === Eol.CR ? 1 : 0;
    this.loneCRs += insertedCRs - removedCRs;
    this.lines = spliceArray(this.lines, first, last - first + 1, split.lines);
    this.eols = spliceArray(this.eols, first, last - first + 1, split.eols);
    onSplice?.(first, last - first + 1, split.lines.length);
    onCoreSplice?.(coreFirst, last - first + 1 - (removedCRs - lastIsCR), split.lines.length - (insertedCRs - lastIsCR));
  }

  /** A position clamped into the document as `offsetAt` of vscode-languageserver-textdocument does. */
  private clamp(position: Position): Position {
    if (position.line < 0) return { line: 0, character: 0 };
    if (position.line >= this.lines.length) {
      const line = this.lines.length - 1;
      return { line, character: this.lines[line]!.length };
    }
    const character = Math.max(0, Math.min(position.character, this.lines[position.line]!.length));
    return { line: position.line, character };
  }

  private lineOffsets(): number[] {
    if (!this.offsets) {
      const offsets = new Array<number>(this.lines.length);
      let offset = 0;
      for (let i = 0; i < this.lines.length; i++) {
        offsets[i] = offset;
        offset += this.lines[i]!.length + EOL_TEXT[this.eols[i]!].length;
      }
      this.offsets = offsets;
    }
    return this.offsets;
  }
}

function hasBreak(text: string): boolean {
  return text.indexOf('\n') !== -1 || text.indexOf('\r') !== -1;
}

/** Splits as LSP counts lines: LF, CRLF and a lone CR end a line; there is always a last line (maybe empty). */
/** A text's lines without their breaks, how each ends, and how many end with a lone CR. */
export interface SplitLines {
  lines: string[];
  eols: Eol[];
  loneCRs: number;
}

export function splitLspLines(text: string): SplitLines {
  if (text.indexOf('\r') === -1) {
    // The usual file: one native split, every line but the last ends with LF.
    const lines = text.split('\n');
    const eols = new Array<Eol>(lines.length).fill(Eol.LF);
    eols[lines.length - 1] = Eol.None;
    return { lines, eols, loneCRs: 0 };
  }
  // One native split, then each break's kind read where its line ends (a character loop over a
  // 12 MB text with CRs cost 53 ms of CPU; this, 8).
  const lines = text.split(/\r\n|\r|\n/);
  const eols = new Array<Eol>(lines.length);
  let loneCRs = 0;
  let at = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    at += lines[i]!.length;
    if (text.charCodeAt(at) === 10) {
      eols[i] = Eol.LF;
      at += 1;
    } else if (text.charCodeAt(at + 1) === 10) {
      eols[i] = Eol.CRLF;
      at += 2;
    } else {
      eols[i] = Eol.CR;
      loneCRs++;
      at += 1;
    }
  }
  eols[lines.length - 1] = Eol.None;
  return { lines, eols, loneCRs };
}

/** `array.splice` that neither spreads huge inserts into arguments nor copies the array for small ones. */
function spliceArray<T>(array: T[], start: number, deleteCount: number, items: T[]): T[] {
  if (items.length < 10_000) {
    array.splice(start, deleteCount, ...items);
    return array;
  }
  return array.slice(0, start).concat(items, array.slice(start + deleteCount));
}
