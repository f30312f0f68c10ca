import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatasetValidator } from '../../../core/validate.ts';
import { WARM_UP_LINES, warmUpChecks } from '../../../server/warmUp.ts';

// The server checks three sample lines once when the client is initialized (server/warmUp.ts), so
// that its first document's check does not load and compile the core's code: the lines must
// reach the argument checks against a compiled schema, and leave no trace in what is published.
describe('warming up the checks', () => {
  it('checks a valid call, a wrong type and a missing argument, each reaching the schema checks', () => {
    assert.equal(WARM_UP_LINES.length, 3);
    assert.deepEqual(warmUpChecks(), ['TC512', 'TC511']);
  });

  it('leaves another validator\'s results as they are (its own validator, thrown away)', () => {
    const validator = new DatasetValidator();
    const before = WARM_UP_LINES.map((line, i) => validator.checkLine(line, i));
    warmUpChecks();
    assert.deepEqual(WARM_UP_LINES.map((line, i) => validator.checkLine(line, i)), before);
  });
});
