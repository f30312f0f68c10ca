import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LONG_LINE_CHARS, problemSummary, subjectOf, summaryText } from '../../../core/authoring/problemSummary.ts';
import type { Diagnostic } from '../../../core/checks/findings.ts';

const d = (code: string, start: number, severity: Diagnostic['severity'], message: string): Diagnostic => ({ line: 4, start, end: start + 5, severity, code: code as Diagnostic['code'], message });

const problems = [
  d('TC513', 2_950, 'error', 'Argument "unit" must be one of "celsius", "fahrenheit"; got "kelvin".'),
  d('TC505', 612, 'error', 'Call to undeclared tool "serach"; did you mean "search"?'),
  d('TC702', 0, 'warning', 'Duplicate of line 11; repeated examples skew training toward them.'),
  d('TC420', 40, 'info', 'Tool "search" has no description.'),
];

test('a long line: errors and warnings counted, named in column order with the first quoted word; infos left out', () => {
  const summary = problemSummary(problems, 3_000, 'longLines')!;
  assert.equal(summaryText(summary), '2 errors, 1 warning: TC702 · TC505 serach · TC513 unit');
  assert.deepEqual(summary.parts.map((p) => [p.text, p.start, p.end]), [['TC702', 0, 5], ['TC505 serach', 612, 617], ['TC513 unit', 2_950, 2_955]]);
  assert.equal(summary.parts[1]!.message, 'Call to undeclared tool "serach"; did you mean "search"?');
});

test('more than three problems: the first three named, the rest counted', () => {
  const many = [0, 1, 2, 3, 4].map((i) => d('TC509', 200 + i, 'error', `"arguments" of call ${i} is not valid JSON.`));
  assert.equal(summaryText(problemSummary(many, 500, 'always')!), '5 errors: TC509 arguments · TC509 arguments · TC509 arguments +2 more');
});

test('modes: longLines only past LONG_LINE_CHARS, always for any length, off never; no errors or warnings: none', () => {
  assert.equal(LONG_LINE_CHARS, 120);
  assert.equal(problemSummary(problems, 120, 'longLines'), undefined);
  assert.equal(summaryText(problemSummary(problems, 121, 'longLines')!), '2 errors, 1 warning: TC702 · TC505 serach · TC513 unit');
  assert.equal(summaryText(problemSummary([problems[0]!], 20, 'always')!), '1 error: TC513 unit');
  assert.equal(problemSummary(problems, 3_000, 'off'), undefined);
  assert.equal(problemSummary([problems[3]!], 3_000, 'always'), undefined);
  assert.equal(problemSummary([], 3_000, 'always'), undefined);
});

test('subjectOf: the first quoted name (backticks, double or single quotes), long names cut to 24 characters', () => {
  assert.equal(subjectOf('Call to undeclared tool `get_wether`; did you mean `get_weather`?'), 'get_wether');
  assert.equal(subjectOf("Role 'human' is not a chat role."), 'human');
  assert.equal(subjectOf('Unexpected end of JSON input.'), '');
  assert.equal(subjectOf('Tool "a_very_long_tool_name_that_goes_on" is declared twice.'), 'a_very_long_tool_name_t…');
});
