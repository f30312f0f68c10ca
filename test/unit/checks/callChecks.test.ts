import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callExample, diagnose, diagnoseExample, WEATHER_TOOL } from '../../helpers/diagnose.ts';
import { validateText } from '../../../core/validate.ts';

const seen = (example: unknown) => diagnoseExample(example).map((d) => [d.code, d.text]);
const call = (c: unknown) => ({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [c] }], tools: [WEATHER_TOOL] });
const fnPart = { name: 'get_weather', arguments: '{"city": "Paris"}' };

test('a valid call ending the conversation is fine', () => {
  assert.deepEqual(seen(callExample('{"city": "Paris"}')), []);
});

test('TC501: tool_calls malformed', () => {
  const base = { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [] }], tools: [WEATHER_TOOL] };
  assert.deepEqual(seen(base), [['TC501', '[]']]);
  assert.deepEqual(seen(call(7)), [['TC501', '7']]);
  assert.deepEqual(seen(call({ id: 'a', type: 'function', function: fnPart, extra: 1 })), [['TC501', '"extra"']]);
});

test('TC502/TC503/TC504: id missing, duplicate ids, type', () => {
  assert.deepEqual(seen(call({ type: 'function', function: fnPart })), [['TC502', '{']]);
  const twice = { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: fnPart }, { id: 'a', type: 'function', function: fnPart }] }], tools: [WEATHER_TOOL] };
  assert.deepEqual(seen(twice), [['TC503', '"a"']]);
  assert.deepEqual(seen(call({ id: 'a', type: 'tool', function: fnPart })), [['TC504', '"tool"']]);
});

test('TC505: an undeclared name suggests the closest declared one', () => {
  const result = validateText(JSON.stringify(callExample('{"query": "x"}', 'serach'))).diagnostics.filter((d) => d.code !== 'TC701');
  assert.deepEqual(result.map((d) => [d.code, d.message, d.data]), [['TC505', 'Call to undeclared tool "serach"; did you mean "search"?', { candidates: ['search'] }]]);
});

test('TC516/TC517: no tools declared; call without a name', () => {
  assert.deepEqual(seen({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: fnPart }] }] }), [['TC516', '"get_weather"']]);
  assert.deepEqual(seen(call({ id: 'a', type: 'function', function: { arguments: '{}' } })), [['TC517', '{']]);
});

test('a shared tools file applies to lines without tools', () => {
  const line = JSON.stringify({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: { name: 'get_weather', arguments: '{"town": "x"}' } }] }] });
  assert.deepEqual(diagnose(line, { sharedTools: [WEATHER_TOOL] }).map((d) => [d.code, d.text]), [['TC511', '{'], ['TC514', 'town']]);
});
