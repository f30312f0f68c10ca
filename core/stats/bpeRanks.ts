// An encoding's ranks held compactly: every token's UTF-8 bytes one after the other (the rank is
// the token's place) and an open-addressing table of their hashes. gpt-tokenizer builds a Map of
// 200,000 strings and more from its rank array on load, ~0.13 s of every `toolcall stats` run for
// o200k; here the table is filled from the bytes in a few milliseconds. Lookups answer what
// gpt-tokenizer 4's getBpeRankFromString and getBpeRankFromBytes answer, and pieceTokens counts
// what its countNative counts for one piece (bytePairMerge step for step), so counts are equal.
import { fnvBytes, fnvStep, hashEnd, HASH_START, isValidUtf8, writeUtf8 } from './utf8Bytes.ts';

/** The ranks as the build writes them: each token's bytes in rank order, and each token's length in bytes. */
export interface PackedRanks {
  bytes: Uint8Array;
  lengths: Uint8Array;
  /**
   * Tokens no lookup finds: gpt-tokenizer keeps a token that starts with a byte order mark as
   * bytes (its decoder drops the mark), and looks up valid UTF-8 only among the strings.
   */
  hidden: readonly number[];
}

const EMPTY = 0;

export class BpeRanks {
  private readonly starts: Uint32Array;
  /** Slot -> rank + 1, or EMPTY. */
  private readonly slots: Int32Array;
  private readonly slotHashes: Int32Array;
  private readonly mask: number;
  /** Scratch: a piece's UTF-8 bytes, then the merge's part starts and pair ranks. */
  private scratch = new Uint8Array(1024);
  private partStarts = new Int32Array(1025);
  private pairRanks = new Float64Array(1025);

  private constructor(private readonly packed: PackedRanks) {
    const count = packed.lengths.length;
    this.starts = new Uint32Array(count + 1);
    for (let rank = 0; rank < count; rank++) this.starts[rank + 1] = this.starts[rank] + packed.lengths[rank];
    let size = 1;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.slotHashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** The table of packed ranks (packRanks' or the build's: no two tokens with the same bytes). */
  static fromPacked(packed: PackedRanks): BpeRanks {
    const ranks = new BpeRanks(packed);
    const hidden = new Set(packed.hidden);
    for (let rank = 0; rank < packed.lengths.length; rank++) {
      if (hidden.has(rank)) continue;
      const hash = fnvBytes(packed.bytes, ranks.starts[rank], ranks.starts[rank + 1]);
      let slot = hash & ranks.mask;
      while (ranks.slots[slot] !== EMPTY) slot = (slot + 1) & ranks.mask;
      ranks.slots[slot] = rank + 1;
      ranks.slotHashes[slot] = hash;
    }
    return ranks;
  }

  /**
   * The table of gpt-tokenizer's rank array (`bytePairRankDecoder`: a string, or the bytes of a
   * token that is not UTF-8), or undefined when it is not what lookups by bytes can answer alike.
   */
  static fromRankDecoder(decoder: readonly (string | readonly number[])[]): BpeRanks | undefined {
    const packed = packRanks(decoder);
    return packed && BpeRanks.fromPacked(packed);
  }

  /** Tokens of text[start, end), one pre-token piece: 1 when it is a token, else what byte-pair merging leaves. */
  pieceTokens(text: string, start: number, end: number): number {
    let hash = HASH_START;
    let ascii = true;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      hash = fnvStep(hash, c);
    }
    if (ascii) {
      if (this.findAscii(text, start, end, hashEnd(hash)) !== -1) return 1;
      const bytes = this.bytesFor(end - start);
      for (let i = start; i < end; i++) bytes[i - start] = text.charCodeAt(i);
      return this.mergedParts(end - start);
    }
    const most = (end - start) * 3;
    const bytes = this.bytesFor(most);
    const written = writeUtf8(text, start, end, bytes);
    const length = written < 0 ? ~written : written;
    // A piece with a lone surrogate is no string in the Map (tokens are well-formed text); its
    // bytes (U+FFFD's for the surrogate, as TextEncoder writes) are merged all the same.
    if (written >= 0 && this.find(bytes, 0, length, fnvBytes(bytes, 0, length)) !== -1) return 1;
    return this.mergedParts(length);
  }

  /** The rank gpt-tokenizer's getBpeRankFromBytes gives bytes[from, to), or -1. */
  rankOfBytes(bytes: Uint8Array, from: number, to: number): number {
    // It decodes UTF-8 with a TextDecoder, which drops a leading byte order mark, and looks the
    // rest up as text.
    if (startsWithByteOrderMark(bytes, from, to) && isValidUtf8(bytes, from, to)) from += 3;
    return this.find(bytes, from, to, fnvBytes(bytes, from, to));
  }

