// UTF-8 bytes of text and a hash of bytes, for the compact rank table (bpeRanks.ts): a piece's
// bytes are written into a scratch array, never a fresh Uint8Array per piece.

const FNV_BASIS = 0x811c9dc5;

/** One FNV-1a step: `hash` with `byte` added. */
export function fnvStep(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, 0x01000193);
}

/** The start of a hash (fnvStep from it, then hashEnd). */
export const HASH_START = FNV_BASIS;

/** Mixes the steps' state so that the low bits, which pick a slot, depend on every byte. */
export function hashEnd(hash: number): number {
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x2c1b3c6d) ^ (hash >>> 13);
}

/** The hash of bytes[from, to): for an ASCII text, the same as its character codes stepped one by one. */
export function fnvBytes(bytes: Uint8Array, from: number, to: number): number {
  let hash = FNV_BASIS;
  for (let i = from; i < to; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193);
  return hashEnd(hash);
}

/**
 * Writes text[start, end) as UTF-8 into `out` (room for 3 bytes per character), as TextEncoder
 * does: a lone surrogate becomes U+FFFD's bytes. Returns the bytes written, or their bitwise
 * complement when the text had a lone surrogate.
 */
export function writeUtf8(text: string, start: number, end: number, out: Uint8Array): number {
  let n = 0;
  let lone = false;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[n++] = 0xf0 | (point >> 18);
          out[n++] = 0x80 | ((point >> 12) & 0x3f);
          out[n++] = 0x80 | ((point >> 6) & 0x3f);
          out[n++] = 0x80 | (point & 0x3f);
          continue;
        }
        lone = true;
        c = 0xfffd;
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return lone ? ~n : n;
}

/** Whether bytes[from, to) is valid UTF-8, by gpt-tokenizer 4's rule (its isValidUTF8). */
export function isValidUtf8(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    const first = bytes[i];
    let length: number;
    let point: number;
    if (first <= 0x7f) {
      i++;
      continue;
    } else if ((first & 0xe0) === 0xc0) {
      if (first <= 0xc1) return false;
      length = 2;
      point = first & 0x1f;
    } else if ((first & 0xf0) === 0xe0) {
      length = 3;
      point = first & 0x0f;
    } else if ((first & 0xf8) === 0xf0) {
      if (first > 0xf4) return false;
      length = 4;
      point = first & 0x07;
    } else return false;
    if (i + length > to) return false;
    for (let j = 1; j < length; j++) {
      const byte = bytes[i + j];
      if ((byte & 0xc0) !== 0x80) return false;
      point = (point << 6) | (byte & 0x3f);
    }
    if (length === 2 && point < 0x80) return false;
    if (length === 3 && point < 0x800) return false;
    if (length === 4 && point < 0x10000) return false;
    if (point >= 0xd800 && point <= 0xdfff) return false;
    if (point > 0x10ffff) return false;
    i += length;
  }
  return true;
}
