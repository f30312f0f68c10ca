import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PreflightResult } from '../../../core/jobs/preflight.ts';
import { overlapText, problemLines, refusalTitle, warningTitle } from '../../../client/jobs/messages.ts';

const result: PreflightResult = {
  ok: false,
  summary: { lines: 20, examples: 20, error: 12, warning: 1, info: 0, hint: 0 },
  problems: [
    ...Array.from({ length: 12 }, (_, i) => ({ line: i, start: 4, end: 9, severity: 'error' as const, code: 'TC308' as const, message: '`weight` is 2; it must be 0 (do not learn from this turn) or 1.' })),
    { line: 15, start: 0, end: 10, severity: 'warning' as const, code: 'TC702' as const, message: 'Duplicate of line 14; repeated examples skew training toward them.' },
  ],
};

describe('launch dialog texts', () => {
  test('the first 10 errors as FILE:LINE:COL CODE message, then how many more', () => {
    const lines = problemLines('train.jsonl', result, 'error');
    assert.equal(lines.length, 11);
    assert.equal(lines[0], 'train.jsonl:1:5 TC308 `weight` is 2; it must be 0 (do not learn from this turn) or 1.');
    assert.equal(lines[10], '... and 2 more.');
    assert.deepEqual(problemLines('train.jsonl', result, 'warning'), ['train.jsonl:16:1 TC702 Duplicate of line 14; repeated examples skew training toward them.']);
  });

  test('titles', () => {
    assert.equal(refusalTitle('train.jsonl', 1), 'train.jsonl has 1 error; fix it before launching a fine-tuning job.');
    assert.equal(refusalTitle('train.jsonl', 12), 'train.jsonl has 12 errors; fix them before launching a fine-tuning job.');
    assert.equal(warningTitle('train.jsonl', 2), 'train.jsonl has 2 warnings. Launch the fine-tuning job anyway?');
  });

  test('overlap between the validation and the training file', () => {
    assert.deepEqual(overlapText('train.jsonl', 'valid.jsonl', [{ validationLine: 0, trainingLine: 1 }, { validationLine: 2, trainingLine: 4 }], 1), {
      title: '2 validation examples are also in the training file; the validation loss will look better than it is. Launch anyway?',
      detail: 'valid.jsonl:1 is line 2 of train.jsonl\n... and 1 more.',
    });
  });
});
