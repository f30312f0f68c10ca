// `npm test`: unit and stdio-LSP tests with Node's test runner (Node 20 does not expand globs
// itself), after a build so the LSP tests run against the real bundles.
import { spawnSync } from 'node:child_process';
import { glob } from 'tinyglobby';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

if (run(['scripts/build.mjs']) !== 0) process.exit(1);
const files = (await glob(['test/unit/**/*.test.ts', 'test/lsp/**/*.test.ts'])).sort();
const status = run(['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
process.exit(status);
