// Issue 16: Edit Example as JSON never changes what the user did not change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planWriteBack, prettyPrint, roundTripProblem } from '../../../core/authoring/editAsJson.ts';

test('Edit Example as JSON: saving without edits (or after re-indenting only) writes the line back unchanged', () => {
  // Spaced separators and a \u escape: a re-serialisation would change both.
  const original = '{"messages": [{"role": "user", "content": "caf\\u00e9 1.50"}, {"role": "assistant", "content": "ok", "weight": 1.0}]}';
  const lines = [original];
  const read = (i: number) => lines[i];
  const pretty = prettyPrint(original)!;
  assert.deepEqual(planWriteBack({ line: 0, original }, read, 1, pretty), { ok: true, line: 0, newText: original });
  assert.deepEqual(planWriteBack({ line: 0, original }, read, 1, pretty.replaceAll('  ', '    ')), { ok: true, line: 0, newText: original });
  // A real edit is written, compactly.
  const edited = pretty.replace('"ok"', '"okay"');
  assert.deepEqual(planWriteBack({ line: 0, original }, read, 1, edited), { ok: true, line: 0, newText: '{"messages":[{"role":"user","content":"café 1.50"},{"role":"assistant","content":"okay","weight":1}]}' });
});

test('Edit Example as JSON refuses, with the reason, lines that parsing would change: beyond 2^53, 1e400, -0, duplicate keys', () => {
  const line = (extra: string) => `{"messages": [{"role": "user", "content": "x"}, {"role": "assistant", "content": "y"}], ${extra}}`;
  const at = (extra: string, token: string) => line(extra).indexOf(token) + 1;
  assert.equal(roundTripProblem(line('"n": 12345678901234567890')), `the integer 12345678901234567890 (column ${at('"n": 12345678901234567890', '12345678901234567890')}) is beyond 2^53 and would become 12345678901234567000`);
  assert.equal(roundTripProblem(line('"n": 1e400')), `the number 1e400 (column ${at('"n": 1e400', '1e400')}) is too large for JSON tools and would become null`);
  assert.equal(roundTripProblem(line('"n": -0')), `the number -0 (column ${at('"n": -0', '-0')}) would become 0`);
  assert.equal(roundTripProblem('{"messages": [], "messages": [{"role": "user", "content": "x"}]}'), 'key "messages" appears twice in one object (column 2) and only the last would be kept');
  // Numbers JavaScript holds exactly, and 2^53 itself, are fine.
  assert.equal(roundTripProblem(line('"n": 9007199254740992, "m": 0.1, "k": -5, "e": 1e21')), undefined);
});
