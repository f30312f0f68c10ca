// The server's worker threads (dist/serverWorker.js): the long-line worker and the opt-in check
// worker run this, not the whole server bundle. They only check lines (core/validate and the
// packing of results), so they load no LSP library, no feature and no transport: a smaller
// bundle to parse and compile on each start, and a smaller heap for the isolate.
import { isCheckWorker, runCheckWorker } from './checkWorker.ts';
import { keepYoungGenerationSmall } from '../core/v8Flags.ts';

// A new isolate's heap puts V8's young-generation growth factor back for the whole process (see
// startCheckWorker). The inlining flag main.ts set is left alone: flags are the process's, and
// the server's compiler threads read them meanwhile.
keepYoungGenerationSmall();
if (isCheckWorker()) runCheckWorker();
