import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

// The server's entry lets it collect a big didOpen's garbage at once (server/memory.ts); the flag
// that allows it is set there as the process starts, never later (V8's compiler threads read
// flags). Checked in fresh processes: flags are process-wide.
function majorCollections(allow: boolean): number {
  const script = `
    const { PerformanceObserver, constants } = require('node:perf_hooks');
    const memory = require('./server/memory.ts');
    ${allow ? 'memory.allowCollectingGarbage();' : ''}
    let major = 0;
    new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR && e.detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) major++; }).observe({ entryTypes: ['gc'] });
    memory.releaseMemorySoon();
    // The collection is asynchronous: report once it is seen, or after a bound generous on a busy
    // machine (the run without the flag waits it out: nothing would come). Only forced collections
    // count: V8's memory reducer may run a major one of its own meanwhile.
    const started = Date.now();
    const report = setInterval(() => {
      if (major > 0 || Date.now() - started > ${allow ? 20_000 : 1_000}) {
        clearInterval(report);
        process.stdout.write(String(major));
      }
    }, 10);`;
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

describe('collecting a big document\'s garbage at once', () => {
  it('happens when the entry allowed it as it started, and not otherwise (no flag set on the way)', () => {
    assert.equal(majorCollections(true), 1);
    assert.equal(majorCollections(false), 0);
  });
});
