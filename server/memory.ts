import * as v8 from 'node:v8';
import * as vm from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;
let gc: Gc | null | undefined;

/**
 * Once a big document is open, its didOpen message (the raw buffers and the decoded JSON,
 * twice the document) is garbage that V8 would keep until its next major collection. Collected
 * right away, before the check fills the heap with per-line results, the pause is short
 * (little is alive yet) and the memory goes back before the check needs its own.
 */
export function releaseMemorySoon(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  if (gc) setTimeout(() => gc?.({ type: 'major', execution: 'async' }), 0).unref();
}
