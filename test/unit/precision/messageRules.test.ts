// Issue 16, "missed or mis-said": empty assistant turns, content parts, truncated tool names,
// unknown top-level keys, keywords on a schema of another type, the "sys" role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callExample } from '../../helpers/diagnose.ts';
import { fixesOf, lineDiagnostics } from '../authoring/helpers.ts';
import { fixAllInLine } from '../../../core/authoring/quickFixes/index.ts';
import { contextOf } from '../../../core/authoring/lineAnalysis.ts';
import { applyLineEdit } from '../../../core/authoring/lineEdit.ts';
import { DatasetValidator } from '../../../core/validate.ts';

const line = (value: unknown) => JSON.stringify(value);
const shown = (text: string) => lineDiagnostics(text).map((d) => [d.code, d.severity, d.start, d.end, text.slice(d.start, d.end), d.message]);

test('empty assistant turns: TC310 on a middle turn (removed by its preferred fix) and on the final answer (no removal)', () => {
  const middle = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"  "},{"role":"user","content":"well?"},{"role":"assistant","content":"Hello."}]}';
  assert.deepEqual(shown(middle), [
    ['TC310', 'warning', 74, 78, '"  "', 'Assistant message 1 is empty (no text, no tool calls), so the model learns to say nothing at this turn; remove the turn, or write what it should say.'],
  ]);
  const fixes = fixesOf(middle, 'TC310');
  assert.deepEqual(fixes.map((f) => [f.title, f.line, f.preferred]), [
    ['Remove the empty assistant message 1', '{"messages":[{"role":"user","content":"hi"},{"role":"user","content":"well?"},{"role":"assistant","content":"Hello."}]}', true],
  ]);
  assert.deepEqual(shown(fixes[0].line), []);

  const final = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": ""}]}';
  assert.deepEqual(shown(final), [['TC310', 'warning', 82, 84, '""', 'The final assistant message is empty, so the model learns to answer with nothing; write the reply it should give here.']]);
  assert.deepEqual(fixesOf(final, 'TC310'), []);
  // Not flagged: a turn with calls, a turn with weight 0 (not learned from), text.
  assert.deepEqual(shown(line(callExample('{"city":"Paris"}')).replace('"tool_calls"', '"content":"","tool_calls"')), []);
  assert.deepEqual(shown('{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"","weight":0},{"role":"user","content":"?"},{"role":"assistant","content":"ok"}]}'), []);
});

test('TC305 on a content part list names the bad part and why', () => {
  const noUrl = '{"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":"https://x/y.png"}]},{"role":"assistant","content":"A cat."}]}';
  assert.deepEqual(shown(noUrl), [
    ['TC305', 'error', 110, 127, '"https://x/y.png"', 'Content part 1 of type "image_url" needs "image_url" to be an object with a "url" string, such as {"url": "https://..."}.'],
  ]);
  const systemImage = '{"messages":[{"role":"system","content":[{"type":"image_url","image_url":{"url":"u"}}]},{"role":"user","content":"x"},{"role":"assistant","content":"y"}]}';
  assert.deepEqual(shown(systemImage), [['TC305', 'error', 49, 60, '"image_url"', 'Content part 0 has type "image_url"; image parts are only allowed in user messages.']]);
  const textNumber = '{"messages":[{"role":"user","content":[{"type":"text","text":5}]},{"role":"assistant","content":"y"}]}';
  assert.deepEqual(shown(textNumber), [['TC305', 'error', 61, 62, '5', 'Content part 0 of type "text" needs "text" to be a string; it is an integer.']]);
});

test('TC505 suggestions: a truncated name suggests the declared name it is a part of', () => {
  const tools = [{ type: 'function', function: { name: 'Tier1_Proxies', parameters: { type: 'object', properties: {} } } }, { type: 'function', function: { name: 'Tier2_Stats', parameters: { type: 'object', properties: {} } } }];
  const text = line({ messages: [{ role: 'user', content: 'list proxies' }, { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'Proxies', arguments: '{}' } }] }], tools });
  const found = lineDiagnostics(text).filter((d) => d.code === 'TC505');
  assert.deepEqual(found.map((d) => [text.slice(d.start, d.end), d.message, d.data]), [['"Proxies"', 'Call to undeclared tool "Proxies"; did you mean "Tier1_Proxies"?', { candidates: ['Tier1_Proxies'] }]]);
  const [fix] = fixesOf(text, 'TC505');
  assert.deepEqual([fix.title, fix.preferred, fix.auto], ['Change to "Tier1_Proxies"', true, true]);
  assert.deepEqual(shown(fix.line), []);
  // Not at a word boundary: no suggestion ("oxies" is inside "Proxies").
  const inside = text.replace('"name":"Proxies"', '"name":"oxies"');
  assert.deepEqual(lineDiagnostics(inside).filter((d) => d.code === 'TC505').map((d) => d.data), [{ candidates: [] }]);
});

