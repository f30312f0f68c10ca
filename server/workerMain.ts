// The server's worker threads (dist/serverWorker.js): the long-line worker and the opt-in check
// worker run this, not the whole server bundle. They only check lines (core/validate and the
// packing of results), so they load no LSP library, no feature and no transport: a smaller
// bundle to parse and compile on each start, and a smaller heap for the isolate.
// V8's young-generation flag is set once per worker, by the one line startCheckWorker runs before
// this bundle (the tests' .mjs entry has its own): flags are the process's, and the server's
// compiler threads read them meanwhile, so nothing here sets them again.
import { isCheckWorker, runCheckWorker } from './checkWorker.ts';

if (isCheckWorker()) runCheckWorker();
