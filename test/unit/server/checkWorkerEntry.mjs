// Worker entry for unit tests: registers tsx in the worker, then runs server/main.ts as the bundle would.
import { register } from 'tsx/esm/api';
register();
await import('../../../server/main.ts');
