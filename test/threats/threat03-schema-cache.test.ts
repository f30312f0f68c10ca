import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { DatasetValidator, validateText } from '../../core/validate.ts';
import { callLine } from './inputs.ts';
import { QUIET } from './stdio.ts';

/** A garbage collection, whether or not node was started with --expose-gc. */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  (vm.runInNewContext('gc') as () => void)();
}

const schemaNumber = (i: number) => ({ type: 'object', properties: { [`p${i}`]: { type: 'string', description: `Parameter ${i}.` } }, required: [`p${i}`] });

describe('threat 3: memory growth from compiling a schema per line', () => {
  it('10k identical lines -> 1 compile', () => {
    const line = callLine(schemaNumber(0), { p0: 'x' });
    const validator = new DatasetValidator(QUIET);
    const { diagnostics, summary } = validateText(Array(10_000).fill(line).join('\n'), QUIET, validator);
    assert.equal(summary.examples, 10_000);
    assert.deepEqual(diagnostics.map((d) => d.code), Array(9_999).fill('TC702')); // duplicates, nothing else
    assert.equal(validator.toolSets.schemas.stats.compiles, 1);
  });

  it('10k lines with equal schemas written differently (key order, whitespace) -> 1 compile', () => {
    const a = callLine({ type: 'object', properties: { q: { type: 'string' } } }, { q: 'x' });
    const b = callLine({ properties: { q: { type: 'string' } }, type: 'object' }, { q: 'y' });
    const validator = new DatasetValidator(QUIET);
    validateText(Array.from({ length: 10_000 }, (_, i) => (i % 2 ? a : b)).join('\n'), QUIET, validator);
    assert.equal(validator.toolSets.schemas.stats.compiles, 1);
  });

  it('10k distinct schemas -> the cache stops growing and the heap levels off', () => {
    const validator = new DatasetValidator(QUIET);
    const heap: number[] = [];
    const sizes: number[] = [];
    const chunk = 2000;
    for (let start = 0; start < 10_000; start += chunk) {
      const lines = Array.from({ length: chunk }, (_, k) => callLine(schemaNumber(start + k), { [`p${start + k}`]: 'x' }));
      validateText(lines.join('\n'), QUIET, validator);
      collect();
      heap.push(process.memoryUsage().heapUsed);
      sizes.push(validator.toolSets.schemas.stats.size);
    }
    const mb = heap.map((h) => Math.round(h / 1e6));
    console.log(`threat 3: after each 2,000 distinct schemas: cache ${sizes.join(', ')} entries; heap ${mb.join(', ')} MB`);
    assert.equal(validator.toolSets.schemas.stats.compiles, 10_000);
    // The cache is bounded (its bound, whatever it is, is reached before 6,000 schemas)...
    assert.ok(sizes[4]! < 10_000 && sizes[4] === sizes[2], `cache sizes ${sizes.join(', ')}`);
    // ...and so is the heap: from 6k to 10k schemas it may grow by a fraction of what the first 2k took.
    const growth = heap[4]! - heap[2]!;
    assert.ok(growth < 30e6, `heap grew ${(growth / 1e6).toFixed(0)} MB from 6k to 10k schemas (levels: ${mb.join(', ')} MB)`);
  });
});
