import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, isErrorReply } from '../../../core/stats/category.ts';
import { readExample, type Example } from '../../../core/stats/example.ts';

const example = (value: unknown): Example => readExample({ index: 0, text: JSON.stringify(value) }) as Example;
const call = (id: string, name: string, args = '{}') => ({ id, type: 'function', function: { name, arguments: args } });
const user = { role: 'user', content: 'q' };

test('no call, one call, parallel calls, calls in two turns', () => {
  assert.equal(classify(example({ messages: [user, { role: 'assistant', content: 'a' }] })).category, 'no-call');
  assert.equal(classify(example({ messages: [user, { role: 'assistant', tool_calls: [call('a', 'f')] }] })).category, 'single-call');
  assert.equal(classify(example({ messages: [user, { role: 'assistant', tool_calls: [call('a', 'f'), call('b', 'g')] }] })).category, 'multi-step');
  const twoTurns = { messages: [user, { role: 'assistant', tool_calls: [call('a', 'f')] }, { role: 'tool', tool_call_id: 'a', content: 'ok' }, { role: 'assistant', tool_calls: [call('b', 'f')] }] };
  assert.equal(classify(example(twoTurns)).category, 'multi-step');
});

test('an error reply followed by a retry of the same tool is error recovery; weight 1 on the failed turn is flagged', () => {
  const messages = [user, { role: 'assistant', tool_calls: [call('a', 'f')] }, { role: 'tool', tool_call_id: 'a', content: 'Error: bad input' }, { role: 'assistant', tool_calls: [call('b', 'f')] }];
  assert.deepEqual(classify(example({ messages })), {
    category: 'error-recovery',
    calls: [
      { id: 'a', name: 'f', arguments: '{}', messageIndex: 1 },
      { id: 'b', name: 'f', arguments: '{}', messageIndex: 3 },
    ],
    failedTurnsWithWeight: [1],
  });
  const weighted = messages.map((m, i) => (i === 1 ? { ...m, weight: 0 } : m));
  assert.deepEqual(classify(example({ messages: weighted })).failedTurnsWithWeight, []);
  assert.equal(classify(example({ messages: weighted })).category, 'error-recovery');
});

test('an error reply without a retry of the same tool is not error recovery', () => {
  const otherTool = [user, { role: 'assistant', tool_calls: [call('a', 'f')] }, { role: 'tool', tool_call_id: 'a', content: '{"error": "x"}' }, { role: 'assistant', tool_calls: [call('b', 'g')] }];
  assert.equal(classify(example({ messages: otherTool })).category, 'multi-step');
  const noRetry = [user, { role: 'assistant', tool_calls: [call('a', 'f')] }, { role: 'tool', tool_call_id: 'a', content: 'Error' }, { role: 'assistant', content: 'sorry' }];
  assert.equal(classify(example({ messages: noRetry })).category, 'single-call');
});

test('a weight-0 assistant turn with calls is error recovery even without an error reply', () => {
  const messages = [user, { role: 'assistant', weight: 0, tool_calls: [call('a', 'f')] }, { role: 'tool', tool_call_id: 'a', content: 'ok' }, { role: 'assistant', content: 'done' }];
  assert.equal(classify(example({ messages })).category, 'error-recovery');
});

test('legacy function_call and function replies', () => {
  const messages = [
    user,
    { role: 'assistant', function_call: { name: 'f', arguments: '{}' } },
    { role: 'function', name: 'f', content: 'error: timeout' },
    { role: 'assistant', function_call: { name: 'f', arguments: '{"retry": true}' } },
  ];
  const result = classify(example({ messages }));
  assert.equal(result.category, 'error-recovery');
  assert.deepEqual(result.failedTurnsWithWeight, [1]);
});

test('isErrorReply: JSON by its keys, text by a word starting with "error"', () => {
  assert.equal(isErrorReply('{"error": "unknown city"}'), true);
  assert.equal(isErrorReply('{"error": null, "temp": 3}'), false);
  assert.equal(isErrorReply('{"status": "failed"}'), true);
  assert.equal(isErrorReply('{"note": "no error"}'), false);
  assert.equal(isErrorReply('Error: not found'), true);
  assert.equal(isErrorReply('The request errored out'), true);
  assert.equal(isErrorReply('18C, sunny'), false);
  assert.equal(isErrorReply('terrorism index'), false);
  assert.equal(isErrorReply([{ type: 'text', text: 'ERROR 500' }]), true);
});
