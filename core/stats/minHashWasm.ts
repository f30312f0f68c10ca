// The 64 MinHash values of minHash.ts computed four at a time with WebAssembly's 128-bit SIMD
// (i32x4.mul is Math.imul in each lane, i32x4.min_u an unsigned minimum): the same arithmetic,
// lane k of pass p being hash function 16p + 4j + k. In JavaScript each value cost ~2 ns per
// shingle (8% of `toolcall stats` on the generated bench file, 64 hash functions per shingle).
// The module is ~400 bytes, written here opcode by opcode (no toolchain needed to build it).
//
// Memory: 64 mixed seeds (bytes 0-255), the 64 minima it writes (256-511), then the shingles.

/** Byte offsets in the module's memory. */
export const SEEDS_AT = 0;
export const MINIMA_AT = 256;
export const SHINGLES_AT = 512;

// fmix32's multipliers, as the signed 32-bit values i32.const takes.
const MULTIPLIER_1 = 0x85ebca6b | 0;
const MULTIPLIER_2 = 0xc2b2ae35 | 0;

// Opcodes (WebAssembly core spec, binary format; SIMD ones follow the 0xfd prefix).
const I32 = 0x7f;
const V128 = 0x7b;
const VOID_BLOCK = 0x40;
const BLOCK = 0x02;
const LOOP = 0x03;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_LOAD = 0x28;
const I32_CONST = 0x41;
const I32_LT_U = 0x49;
const I32_GE_U = 0x4f;
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const I32_XOR = 0x73;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const V128_STORE = 0x0b;
const I32X4_SPLAT = 0x11;
const V128_XOR = 0x51;
const I32X4_SHR_U = 0xad;
const I32X4_MUL = 0xb5;
const I32X4_MIN_U = 0xb7;

// Locals of the function: parameter 0 is the number of shingles.
const N = 0;
const SEED_OFFSET = 1; // byte offset of this pass's 4 seed vectors
const AT = 2; // byte offset of the shingle being read
const X = 3; // the shingle, mixed
const END_AT = 4; // 4 * n
const SEED = 5; // 5..8: this pass's seed vectors
const MIN = 9; // 9..12: their minima
const H = 13;
const M1 = 14;
const M2 = 15;
const XS = 16; // the mixed shingle in all four lanes

/**
 * The module's bytes: one exported memory ("m", 1 page to start) and one function ("h", n) that
 * writes minima[i] = min over the n shingles s of fmixTail((s ^ s >>> 16) ^ seeds[i]), i < 64.
 */
export function minHashModuleBytes(): Uint8Array {
  const simd = (opcode: number) => [SIMD, ...uleb(opcode)];
  const get = (local: number) => [LOCAL_GET, local];
  const set = (local: number) => [LOCAL_SET, local];
  const i32 = (value: number) => [I32_CONST, ...sleb(value)];
  // memarg: log2 of the alignment, then the offset.
  const v128At = (opcode: number, offset: number) => [...simd(opcode), 4, ...uleb(offset)];
  const lanes = [0, 1, 2, 3];
  const oneHash = (j: number) => [
    ...get(XS), ...get(SEED + j), ...simd(V128_XOR),
    ...get(M1), ...simd(I32X4_MUL), LOCAL_TEE, H,
    ...get(H), ...i32(13), ...simd(I32X4_SHR_U), ...simd(V128_XOR),
    ...get(M2), ...simd(I32X4_MUL), LOCAL_TEE, H,
    ...get(H), ...i32(16), ...simd(I32X4_SHR_U), ...simd(V128_XOR),
    ...get(MIN + j), ...simd(I32X4_MIN_U), ...set(MIN + j),
  ];
  const code = [
    ...get(N), ...i32(2), I32_SHL, ...set(END_AT),
    ...i32(MULTIPLIER_1), ...simd(I32X4_SPLAT), ...set(M1),
    ...i32(MULTIPLIER_2), ...simd(I32X4_SPLAT), ...set(M2),
    ...i32(0), ...set(SEED_OFFSET),
    LOOP, VOID_BLOCK, // 16 hash functions per pass over the shingles
    ...lanes.flatMap((j) => [...get(SEED_OFFSET), ...v128At(V128_LOAD, SEEDS_AT + 16 * j), ...set(SEED + j)]),
    ...lanes.flatMap((j) => [...i32(-1), ...simd(I32X4_SPLAT), ...set(MIN + j)]),
    ...i32(0), ...set(AT),
    BLOCK, VOID_BLOCK,
    LOOP, VOID_BLOCK,
    ...get(AT), ...get(END_AT), I32_GE_U, BR_IF, 1,
    ...get(AT), I32_LOAD, 2, ...uleb(SHINGLES_AT), LOCAL_TEE, X,
    ...get(X), ...i32(16), I32_SHR_U, I32_XOR, ...simd(I32X4_SPLAT), ...set(XS),
    ...lanes.flatMap(oneHash),
    ...get(AT), ...i32(4), I32_ADD, ...set(AT),
    BR, 0,
    END,
    END,
    ...lanes.flatMap((j) => [...get(SEED_OFFSET), ...get(MIN + j), ...v128At(V128_STORE, MINIMA_AT + 16 * j)]),
    ...get(SEED_OFFSET), ...i32(64), I32_ADD, LOCAL_TEE, SEED_OFFSET,
    ...i32(256), I32_LT_U, BR_IF, 0,
    END,
    END,
  ];
  const body = [2, 4, I32, 12, V128, ...code];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [1, 0x60, 1, I32, 0]), // one type: (i32) -> ()
    ...section(3, [1, 0]), // one function of that type
    ...section(5, [1, 0, 1]), // one memory, at least 1 page
    ...section(7, [2, ...name('m'), 2, 0, ...name('h'), 0, 0]), // exports: memory "m", function "h"
    ...section(10, [1, ...uleb(body.length), ...body]),
  ]);
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(text: string): number[] {
  return [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
}

function uleb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

function sleb(value: number): number[] {
  const bytes: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    const done = (value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}
