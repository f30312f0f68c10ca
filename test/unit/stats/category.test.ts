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

test('classify equals the previous order of checks (reply first, then retry) on fixture and generated lines', async () => {
  const { fixtureLines, generatedLines } = await import('../../helpers/datasetLines.ts');
  const { callsOf } = await import('../../../core/stats/example.ts');
  // The previous classify, verbatim but for names: the reply was judged before looking for a retry.
  const reference = (ex: Example) => {
    const calls: { id: string | undefined; name: string; arguments: unknown; messageIndex: number }[] = [];
    const replies = new Map<string, unknown>();
    const legacyReplies = new Map<object, unknown>();
    let zeroWeightCallTurn = false;
    ex.messages.forEach((message, messageIndex) => {
      if (message.role === 'assistant') {
        const turnCalls = callsOf(message).map((c) => ({ ...c, messageIndex }));
        calls.push(...turnCalls);
        if (turnCalls.length > 0 && message.weight === 0) zeroWeightCallTurn = true;
      } else if (message.role === 'tool' && typeof message.tool_call_id === 'string') {
        if (!replies.has(message.tool_call_id)) replies.set(message.tool_call_id, message.content);
      } else if (message.role === 'function' && typeof message.name === 'string') {
        const found = [...calls].reverse().find((c) => c.id === undefined && c.name === message.name);
        if (found && !legacyReplies.has(found)) legacyReplies.set(found, message.content);
      }
    });
    const failed = new Set<number>();
    let retried = false;
    for (const c of calls) {
      const reply = c.id !== undefined ? replies.get(c.id) : legacyReplies.get(c);
      if (reply === undefined || !isErrorReply(reply)) continue;
      if (!calls.some((later) => later.messageIndex > c.messageIndex && later.name === c.name)) continue;
      retried = true;
      if (ex.messages[c.messageIndex].weight !== 0) failed.add(c.messageIndex);
    }
    const category = retried || zeroWeightCallTurn ? 'error-recovery' : calls.length === 0 ? 'no-call' : calls.length === 1 ? 'single-call' : 'multi-step';
    return { category, calls, failedTurnsWithWeight: [...failed].sort((a, b) => a - b) };
  };
  // Replies found by looking back through the messages: the first reply of an id wins, wherever it is.
  const fail = (id: string, content: unknown = 'Error: bad') => ({ role: 'tool', tool_call_id: id, content });
  const turn = (...calls: object[]) => ({ role: 'assistant', tool_calls: calls });
  const legacy = (name: string, weight?: number) => ({ role: 'assistant', function_call: { name, arguments: '{}' }, ...(weight === undefined ? {} : { weight }) });
  const crafted = [
    [user, fail('a'), turn(call('a', 'f')), turn(call('b', 'f'))],
    [user, turn(call('a', 'f')), fail('a', 'ok'), fail('a'), turn(call('b', 'f'))],
    [user, turn(call('a', 'f')), fail('a'), fail('a', 'ok'), turn(call('b', 'f'))],
    [user, turn(call('a', 'f'), call('b', 'f')), fail('a'), fail('b', '{"error": 1}'), turn(call('c', 'f'))],
    [user, turn(call('a', 'f')), { role: 'tool', tool_call_id: 7, content: 'Error' }, turn(call('b', 'f'))],
    [user, { role: 'function', name: 'f', content: 'Error' }, legacy('f'), legacy('f')],
    [user, legacy('f'), legacy('f'), { role: 'function', name: 'f', content: 'Error' }, { role: 'function', name: 'f', content: 'ok' }, legacy('f')],
    [user, legacy('f', 0), { role: 'function', name: 'f', content: 'error' }, legacy('f'), { role: 'function', name: 'g', content: 'error' }],
    [user, { ...turn(call('a', 'f')), weight: 0 }, fail('a'), turn(call('b', 'f')), fail('b'), turn(call('c', 'f'))],
  ].map((messages) => JSON.stringify({ messages }));
  const seen = new Map<string, number>();
  for (const text of [...fixtureLines(), ...generatedLines(400, 11), ...crafted]) {
    const ex = readExample({ index: 0, text });
    if (typeof ex === 'string') continue;
    const expected = reference(ex);
    assert.deepEqual(classify(ex), expected, text);
    seen.set(expected.category, (seen.get(expected.category) ?? 0) + 1);
  }
  // Every category is met, so every branch is compared.
  assert.deepEqual([...seen.keys()].sort(), ['error-recovery', 'multi-step', 'no-call', 'single-call']);
});