test('TC204 is a warning that says what the service does with the key', () => {
  const text = '{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo"}],"id":"row-7"}';
  assert.deepEqual(shown(text), [
    ['TC204', 'warning', 81, 85, '"id"', 'Unknown top-level key "id"; the fine-tuning format defines only messages, tools, parallel_tool_calls and functions, so it is not trained on (and the upload may be refused); remove it.'],
  ]);
});

test('TC409 wording: a keyword on a schema of another type says it never applies', () => {
  const parameters = { type: 'object', properties: { ids: { type: 'array', items: { type: 'integer', minItems: 1 } }, tags: { type: 'array', format: 'email' } } };
  const text = line({ messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }], tools: [{ type: 'function', function: { name: 'f', parameters } }] });
  assert.deepEqual(shown(text).map(([code, , , , at, message]) => [code, at, message]), [
    ['TC409', '1', 'Parameters of "f": "minItems" only applies to array values, but this schema\'s type is "integer", so it is never checked; remove it or move it to the schema it was meant for.'],
    ['TC409', '"email"', 'Parameters of "f": "format" only applies to number or string values, but this schema\'s type is "array", so it is never checked; remove it or move it to the schema it was meant for.'],
  ]);
});

test('roles: "sys" means system, "bot"/"model"/"gpt" assistant; each has an auto fix', () => {
  const text = line({ messages: [{ role: 'sys', content: 'Be brief.' }, { role: 'user', content: 'hi' }, { role: 'bot', content: 'a' }, { role: 'user', content: 'b' }, { role: 'model', content: 'c' }, { role: 'user', content: 'd' }, { role: 'gpt', content: 'e' }] });
  const fixes = fixesOf(text, 'TC303');
  assert.deepEqual(fixes.map((f) => [f.title, f.auto, f.preferred]), [
    ['Change role to "system"', true, true],
    ['Change role to "assistant"', true, true],
    ['Change role to "assistant"', true, true],
    ['Change role to "assistant"', true, true],
  ]);
  const all = fixAllInLine(text, 0, contextOf(new DatasetValidator()));
  assert.deepEqual(all?.codes, ['TC303', 'TC303', 'TC303', 'TC303']);
  const fixed = applyLineEdit(text, all!.edit);
  assert.equal(fixed, text.replace('"sys"', '"system"').replace('"bot"', '"assistant"').replace('"model"', '"assistant"').replace('"gpt"', '"assistant"'));
  assert.deepEqual(shown(fixed), []);
});

test('a legacy "function" reply after tool_calls: TC606, and a fix that makes it a "tool" reply to the call of that function', () => {
  const text = '{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}}]},{"role":"function","name":"get_weather","content":"18C"},{"role":"assistant","content":"18C."}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}';
  assert.deepEqual(shown(text), [['TC606', 'error', 196, 206, '"function"', 'A "function" message answers a legacy function_call, but the assistant turn before it made tool_calls; use role "tool" with "tool_call_id" "call_1".']]);
  const fixes = fixesOf(text, 'TC606');
  assert.deepEqual(fixes.map((f) => [f.title, f.preferred, f.auto]), [['Make it a "tool" reply to "call_1"', true, true]]);
  assert.equal(fixes[0].line, text.replace('{"role":"function","name":"get_weather","content":"18C"}', '{"role":"tool","tool_call_id":"call_1","content":"18C"}'));
  assert.deepEqual(shown(fixes[0].line), []);
  // Legacy function calling stays valid.
  const legacy = '{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","function_call":{"name":"get_weather","arguments":"{}"}},{"role":"function","name":"get_weather","content":"18C"},{"role":"assistant","content":"18C."}],"functions":[{"name":"get_weather","parameters":{"type":"object","properties":{}}}]}';
  assert.deepEqual(shown(legacy).map(([code]) => code), ['TC206']);
});

test('roles: "observation" becomes "tool", and fix-all then adds the id of the one unanswered call', () => {
  const text = '{"messages":[{"role":"user","content":"Weather?"},{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},{"role":"observation","content":"18C"},{"role":"assistant","content":"18C."}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}}}}]}';
  assert.deepEqual(fixesOf(text, 'TC303').map((f) => [f.title, f.auto, f.preferred]), [['Change role to "tool"', true, true]]);
  const all = fixAllInLine(text, 0, contextOf(new DatasetValidator()));
  assert.deepEqual(all?.codes, ['TC303', 'TC605']);
  const fixed = applyLineEdit(text, all!.edit);
  assert.equal(fixed, text.replace('{"role":"observation","content":"18C"}', '{"role":"tool","tool_call_id":"call_1","content":"18C"}'));
  assert.deepEqual(shown(fixed), []);
});
