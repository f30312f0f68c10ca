// positionFindings returns diagnostics left to right, findings with equal starts in the order the
// rules found them; a list already in that order is returned without sorting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { positionFindings } from '../../../core/validate.ts';
import type { Finding } from '../../../core/checks/findings.ts';

const at = (start: number, end: number, message: string): Finding => ({ code: 'TC404', message, target: { path: [], span: { start, end } } });
const placed = (findings: Finding[]) => positionFindings('', 3, findings).map((d) => `${d.start}-${d.end} ${d.message}`);

test('diagnostics come left to right, equal starts in the rules\' order, sorted or not', () => {
  assert.deepEqual(placed([at(5, 6, 'a'), at(1, 2, 'b'), at(5, 7, 'c'), at(1, 3, 'd'), at(0, 9, 'e')]), ['0-9 e', '1-2 b', '1-3 d', '5-6 a', '5-7 c']);
  assert.deepEqual(placed([at(0, 9, 'e'), at(1, 3, 'd'), at(1, 2, 'b'), at(5, 7, 'c'), at(5, 6, 'a')]), ['0-9 e', '1-3 d', '1-2 b', '5-7 c', '5-6 a']);
  assert.deepEqual(placed([at(2, 4, 'only')]), ['2-4 only']);
  assert.deepEqual(placed([]), []);
});
