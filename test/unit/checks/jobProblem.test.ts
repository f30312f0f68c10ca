import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lineExtent } from '../../../core/checks/serviceChecks.ts';
import { jobProblem } from '../../../core/checks/serviceChecks.ts';

const files = { training: 'file:///w/train.jsonl', validation: 'file:///w/valid.jsonl' };
const failed = (message: string, param: string | null = 'training_file') => ({ id: 'ftjob-1', status: 'failed' as const, error: { code: 'invalid_training_file', message, param } });

describe('a failed job as a diagnostic', () => {
  test('"Example 3, message 5 ..." -> line index 2 of the training file, code TC801, the service message', () => {
    assert.deepEqual(jobProblem(failed('Example 3, message 5 has an invalid weight; expected 0 or 1.'), files), {
      uri: 'file:///w/train.jsonl',
      line: 2,
      code: 'TC801',
      message: 'The fine-tuning service rejected this line (job ftjob-1): Example 3, message 5 has an invalid weight; expected 0 or 1.',
    });
  });

  test('an error about the validation file lands in the validation file', () => {
    assert.equal(jobProblem(failed('Line 7 is not a valid JSON object.', 'validation_file'), files)?.uri, 'file:///w/valid.jsonl');
    assert.equal(jobProblem(failed('Line 7 is not a valid JSON object.', 'validation_file'), { training: files.training }), undefined);
  });

  test('no line named, not failed, or no local file: nothing', () => {
    assert.equal(jobProblem(failed('Training file has 3 example(s), but must have at least 10 examples'), files), undefined);
    assert.equal(jobProblem({ id: 'j', status: 'succeeded', error: null }, files), undefined);
    assert.equal(jobProblem(failed('Line 1 is not a dictionary.'), undefined), undefined);
  });

  test('lineExtent: the line without surrounding blanks; CRLF; blank lines; past the end', () => {
    const text = '{"a":1}\r\n  {"b":2}  \n\n{"c":3}';
    assert.deepEqual(lineExtent(text, 0), { start: 0, end: 7 });
    assert.deepEqual(lineExtent(text, 1), { start: 2, end: 9 });
    assert.deepEqual(lineExtent(text, 2), { start: 0, end: 0 });
    assert.deepEqual(lineExtent(text, 3), { start: 0, end: 7 });
    assert.equal(lineExtent(text, 4), undefined);
  });
});
