import * as v8 from 'node:v8';
import * as vm from 'node:vm';

type Gc = (options?: { type?: 'major' | 'minor'; execution?: 'sync' | 'async' }) => unknown;
let gc: Gc | null | undefined;

/**
 * Lets `releaseMemorySoon` collect: V8's flag that gives new contexts a `gc` function. Set by the
 * server's entry as it starts (main.ts), as every V8 flag must be: setting one while V8's compiler
 * threads run is unsafe (bench/NOTES.md, eighth round); it used to be set at the first big didOpen.
 */
export function allowCollectingGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
}

/**
 * Once a big document is open, its didOpen message (the raw buffers and the decoded JSON,
 * twice the document) is garbage that V8 would keep until its next major collection. Collected
 * right away, before the check fills the heap with per-line results, the pause is short
 * (little is alive yet) and the memory goes back before the check needs its own. Does nothing
 * in a process whose entry did not `allowCollectingGarbage` (the tests').
 */
export function releaseMemorySoon(): void {
  if (gc === undefined) {
    try {
      gc = vm.runInNewContext('gc') as Gc;
    } catch {
      gc = null;
    }
  }
  if (gc) setTimeout(() => gc?.({ type: 'major', execution: 'async' }), 0).unref();
}
