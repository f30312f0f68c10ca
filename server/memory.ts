import * as v8 from 'node:v8';
import * as vm from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;
let gc: Gc | null | undefined;

/**
 * After the first check of a big document most of the heap is garbage: the didOpen message
 * (its buffers, the decoded JSON, the text copy) and the check's temporaries. V8 would keep
 * that memory until its next major collection, which an idle server may not run for minutes;
 * one collection, asynchronous where V8 allows, gives it back.
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
