// Worker entry for unit tests: what startCheckWorker's one-line preamble does for dist/serverWorker.js
// (V8's young generation kept small: SMALL_YOUNG_GENERATION of core/v8Flags.ts, which cannot be
// imported here before tsx without a require cycle), then tsx, then server/workerMain.ts.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';

setFlagsFromString('--semi-space-growth-factor=1');
register();
await import('../../../server/workerMain.ts');
