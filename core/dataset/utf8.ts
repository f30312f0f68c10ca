// Invalid UTF-8 in a dataset: Node decodes it to U+FFFD without a word, and the fine-tuning
// service rejects the file. Found from the bytes, only for chunks that are not valid UTF-8.
import { isUtf8 } from 'node:buffer';

/** A run of bytes that are not UTF-8 in one line, where its replacement characters stand in the decoded line. */
export interface Utf8Problem {
  /** UTF-16 column of the first replacement character in the decoded line. */
  column: number;
  /** How many replacement characters (U+FFFD) the run decodes to. */
  length: number;
  /** Offset of the run's first byte in the line's bytes. */
  byte: number;
  /** The run's bytes in hex, e.g. "ff fe". */
  hex: string;
}

/**
 * One decoding step at `i`: how many bytes it consumes, how many UTF-16 units it yields, and
 * whether it is a replacement for invalid bytes (WHATWG: one U+FFFD per maximal invalid subpart).
 */
export function utf8Step(bytes: Uint8Array, i: number): { bytes: number; units: number; invalid: boolean } {
  const b = bytes[i];
  if (b < 0x80) return { bytes: 1, units: 1, invalid: false };
  const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
  if (need === -1) return { bytes: 1, units: 1, invalid: true };
  // The second byte's range depends on the first (no overlongs, no surrogates, nothing past U+10FFFF).
  const lower = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const upper = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  let j = 1;
  for (; j <= need; j++) {
    const c = bytes[i + j];
    const lo = j === 1 ? lower : 0x80;
    const hi = j === 1 ? upper : 0xbf;
    if (c === undefined || c < lo || c > hi) break;
  }
  if (j <= need) return { bytes: j, units: 1, invalid: true };
  return { bytes: need + 1, units: need === 3 ? 2 : 1, invalid: false };
}

/**
 * The invalid runs of each line of `bytes` (whole lines, split at `\n`), keyed by line number
 * counted from the start of `bytes`; empty when the bytes are valid UTF-8 (checked natively first).
 * Replacement follows the WHATWG decoder (one U+FFFD per maximal invalid subpart), as Node's does.
 */
export function invalidUtf8ByLine(bytes: Uint8Array): Map<number, Utf8Problem[]> {
  const found = new Map<number, Utf8Problem[]>();
  if (isUtf8(bytes)) return found;
  let line = 0;
  let lineStart = 0;
  let column = 0;
  let run: { column: number; length: number; byte: number; end: number } | undefined;
  const close = () => {
    if (!run) return;
    const hex = Array.from(bytes.subarray(run.byte, run.end), (b) => b.toString(16).padStart(2, '0')).join(' ');
    const list = found.get(line) ?? [];
    list.push({ column: run.column, length: run.length, byte: run.byte - lineStart, hex });
    found.set(line, list);
    run = undefined;
  };
  const invalid = (from: number, to: number) => {
    if (run && run.end === from) {
      run.length++;
      run.end = to;
    } else {
      close();
      run = { column, length: 1, byte: from, end: to };
    }
    column++;
  };
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] === 10) {
      close();
      line++;
      i++;
      lineStart = i;
      column = 0;
      continue;
    }
    const step = utf8Step(bytes, i);
    if (step.invalid) invalid(i, i + step.bytes);
    else {
      close();
      column += step.units;
    }
    i += step.bytes;
  }
  close();
  return found;
}
