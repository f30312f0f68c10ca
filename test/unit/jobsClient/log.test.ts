import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { JobsLog } from '../../../client/jobs/log.ts';

describe('JobsLog', () => {
  test('redacts the registered key, Bearer tokens and sk- shapes before the sink and the buffer see a line', () => {
    const sunk: string[] = [];
    const log = new JobsLog((level, text) => sunk.push(`${level}:${text}`));
    log.addSecret('abc-secret-key-without-prefix');
    log.info('key abc-secret-key-without-prefix, header Authorization: Bearer sk-live-0123456789, masked sk-proj-****abcd');
    assert.deepEqual(sunk, ['info:key [redacted], header Authorization: Bearer [redacted], masked sk-[redacted]']);
    assert.equal(log.text(), '[info] key [redacted], header Authorization: Bearer [redacted], masked sk-[redacted]');
  });

  test('keeps the last N lines', () => {
    const log = new JobsLog(() => undefined, 2);
    log.info('a');
    log.warn('b');
    log.error('c');
    assert.equal(log.text(), '[warn] b\n[error] c');
  });
});
