// Worker entry for unit tests: registers tsx in the worker, then runs server/workerMain.ts as dist/serverWorker.js would.
import { register } from 'tsx/esm/api';
register();
await import('../../../server/workerMain.ts');
