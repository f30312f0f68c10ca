// Issue 16: TC703 once per tool name and file, with the count and the lines, not once per line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateStream, validateText } from '../../../core/validate.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';

const tool = (name: string, description: string) => ({ type: 'function', function: { name, description, parameters: { type: 'object', properties: {} } } });
const line = (n: number, tools: unknown[]) => JSON.stringify({ messages: [{ role: 'user', content: `q${n}` }, { role: 'assistant', content: 'a' }], tools });

// Like benchmark files: "search" carries its own variant on 8 of 12 lines; "calc" drifts once.
const LINES = Array.from({ length: 12 }, (_, n) => line(n, [tool('calc', n === 7 ? 'Adds.' : 'Computes.'), tool('search', n < 4 ? 'Web search.' : `Search variant ${n}.`)]));

const EXPECTED_SEARCH = 'Tool "search" is declared in 9 different ways: lines 5, 6, 7, 8, 9 and 3 more differ from line 1; keep one declaration across the file, as at inference.';
const EXPECTED_CALC = 'Tool "calc" is declared in 2 different ways: line 8 differs from line 1; keep one declaration across the file, as at inference.';

const view = (d: Diagnostic) => [d.code, d.line, d.start, d.end, d.message, d.data, d.related?.map((r) => [r.line, r.message])];

test('TC703 once per tool name and file, at the first differing line, with the count and the lines as related information', async () => {
  const text = LINES.join('\n');
  const found = validateText(text).diagnostics.filter((d) => d.code === 'TC703');
  const searchAt = LINES[4].indexOf('"search"');
  const calcAt = LINES[7].indexOf('"calc"');
  const expected = [
    ['TC703', 4, searchAt, searchAt + 8, EXPECTED_SEARCH, { firstLine: 0, lines: [4, 5, 6, 7, 8, 9, 10, 11], variants: 9 }, [[0, 'First declaration of "search".'], ...[5, 6, 7, 8, 9, 10, 11].map((l) => [l, 'Declared differently from line 1.'])]],
    ['TC703', 7, calcAt, calcAt + 6, EXPECTED_CALC, { firstLine: 0, lines: [7], variants: 2 }, [[0, 'First declaration of "calc".']]],
  ];
  assert.deepEqual(found.map(view), expected);
  // The stream (the CLI, Validate File on Disk) says the same, positioned the same.
  const streamed: Diagnostic[] = [];
  await validateStream((async function* () { yield Buffer.from(text); })(), (d) => streamed.push(d));
  assert.deepEqual(streamed.filter((d) => d.code === 'TC703').map(view), expected);
});
