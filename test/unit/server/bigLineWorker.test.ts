import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DatasetValidator } from '../../../core/validate.ts';
import { BigLineWorker } from '../../../server/bigLines.ts';
import { sampleLines } from './fixtures.ts';

// The long-line worker is a real thread (main.ts under tsx, through checkWorkerEntry.mjs).
const ENTRY = path.resolve('test/unit/server/checkWorkerEntry.mjs');

describe('the long-line worker', () => {
  it('ends once idle, and a later long line starts another that answers the same', async () => {
    const errors: unknown[] = [];
    const worker = new BigLineWorker(ENTRY, (error) => errors.push(error), 0);
    const checker = worker.checker({}, 10);
    const line = sampleLines()[2]!;
    const expected = new DatasetValidator({}).checkLine(line, 7);
    assert.deepEqual(await checker.check(line, 7), expected);
    assert.equal(worker.started, 1);
    // With no idle time the worker ends on the next turns: wait for that, then check again.
    while (worker.running) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(await checker.check(line, 7), expected);
    assert.equal(worker.started, 2);
    assert.deepEqual(errors, []);
    worker.dispose();
  });

  it('keeps one worker for lines that come while it is not idle', async () => {
    const worker = new BigLineWorker(ENTRY, () => undefined, 600_000);
    const checker = worker.checker({}, 10);
    const lines = sampleLines();
    for (const [k, line] of lines.entries()) assert.deepEqual(await checker.check(line, k), new DatasetValidator({}).checkLine(line, k));
    assert.equal(worker.started, 1);
    assert.equal(worker.sent, lines.length);
    assert.equal(worker.running, true);
    worker.dispose();
  });
});
