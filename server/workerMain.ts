// The server's worker threads (dist/serverWorker.js): the long-line worker and the opt-in check
// worker run this, not the whole server bundle. They only check lines (core/validate and the
// packing of results), so they load no LSP library, no feature and no transport: a smaller
// bundle to parse and compile on each start, and a smaller heap for the isolate.
import { isCheckWorker, runCheckWorker } from './checkWorker.ts';
import { inlineOnlyTinyFunctions, keepYoungGenerationSmall } from '../core/v8Flags.ts';

// As the server's own thread (main.ts): a worker thread's start-up sets V8's flags again.
keepYoungGenerationSmall();
inlineOnlyTinyFunctions();
if (isCheckWorker()) runCheckWorker();
