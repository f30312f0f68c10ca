/** A position in a multi-line text: 0-based line and UTF-16 character, as LSP counts them. */
export interface TextPosition {
  line: number;
  character: number;
}

/** Converts offsets of a text to line/character positions (LF, CRLF and a lone CR end a line, as in LSP). */
export class PositionMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (c === 10 || c === 13) this.starts.push(i + 1);
    }
  }

  positionAt(offset: number): TextPosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }

  offsetAt(position: TextPosition): number {
    return (this.starts[position.line] ?? this.starts[this.starts.length - 1]) + position.character;
  }
}
