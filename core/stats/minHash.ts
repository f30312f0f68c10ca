// MinHash signatures of the near-duplicate index (duplicates.ts): 64 hash functions, each
// fmix32(shingle ^ seed_k), and per function the least value over the example's shingles.
// Computed with WebAssembly SIMD where the engine has it (minHashWasm.ts: four functions per
// instruction), else in JavaScript; both give the same values (test: minHash.test.ts).
import { MINIMA_AT, SEEDS_AT, SHINGLES_AT, minHashModuleBytes } from './minHashWasm.ts';

// The engine's WebAssembly global, typed here: core's libraries (ES2023, node) do not declare it.
declare const WebAssembly: {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
};
interface WasmMemory {
  buffer: ArrayBuffer;
  grow(pages: number): number;
}

export const HASHES = 64;
export const SEEDS = Uint32Array.from({ length: HASHES }, (_, i) => fmix32((i + 1) * 0x9e3779b9));
// fmix32(x ^ seed) begins with h ^= h >>> 16, which splits over the xor: (x ^ x >>> 16) ^ (seed ^
// seed >>> 16). The shingles' half is computed once per shingle, the seeds' half once here.
const MIXED_SEEDS = SEEDS.map((seed) => seed ^ (seed >>> 16));

// Scratch for the signature: a fresh typed array per example was external memory the GC saw late.
const signature = new Uint32Array(HASHES);
let mixedScratch = new Uint32Array(1024);

/** The example's 64 MinHash values (band b is values 4b .. 4b + 3); valid until the next call. */
export const minHashSignature: (shingles: Uint32Array) => Uint32Array = wasmMinHash() ?? scalarMinHash;

/** minHashSignature in JavaScript (the fallback, and the reference in tests). */
export function scalarMinHash(shingles: Uint32Array): Uint32Array {
  const n = shingles.length;
  if (n > mixedScratch.length) mixedScratch = new Uint32Array(Math.max(n, mixedScratch.length * 2));
  const mixed = mixedScratch;
  for (let i = 0; i < n; i++) mixed[i] = shingles[i] ^ (shingles[i] >>> 16);
  // Four hash functions per pass over the shingles, each minimum in a local: one read of a
  // shingle feeds four independent multiply chains.
  for (let k = 0; k < HASHES; k += 4) {
    const s0 = MIXED_SEEDS[k];
    const s1 = MIXED_SEEDS[k + 1];
    const s2 = MIXED_SEEDS[k + 2];
    const s3 = MIXED_SEEDS[k + 3];
    let m0 = 0xffffffff;
    let m1 = 0xffffffff;
    let m2 = 0xffffffff;
    let m3 = 0xffffffff;
    for (let i = 0; i < n; i++) {
      const x = mixed[i];
      const v0 = fmixTail(x ^ s0);
      const v1 = fmixTail(x ^ s1);
      const v2 = fmixTail(x ^ s2);
      const v3 = fmixTail(x ^ s3);
      if (v0 < m0) m0 = v0;
      if (v1 < m1) m1 = v1;
      if (v2 < m2) m2 = v2;
      if (v3 < m3) m3 = v3;
    }
    signature[k] = m0;
    signature[k + 1] = m1;
    signature[k + 2] = m2;
    signature[k + 3] = m3;
  }
  return signature;
}

/** minHashSignature by the WebAssembly module, or undefined when this engine cannot run it (no SIMD). */
export function wasmMinHash(): ((shingles: Uint32Array) => Uint32Array) | undefined {
  const bytes = minHashModuleBytes();
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return undefined;
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  const memory = exports.m as WasmMemory;
  const run = exports.h as (n: number) => void;
  let words = new Uint32Array(memory.buffer);
  words.set(MIXED_SEEDS, SEEDS_AT / 4);
  return (shingles) => {
    const n = shingles.length;
    const bytesNeeded = SHINGLES_AT + 4 * n;
    if (bytesNeeded > memory.buffer.byteLength) {
      memory.grow(Math.ceil((bytesNeeded - memory.buffer.byteLength) / 65_536));
      words = new Uint32Array(memory.buffer);
    }
    words.set(shingles, SHINGLES_AT / 4);
    run(n);
    signature.set(words.subarray(MINIMA_AT / 4, MINIMA_AT / 4 + HASHES));
    return signature;
  };
}

/** fmix32 after its first step (h ^= h >>> 16), which minHashSignature has done. */
function fmixTail(h: number): number {
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fmix32(h: number): number {
  return fmixTail(h ^ (h >>> 16));
}
