// The language server ships as two bundles: dist/server.js and the one its worker threads run
// (long lines, the opt-in dealt check). Without the second, the workers fail and the server
// checks every line itself: the build must make it and the .vsix must carry it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { WORKER_BUNDLE_FILE } from '../../../server/checkWorker.ts';

test('the server worker bundle is built from server/workerMain.ts and shipped beside dist/server.js', () => {
  const shipped = readFileSync('.vscodeignore', 'utf8').split('\n').map((line) => line.trim());
  assert.ok(shipped.includes('!dist/server.js'));
  assert.ok(shipped.includes(`!dist/${WORKER_BUNDLE_FILE}`), `.vscodeignore allows dist/${WORKER_BUNDLE_FILE}`);
  const build = readFileSync('scripts/build.mjs', 'utf8');
  assert.match(build, new RegExp(`entryPoints: \\['server/workerMain\\.ts'\\], outfile: 'dist/${WORKER_BUNDLE_FILE.replace('.', '\\.')}', group: 'server'`));
});
