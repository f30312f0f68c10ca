import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose, diagnoseExample } from '../../helpers/diagnose.ts';
import { validateText } from '../../../core/validate.ts';

const user = { role: 'user', content: 'hi' };
const assistant = { role: 'assistant', content: 'hello' };

test('TC201/TC202/TC203: messages missing, not an array, empty', () => {
  assert.deepEqual(diagnose('{"tools": []}'), [{ code: 'TC201', line: 0, start: 0, end: 1, text: '{' }]);
  assert.deepEqual(diagnose('{"messages": {}}'), [{ code: 'TC202', line: 0, start: 13, end: 15, text: '{}' }]);
  assert.deepEqual(diagnose('{"messages": []}'), [{ code: 'TC203', line: 0, start: 13, end: 15, text: '[]' }]);
});

test('TC204: unknown top-level keys, with a hint for ShareGPT', () => {
  const seen = diagnose('{"messages": [{"role":"user","content":"hi"},{"role":"assistant","content":"x"}], "conversations": [], "id": 3}');
  assert.deepEqual(seen.map((d) => [d.code, d.text]), [['TC204', '"conversations"'], ['TC204', '"id"']]);
});

test('TC204: an eval set\'s acceptable answers are named as such, for a file meant for training', () => {
  const line = '{"messages": [{"role":"user","content":"hi"},{"role":"assistant","content":"x"}], "acceptable": [null]}';
  assert.deepEqual(validateText(line, {}).diagnostics.filter((d) => d.code === 'TC204').map((d) => [d.code, d.severity, d.message]), [[
    'TC204', 'warning',
    'Unknown top-level key "acceptable" (acceptable answers for evaluation: keep them in eval sets, not in files uploaded for training); the fine-tuning format defines only messages, tools, parallel_tool_calls and functions, so it is not trained on (and the upload may be refused); remove it.',
  ]]);
});

test('TC205: parallel_tool_calls must be a boolean', () => {
  assert.deepEqual(diagnoseExample({ messages: [user, assistant], parallel_tool_calls: 'yes' }).map((d) => [d.code, d.text]), [['TC205', '"yes"']]);
});

test('TC206/TC207: legacy functions are understood; both formats at once are flagged', () => {
  const legacy = {
    messages: [user, { role: 'assistant', function_call: { name: 'f', arguments: '{"a": 1}' } }],
    functions: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }],
  };
  assert.deepEqual(diagnoseExample(legacy).map((d) => [d.code, d.text]), [['TC512', '1'], ['TC206', '"functions"']]);
  const both = { ...legacy, tools: [] };
  assert.deepEqual(diagnoseExample(both).map((d) => d.code), ['TC516', 'TC207']);
});

test('TC208: no assistant message to learn from', () => {
  assert.deepEqual(diagnoseExample({ messages: [user] }).map((d) => [d.code, d.text]), [['TC208', '"messages"']]);
  assert.deepEqual(diagnoseExample({ messages: [user, { ...assistant, weight: 0 }] }).map((d) => d.code), ['TC208']);
});
