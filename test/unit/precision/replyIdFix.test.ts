// Issue 16: a reply whose tool_call_id is a near miss of a call without a reply is ONE mistake.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WEATHER_TOOL } from '../../helpers/diagnose.ts';
import { fixesOf, lineDiagnostics } from '../authoring/helpers.ts';

const call = (id: string) => ({ id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
const line = (calls: string[], replies: string[]) =>
  JSON.stringify({
    messages: [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', tool_calls: calls.map(call) },
      ...replies.map((id) => ({ role: 'tool', tool_call_id: id, content: '18C' })),
      { role: 'assistant', content: 'It is 18C.' },
    ],
    tools: [WEATHER_TOOL],
  });

test('tool_call_id one or two characters off an unanswered call: one TC601 on the reply, related to the call, the preferred fix changes the id', () => {
  const text = line(['call_abc1', 'call_xyz9'], ['call_xyz9', 'call_abd1']);
  const found = lineDiagnostics(text);
  const callAt = text.indexOf('"call_abc1"');
  const replyAt = text.indexOf('"call_abd1"');
  assert.deepEqual(found.map((d) => [d.code, d.start, d.end, d.message, d.related]), [
    ['TC601', replyAt, replyAt + 11, '"tool_call_id" "call_abd1" is one character off call "call_abc1", which has no reply; change it to "call_abc1".', [{ line: 0, start: callAt, end: callAt + 11, message: 'The call "call_abc1" this reply most likely answers.' }]],
  ]);
  const fixes = fixesOf(text, 'TC601');
  assert.deepEqual(fixes.map((f) => [f.title, f.preferred, f.auto]), [['Change "tool_call_id" to "call_abc1"', true, true]]);
  assert.equal(fixes[0].line, line(['call_abc1', 'call_xyz9'], ['call_xyz9', 'call_abc1']));
  assert.deepEqual(lineDiagnostics(fixes[0].line), []);
});

test('two characters off; a far id with two calls unanswered stays TC601 + TC602, and then no "insert a reply" is offered', () => {
  const two = line(['call_1234'], ['call_1243']);
  assert.deepEqual(lineDiagnostics(two).map((d) => [d.code, d.message]), [['TC601', '"tool_call_id" "call_1243" is two characters off call "call_1234", which has no reply; change it to "call_1234".']]);
  // Two unanswered calls and a reply near neither: nothing pairs.
  const far = line(['call_aaaa', 'call_bbbb'], ['zzz']);
  assert.deepEqual(lineDiagnostics(far).map((d) => [d.code, text(far, d)]), [['TC602', '"call_aaaa"'], ['TC602', '"call_bbbb"'], ['TC601', '"zzz"']]);
  assert.deepEqual(fixesOf(far, 'TC602'), []);
  assert.deepEqual(fixesOf(far, 'TC601').map((f) => [f.title, f.preferred]), [['Change "tool_call_id" to "call_aaaa"', false], ['Change "tool_call_id" to "call_bbbb"', false]]);
  // No orphan reply: inserting a reply is the fix.
  const missing = line(['call_1', 'call_2'], ['call_1']);
  assert.deepEqual(fixesOf(missing, 'TC602').map((f) => [f.title, f.preferred]), [['Insert a tool reply for "call_2" (content to fill in)', true]]);
});

const text = (t: string, d: { start: number; end: number }) => t.slice(d.start, d.end);
