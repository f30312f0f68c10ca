import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { contentText, isObject, readExample, type Example } from '../../../core/stats/example.ts';
import { countExampleTokens, DEFAULT_TOKEN_LIMITS, encodingForModel, lookupModel, tokenCounter, TOKENS_PER_EXAMPLE, TOKENS_PER_MESSAGE, TOKENS_PER_NAME } from '../../../core/stats/tokens.ts';

const o200k = tokenCounter('o200k_base');
const cl100k = tokenCounter('cl100k_base');
const example = (value: unknown): Example => readExample({ index: 0, text: JSON.stringify(value) }) as Example;

// Reference token ids from gpt-tokenizer's own test suite (src/GptEncoding.test.ts, which
// matches tiktoken) and OpenAI's "How to count tokens with tiktoken" cookbook.
test('encodings agree with the reference counts', () => {
  assert.equal(o200k.count('This is some text'), 4); // [2500, 382, 1236, 2201]
  assert.equal(cl100k.count('This is some text'), 4); // [2028, 374, 1063, 1495]
  assert.equal(o200k.count('hello 👋 world 🌍'), 6);
  assert.equal(cl100k.count('hello 👋 world 🌍'), 7);
  assert.equal(o200k.count('toString constructor hasOwnProperty valueOf'), 8);
  assert.equal(cl100k.count('toString constructor hasOwnProperty valueOf'), 6);
  assert.equal(o200k.count('hello, I am a text, and I have commas. a,b,c'), 15);
  assert.equal(cl100k.count('tiktoken is great!'), 6); // cookbook: [83, 1609, 5963, 374, 2294, 0]
  // A special token's text inside data is plain text, not a failure.
  assert.equal(o200k.count('<|endoftext|>'), 7);
  // Long texts go through the cache: same answer twice.
  const long = 'This is some text '.repeat(10);
  assert.equal(o200k.count(long), o200k.count(long));
});

test('message overheads: 3 per example, 3 per message plus role and content, name +1', () => {
  const value = { messages: [{ role: 'user', content: 'This is some text' }, { role: 'assistant', content: 'hello, I am a text, and I have commas. a,b,c' }] };
  // 3 + (3 + user 1 + 4) + (3 + assistant 1 + 15)
  assert.equal(o200k.count('user'), 1);
  assert.equal(o200k.count('assistant'), 1);
  assert.equal(countExampleTokens(example(value), o200k), 30);
  assert.equal(countExampleTokens(example(value), cl100k), 30);
  const named = { messages: [{ role: 'user', name: 'This is some text', content: 'This is some text' }] };
  // 3 + (3 + 1 + 4 + name 4 + 1)
  assert.equal(countExampleTokens(example(named), cl100k), 16);
});

test('tool calls, tool replies and declarations', () => {
  const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
  const value = {
    messages: [
      { role: 'user', content: 'This is some text' },
      { role: 'assistant', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }], weight: 0 },
      { role: 'tool', tool_call_id: 'call_1', content: 'This is some text' },
    ],
    tools,
    parallel_tool_calls: false,
  };
  const c = (t: string) => o200k.count(t);
  const expected = 3 + (3 + c('user') + 4) + (3 + c('assistant') + c('get_weather') + c('{"city":"Paris"}')) + (3 + c('tool') + c('call_1') + 4) + c(JSON.stringify(tools));
  assert.equal(countExampleTokens(example(value), o200k), expected);
  assert.equal(expected, 62);
  // Arguments given as an object (a mistake the validator reports) are counted as their JSON.
  const objectArgs = JSON.parse(JSON.stringify(value).replace('"{\\"city\\":\\"Paris\\"}"', '{"city":"Paris"}'));
  assert.deepEqual(objectArgs.messages[1].tool_calls[0].function.arguments, { city: 'Paris' });
  assert.equal(countExampleTokens(example(objectArgs), o200k), expected);
});

test('encoding by model', () => {
  for (const m of ['gpt-4o-mini-2024-07-18', 'gpt-4o-2024-08-06', 'gpt-4.1-2025-04-14', 'o3-mini', 'o4-mini-2025-04-16', 'gpt-5', 'ft:gpt-4o-mini-2024-07-18:acme::x1', 'unknown-model']) {
    assert.equal(encodingForModel(m), 'o200k_base', m);
  }
  for (const m of ['gpt-3.5-turbo-0125', 'gpt-4', 'gpt-4-0613', 'gpt-4-turbo', 'babbage-002', 'davinci-002', 'ft:gpt-3.5-turbo-1106:acme::x']) {
    assert.equal(encodingForModel(m), 'cl100k_base', m);
  }
});

