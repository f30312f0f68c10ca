import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../helpers/diagnose.ts';
import { validateText } from '../../../core/validate.ts';

const ok = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}';

test('TC101: invalid JSON is reported at the syntax error', () => {
  assert.deepEqual(diagnose('{"messages": [1,}'), [{ code: 'TC101', line: 0, start: 16, end: 17, text: '}' }]);
});

test('TC101: a truncated line points at its end and says so', () => {
  const line = '{"messages": [{"role": "user", "content": "hi';
  assert.deepEqual(diagnose(line), [{ code: 'TC101', line: 0, start: 42, end: 45, text: '"hi' }]);
  assert.equal(validateText(line).diagnostics[0].message, 'Line is not valid JSON: the string is not closed (is the line truncated?).');
});

test('TC102: a line that is not an object', () => {
  assert.deepEqual(diagnose('[1, 2]'), [{ code: 'TC102', line: 0, start: 0, end: 6, text: '[1, 2]' }]);
});

test('TC103: a byte-order mark, and the line is still checked', () => {
  assert.deepEqual(diagnose('\uFEFF' + ok), [{ code: 'TC103', line: 0, start: 0, end: 1, text: '\uFEFF' }]);
});

test('TC104: blank lines, including whitespace-only lines; CRLF files are fine', () => {
  assert.deepEqual(diagnose(`${ok}\r\n\r\n  \r\n${ok.replace('hi', 'yo')}\r\n`), [
    { code: 'TC104', line: 1, start: 0, end: 0, text: '' },
    { code: 'TC104', line: 2, start: 0, end: 2, text: '  ' },
  ]);
});

test('TC105: text after the JSON object', () => {
  assert.deepEqual(diagnose(ok + ' x'), [{ code: 'TC105', line: 0, start: ok.length + 1, end: ok.length + 2, text: 'x' }]);
});

test('TC106: 6,000-deep nesting gives one diagnostic and no crash', () => {
  const deep = '['.repeat(6000);
  assert.deepEqual(diagnose(deep), [{ code: 'TC106', line: 0, start: 256, end: 257, text: '[' }]);
});

test('TC106: a deeply nested but valid value is too deep too (it used to pass)', () => {
  const closed = '['.repeat(6000) + ']'.repeat(6000);
  assert.deepEqual(diagnose(closed), [{ code: 'TC106', line: 0, start: 2048, end: 2049, text: '[' }]);
  const prefix = '{"messages": [{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}], "x": ';
  const deepInside = `${prefix}${closed}}`;
  // Valid JSON may nest up to 2,048 levels (the rules then say something more precise): the
  // object and its first 2,047 brackets make 2,048 levels; the next bracket crosses the limit.
  assert.deepEqual(diagnose(deepInside), [{ code: 'TC106', line: 0, start: prefix.length + 2047, end: prefix.length + 2048, text: '[' }]);
  assert.equal(validateText(deepInside).diagnostics[0].message, 'The line nests deeper than 2048 levels; no training example needs that.');
  const atLimit = `{"messages": [{"role":"user","content":"hi"},{"role":"assistant","content":"ok"}], "x": ${'['.repeat(255)}${']'.repeat(255)}}`;
  assert.deepEqual(diagnose(atLimit).map((d) => d.code), ['TC204']);
});

test('TC101, not TC105: a line cut off inside a nested value is truncated, not followed by extra text', () => {
  const line = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hel';
  assert.deepEqual(diagnose(line).map((d) => d.code), ['TC101']);
});
