import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SMALL_YOUNG_GENERATION } from '../../../core/v8Flags.ts';

// The server and eval --predictions keep V8's young generation at its initial size
// (core/v8Flags.ts): checked in a fresh process, since the flag is process-wide.
function newSpaceBeforeAndAfterAllocating(keepSmall: boolean): { before: number; after: number } {
  const script = `
    const v8 = require('node:v8');
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1024 / 1024;
    ${keepSmall ? "require('./core/v8Flags.ts').keepYoungGenerationSmall();" : ''}
    const before = newSpace();
    const keep = [];
    for (let i = 0; i < 3e6; i++) { keep.push({ a: i, b: 'x' + i }); if (keep.length > 2e5) keep.length = 0; }
    process.stdout.write(JSON.stringify({ before, after: newSpace() }));`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

/**
 * The same with a worker thread started first, as the server's long-line worker is: its start-up
 * sets V8's flags again, so the main thread's setting is lost unless the worker sets it too
 * (server/main.ts runs keepYoungGenerationSmall in every thread).
 */
function newSpaceAfterAWorker(workerKeepsSmall: boolean): number {
  const script = `
    const v8 = require('node:v8');
    const { Worker } = require('node:worker_threads');
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1024 / 1024;
    require('./core/v8Flags.ts').keepYoungGenerationSmall();
    const inWorker = ${workerKeepsSmall ? `"require('node:v8').setFlagsFromString('--semi-space-growth-factor=1');"` : "''"};
    const worker = new Worker(inWorker + "require('node:worker_threads').parentPort.postMessage('up')", { eval: true });
    worker.once('message', () => {
      const keep = [];
      for (let i = 0; i < 3e6; i++) { keep.push({ a: i, b: 'x' + i }); if (keep.length > 2e5) keep.length = 0; }
      process.stdout.write(JSON.stringify(newSpace()));
      void worker.terminate();
    });`;
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }));
}

describe('the young generation', () => {
  it('grows again once a worker thread starts, unless the worker keeps it small too', () => {
    assert.equal(newSpaceAfterAWorker(false), 32);
    assert.ok(newSpaceAfterAWorker(true) < 32);
  });

  it('stays at its initial size while short-lived objects are made, where it grew to 32 MB', () => {
    const grown = newSpaceBeforeAndAfterAllocating(false);
    assert.equal(grown.after, 32);
    assert.ok(grown.before < 32, `${grown.before} MB at first`);
    const kept = newSpaceBeforeAndAfterAllocating(true);
    assert.equal(kept.after, kept.before);
  });

  it('is kept small once per worker: by the preamble of dist/serverWorker.js, by the tests\' own entry, not by workerMain.ts', () => {
    assert.match(readFileSync('server/checkWorker.ts', 'utf8'), /setFlagsFromString\(\$\{JSON\.stringify\(SMALL_YOUNG_GENERATION\)\}\)/);
    assert.ok(readFileSync('test/unit/server/checkWorkerEntry.mjs', 'utf8').includes(`setFlagsFromString('${SMALL_YOUNG_GENERATION}');`));
    assert.doesNotMatch(readFileSync('server/workerMain.ts', 'utf8'), /keepYoungGenerationSmall|setFlagsFromString/);
  });
});