test('token limits by exact id and prefix', () => {
  assert.equal(lookupModel(DEFAULT_TOKEN_LIMITS, 'gpt-4o-mini-2024-07-18'), 65_536);
  assert.equal(lookupModel(DEFAULT_TOKEN_LIMITS, 'gpt-3.5-turbo-1106'), 16_385);
  assert.equal(lookupModel(DEFAULT_TOKEN_LIMITS, 'gpt-4.1-nano-2025-04-14'), 65_536);
  assert.equal(lookupModel(DEFAULT_TOKEN_LIMITS, 'ft:gpt-3.5-turbo-0125:acme::x'), 16_385);
  assert.equal(lookupModel(DEFAULT_TOKEN_LIMITS, 'gpt-4o'), undefined);
});

test('runs of over 1,000 letters or newlines are counted in pieces (BPE on one long run is quadratic)', () => {
  const counter = tokenCounter('o200k_base');
  // 80 pieces of 1,000 A's at 125 tokens each; a million newlines in 1,000 pieces (the first
  // 20 counted, the rest extrapolated at their rate).
  assert.equal(counter.count('A'.repeat(80_000)), 10_000);
  assert.equal(counter.count('\n'.repeat(1_000_000)), 1_000 * counter.count('\n'.repeat(1_000)));
});

test('countExampleTokens counts calls as the cookbook recipe above says, on fixture lines and odd call shapes', () => {
  const counter = tokenCounter('o200k_base');
  // The recipe for calls, written out plainly: tool_calls in order, then a legacy function_call.
  const reference = (example: Example) => {
    let total = TOKENS_PER_EXAMPLE;
    for (const message of example.messages) {
      total += TOKENS_PER_MESSAGE;
      if (typeof message.role === 'string') total += counter.count(message.role);
      const content = contentText(message.content);
      if (content) total += counter.count(content);
      if (typeof message.name === 'string') total += counter.count(message.name) + TOKENS_PER_NAME;
      if (typeof message.tool_call_id === 'string') total += counter.count(message.tool_call_id);
      const calls = [...(Array.isArray(message.tool_calls) ? message.tool_calls : []), ...(isObject(message.function_call) ? [{ function: message.function_call }] : [])];
      for (const call of calls) {
        if (!isObject(call) || !isObject(call.function)) continue;
        if (typeof call.function.name === 'string') total += counter.count(call.function.name);
        const args = call.function.arguments;
        if (args !== undefined) total += counter.count(typeof args === 'string' ? args : JSON.stringify(args));
      }
    }
    for (const key of ['tools', 'functions'] as const) {
      const declarations = example.value[key];
      if (Array.isArray(declarations) && declarations.length > 0) total += counter.count(JSON.stringify(declarations));
    }
    return total;
  };
  const odd = [
    { role: 'assistant', tool_calls: [null, 'x', { function: 'f' }, { function: { name: 'get', arguments: { a: [1] } } }, { function: { arguments: '{}' } }], function_call: { name: 'legacy', arguments: '{"b":2}' } },
    { role: 'assistant', function_call: 'not an object', tool_calls: { function: { name: 'ignored' } } },
    { role: 'assistant', function_call: { name: 7, arguments: null } },
  ];
  const examples: Example[] = [{ line: 1, value: { messages: odd }, messages: odd }];
  for (const file of ['stats/mixed.jsonl', 'stats/real-excerpt.jsonl.txt', 'stats/drone-excerpt.jsonl']) {
    readFileSync(path.join(__dirname, '../../fixtures', file), 'utf8').split('\n').forEach((text, index) => {
      const example = readExample({ index, text });
      if (typeof example !== 'string') examples.push(example);
    });
  }
  for (const example of examples) assert.equal(countExampleTokens(example, counter), reference(example), `line ${example.line}`);
  assert.equal(reference(examples[0]), 29);
  assert.equal(examples.length, 47);
});
