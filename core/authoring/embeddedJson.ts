// JSON held inside a JSON string of the line (a call's `arguments`): edits are made on the
// decoded text, then only the changed part is escaped back into the string literal, so the
// rest of the literal keeps its original escapes.
import type { Node } from 'jsonc-parser';
import { decodeJsonStringBody, type DecodedString } from '../dataset/stringEscapes.ts';
import { commonAffixes } from './lineEdit.ts';

/** Escapes text for the inside of a JSON string literal. */
export const escapeForJsonString = (text: string) => JSON.stringify(text).slice(1, -1);

export class EmbeddedJson {
  private readonly decodedString: DecodedString;
  /** Offset in `text` of the first character inside the literal's quotes. */
  readonly bodyStart: number;

  /** @param stringNode a string node of `text` (offsets relative to `text`). */
  constructor(
    readonly text: string,
    stringNode: Pick<Node, 'offset' | 'length'>,
  ) {
    this.bodyStart = stringNode.offset + 1;
    this.decodedString = decodeJsonStringBody(text.slice(this.bodyStart, stringNode.offset + stringNode.length - 1));
  }

  /** The JSON text as the tool receives it. */
  get decoded(): string {
    return this.decodedString.value;
  }

  /** Offset in `text` of decoded position `i` (0..decoded.length). */
  rawOffset(i: number): number {
    return this.bodyStart + this.decodedString.rawOffset[Math.max(0, Math.min(i, this.decoded.length))];
  }

  /** Decoded position of raw offset `raw` in `text` (the unit it falls in, or the end). */
  decodedOffset(raw: number): number {
    const offsets = this.decodedString.rawOffset;
    const target = raw - this.bodyStart;
    let lo = 0;
    let hi = this.decoded.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** `text` with the decoded range [start, end) replaced by `replacement`, escaped for the literal. */
  splice(start: number, end: number, replacement: string): string {
    return this.text.slice(0, this.rawOffset(start)) + escapeForJsonString(replacement) + this.text.slice(this.rawOffset(end));
  }

  /** `text` with the decoded JSON changed to `after`; only the part that differs is re-escaped. */
  withDecoded(after: string): string {
    const before = this.decoded;
    const { prefix, suffix } = commonAffixes(before, after);
    return this.splice(prefix, before.length - suffix, after.slice(prefix, after.length - suffix));
  }
}