  /** The number of parts gpt-tokenizer's bytePairMerge leaves of the scratch's first `length` bytes. */
  private mergedParts(length: number): number {
    if (this.partStarts.length < length + 1) {
      this.partStarts = new Int32Array(length + 1);
      this.pairRanks = new Float64Array(length + 1);
    }
    const bytes = this.scratch;
    const starts = this.partStarts;
    const ranks = this.pairRanks;
    let parts = length + 1;
    for (let i = 0; i <= length; i++) {
      starts[i] = i;
      ranks[i] = i < length - 1 ? this.pairRank(bytes, i, i + 2) : Infinity;
    }
    while (parts > 1) {
      let lowest = Infinity;
      let at = -1;
      for (let i = 0; i < parts - 1; i++) {
        if (ranks[i] < lowest) {
          lowest = ranks[i];
          at = i;
        }
      }
      if (at === -1) break;
      starts.copyWithin(at + 1, at + 2, parts);
      ranks.copyWithin(at, at + 1, parts);
      parts--;
      ranks[at] = at + 2 < parts ? this.pairRank(bytes, starts[at], starts[at + 2]) : Infinity;
      if (at > 0) ranks[at - 1] = this.pairRank(bytes, starts[at - 1], starts[at + 1]);
    }
    return parts - 1;
  }

  private pairRank(bytes: Uint8Array, from: number, to: number): number {
    const rank = this.rankOfBytes(bytes, from, to);
    return rank === -1 ? Infinity : rank;
  }

  private bytesFor(length: number): Uint8Array {
    if (this.scratch.length < length) this.scratch = new Uint8Array(length * 2);
    return this.scratch;
  }

  /** The rank whose bytes are bytes[from, to) (hash: fnvBytes of them), or -1. */
  private find(bytes: Uint8Array, from: number, to: number, hash: number): number {
    const length = to - from;
    const own = this.packed.bytes;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === EMPTY) return -1;
      if (this.slotHashes[slot] !== hash) continue;
      const at = this.starts[entry - 1];
      if (this.starts[entry] - at !== length) continue;
      let i = 0;
      while (i < length && own[at + i] === bytes[from + i]) i++;
      if (i === length) return entry - 1;
    }
  }

  /** `find` for an ASCII text[from, to) (its characters are its bytes). */
  private findAscii(text: string, from: number, to: number, hash: number): number {
    const length = to - from;
    const own = this.packed.bytes;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot];
      if (entry === EMPTY) return -1;
      if (this.slotHashes[slot] !== hash) continue;
      const at = this.starts[entry - 1];
      if (this.starts[entry] - at !== length) continue;
      let i = 0;
      while (i < length && own[at + i] === text.charCodeAt(from + i)) i++;
      if (i === length) return entry - 1;
    }
  }
}

/**
 * Each token's bytes in rank order, from gpt-tokenizer's rank array; undefined when lookups by
 * bytes could not answer as its lookups do: a hole (a rank without a token), a token string that
 * is not well-formed text, a byte token that is valid UTF-8 (gpt-tokenizer looks those bytes up
 * among the strings) other than one that starts with a byte order mark (never found: hidden), or
 * two tokens with the same bytes (checked here, at build time, so that loading need not).
 */
export function packRanks(decoder: readonly (string | readonly number[])[]): PackedRanks | undefined {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const hidden: number[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let rank = 0; rank < decoder.length; rank++) {
    if (!(rank in decoder)) return undefined;
    const token = decoder[rank];
    let bytes: Uint8Array;
    if (typeof token === 'string') {
      if (/[\uD800-\uDFFF]/u.test(token)) return undefined;
      bytes = encoder.encode(token);
    } else {
      bytes = Uint8Array.from(token);
      if (isValidUtf8(bytes, 0, bytes.length)) {
        if (!startsWithByteOrderMark(bytes, 0, bytes.length)) return undefined;
        hidden.push(rank);
      }
    }
    if (bytes.length === 0 || bytes.length > 255) return undefined;
    const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    if (seen.has(key)) return undefined;
    seen.add(key);
    parts.push(bytes);
    total += bytes.length;
  }
  const bytes = new Uint8Array(total);
  const lengths = new Uint8Array(parts.length);
  let at = 0;
  parts.forEach((part, rank) => {
    bytes.set(part, at);
    at += part.length;
    lengths[rank] = part.length;
  });
  return { bytes, lengths, hidden };
}

function startsWithByteOrderMark(bytes: Uint8Array, from: number, to: number): boolean {
  return to - from >= 3 && bytes[from] === 0xef && bytes[from + 1] === 0xbb && bytes[from + 2] === 0xbf;
}
