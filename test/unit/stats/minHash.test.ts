// MinHash by WebAssembly SIMD (minHashWasm.ts) and by JavaScript (the fallback) must give the
// same 64 values for every shingle set, or different pairs of examples would be found.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minHashSignature, scalarMinHash, wasmMinHash } from '../../../core/stats/minHash.ts';
import { minHashModuleBytes } from '../../../core/stats/minHashWasm.ts';

function* shingleSets(): Generator<Uint32Array> {
  let state = 99;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  yield new Uint32Array(0);
  yield Uint32Array.of(0);
  yield Uint32Array.of(0xffffffff);
  yield Uint32Array.of(0x80000000, 0x7fffffff, 0xffff, 0xffff0000);
  for (let n = 1; n < 200; n++) yield Uint32Array.from({ length: n }, next);
  // Values from a small range (many share bits), and sets larger than the module's first page of memory.
  for (let round = 0; round < 100; round++) yield Uint32Array.from({ length: next() % 3000 }, () => next() % 64);
  yield Uint32Array.from({ length: 40_000 }, next);
  yield Uint32Array.from({ length: 100_000 }, next);
  yield Uint32Array.from({ length: 3 }, next);
}

test('the WebAssembly MinHash equals the JavaScript one on 306 shingle sets, including ones that grow its memory', () => {
  const wasm = wasmMinHash();
  assert.ok(wasm, 'this Node.js runs WebAssembly SIMD');
  let sets = 0;
  for (const shingles of shingleSets()) {
    const expected = scalarMinHash(shingles).slice();
    assert.deepEqual(wasm(shingles), expected, `${shingles.length} shingles`);
    sets++;
  }
  assert.equal(sets, 306);
  // The empty set leaves every value at its start, 2^32 - 1.
  assert.deepEqual(wasm(new Uint32Array(0)), new Uint32Array(64).fill(0xffffffff));
});

test('minHashSignature is the WebAssembly one where the engine runs the module', () => {
  assert.equal(minHashModuleBytes().length, 411);
  const shingles = Uint32Array.of(1, 2, 3);
  assert.deepEqual(minHashSignature(shingles).slice(), scalarMinHash(shingles).slice());
  assert.notEqual(minHashSignature, scalarMinHash);
});
