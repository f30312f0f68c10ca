import assert from 'node:assert/strict';
import { test } from 'node:test';
import { erroredFile, locateJobError } from '../../../core/checks/serviceChecks.ts';

test('example, line, message and tool call numbers become 0-based indexes', () => {
  assert.deepEqual(locateJobError('Example 12 has an unrecognized key \'foo\'.'), { line: 11 });
  assert.deepEqual(locateJobError('Line 3 is not a valid JSON object.'), { line: 2 });
  assert.deepEqual(locateJobError('Example 100, message 2 Discriminator \'role\' is missing'), { line: 99, message: 1 });
  assert.deepEqual(locateJobError("Example 3, message 3, tool call 1: 'function.arguments' must be a string."), { line: 2, message: 2, toolCall: 0 });
  assert.deepEqual(locateJobError('Invalid file format: example 7 is too long'), { line: 6 });
});

test('messages that name no place, or place 0, give undefined', () => {
  assert.equal(locateJobError('Training file has 3 example(s), but must have at least 10 examples'), undefined);
  assert.equal(locateJobError('The job failed due to an internal error.'), undefined);
  assert.equal(locateJobError('Line 0 is odd'), undefined);
});

test('the validation file is the culprit only when the error says so', () => {
  assert.equal(erroredFile({ code: 'invalid_validation_file', param: 'validation_file' }), 'validation');
  assert.equal(erroredFile({ code: 'invalid_training_file', param: 'training_file' }), 'training');
  assert.equal(erroredFile(null), 'training');
});
