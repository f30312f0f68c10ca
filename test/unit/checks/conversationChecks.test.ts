import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseExample, WEATHER_TOOL } from '../../helpers/diagnose.ts';

const user = { role: 'user', content: 'Weather in Paris and Rome?' };
const callMsg = (...ids: string[]) => ({ role: 'assistant', tool_calls: ids.map((id) => ({ id, type: 'function', function: { name: 'get_weather', arguments: '{"city": "Paris"}' } })) });
const reply = (id?: string) => (id === undefined ? { role: 'tool', content: '18C' } : { role: 'tool', tool_call_id: id, content: '18C' });
const final = { role: 'assistant', content: 'It is 18C.' };
const seen = (...messages: unknown[]) => diagnoseExample({ messages, tools: [WEATHER_TOOL] }).map((d) => [d.code, d.text]);

test('a complete exchange, and one ending at the call, are valid', () => {
  assert.deepEqual(seen(user, callMsg('a', 'b'), reply('b'), reply('a'), final), []);
  assert.deepEqual(seen(user, callMsg('a', 'b')), []);
});

test('TC601: tool_call_id matching no call of the preceding assistant turn', () => {
  // One wrong id and one unanswered call are one mistake: said once, on the reply.
  assert.deepEqual(seen(user, callMsg('a'), reply('z'), final), [['TC601', '"z"']]);
});

test('TC602: a call without reply while the conversation goes on', () => {
  assert.deepEqual(seen(user, callMsg('a', 'b'), reply('a'), final), [['TC602', '"b"']]);
  assert.deepEqual(seen(user, callMsg('a'), { role: 'user', content: 'and?' }, final), [['TC602', '"a"']]);
  // the tool turn began and the example ends: the other call still needs its reply
  assert.deepEqual(seen(user, callMsg('a', 'b'), reply('a')), [['TC602', '"b"']]);
});

test('TC603/TC604/TC605: answered twice, reply with no call, reply without id', () => {
  assert.deepEqual(seen(user, callMsg('a'), reply('a'), reply('a'), final), [['TC603', '"a"']]);
  assert.deepEqual(seen(user, reply('a'), final), [['TC604', '"a"']]);
  assert.deepEqual(seen(user, callMsg('a'), reply(), final), [['TC602', '"a"'], ['TC605', '{']]);
});
