import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collapseToLine, planWriteBack, prettyPrint } from '../../../core/authoring/editAsJson.ts';
import { callExample } from '../../helpers/diagnose.ts';

const line = JSON.stringify(callExample('{"city":"Paris"}'));

test('pretty-print and collapse round-trip to the same single line', () => {
  const pretty = prettyPrint(line)!;
  assert.equal(pretty.split('\n').length > 10, true);
  assert.equal(pretty.endsWith('}\n'), true);
  assert.deepEqual(collapseToLine(pretty), { ok: true, line });
  assert.equal(prettyPrint('{"messages": ['), undefined);
  assert.equal(prettyPrint('\uFEFF{"a":1}'), '{\n  "a": 1\n}\n');
});

test('collapse keeps line breaks inside strings escaped, refuses invalid JSON and non-objects', () => {
  assert.deepEqual(collapseToLine('{\n  "messages": [{"role": "user", "content": "a\\nb"}]\n}'), { ok: true, line: '{"messages":[{"role":"user","content":"a\\nb"}]}' });
  const bad = collapseToLine('{"messages": [}');
  assert.equal(bad.ok, false);
  assert.match((bad as { message: string }).message, /^The edited example is not valid JSON/);
  assert.deepEqual(collapseToLine('[1]'), { ok: false, message: 'The edited example must be a JSON object with "messages".' });
});

test('write-back: in place; follows the line when lines above moved; refuses when it changed', () => {
  const edited = prettyPrint(line)!.replace('Paris', 'Rome');
  const expected = line.replace('Paris', 'Rome');
  const doc = ['{"a":1}', line, '{"b":2}'];
  const at = (lines: string[]) => (i: number) => lines[i];
  assert.deepEqual(planWriteBack({ line: 1, original: line }, at(doc), doc.length, edited), { ok: true, line: 1, newText: expected });
  const moved = ['{"x":0}', ...doc];
  assert.deepEqual(planWriteBack({ line: 1, original: line }, at(moved), moved.length, edited), { ok: true, line: 2, newText: expected });
  const changed = ['{"a":1}', line.replace('Paris', 'Oslo'), '{"b":2}'];
  assert.deepEqual(planWriteBack({ line: 1, original: line }, at(changed), changed.length, edited), {
    ok: false,
    message: 'Nothing was written: line 2 changed since it was opened for editing. Copy your edit, reopen the example and apply it again.',
  });
  const twice = ['{"x":0}', line, line];
  assert.equal(planWriteBack({ line: 0, original: line }, at(twice), twice.length, edited).ok, false);
});
