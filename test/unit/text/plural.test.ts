// The one rule for a count and its noun (core/text/plural.ts), and the validate summary that
// once printed "1 examples: 1 errors, 1 warnings".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plural } from '../../../core/text/plural.ts';

test('a count of one takes the singular, every other count the plural', () => {
  assert.deepEqual([0, 1, 2, 21].map((n) => plural(n, 'example')), ['0 examples', '1 example', '2 examples', '21 examples']);
  assert.equal(plural(1, 'dataset line'), '1 dataset line');
  assert.equal(plural(12345, 'billed token', (n) => n.toLocaleString('en-US')), '12,345 billed tokens');
  assert.equal(plural(1, 'billed token', (n) => n.toLocaleString('en-US')), '1 billed token');
});
