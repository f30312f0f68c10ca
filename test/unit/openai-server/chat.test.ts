import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI from 'openai';
import { ApiError, type OpenAIServer } from '../../openai-server/index.ts';
import { client, NOW, start } from './fixtures.ts';

const tools: OpenAI.Chat.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
];

describe('chat completions as a scripted model', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  before(async () => {
    server = await start();
    openai = client(server);
    server.script.set(
      'ft:gpt-4o-mini-2024-07-18:org:weather:00000001',
      [
        { match: 'hi', reply: 'hello' },
        { match: /weather in (\w+)/i, reply: { tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] } },
        { match: (text) => text.includes('two cities'), reply: { tool_calls: [{ id: 'call_x', name: 'get_weather', arguments: '{"city":"Rome"}' }, { name: 'get_weather', arguments: '{"city": "Oslo"' }] } },
      ],
      { fallback: { content: 'I cannot help with that.' } },
    );
  });
  after(() => server.close());

  const model = 'ft:gpt-4o-mini-2024-07-18:org:weather:00000001';

  test('an exact-text rule answers with content, finish_reason stop and estimated usage', async () => {
    const completion = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
    assert.deepEqual(completion, {
      id: 'chatcmpl-000000000000000000000001',
      object: 'chat.completion',
      created: NOW,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: 'hello', refusal: null, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
      // prompt: 3 + (3 + 1) for "hi"; completion: "hello" = 2 (4 characters a token).
      usage: { prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 },
      service_tier: 'default',
      system_fingerprint: 'fp_openai_server_test',
    });
  });

  test('a RegExp rule on the last user message answers with a tool call whose arguments are a JSON string', async () => {
    const completion = await openai.chat.completions.create({
      model,
      tools,
      messages: [
        { role: 'system', content: 'Use tools.' },
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] },
      ],
    });
    const choice = completion.choices[0]!;
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.content, null);
    assert.deepEqual(choice.message.tool_calls, [{ id: 'call_000000000000000000000001', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }]);
  });

  test('parallel calls keep given ids and exact (even malformed) argument strings; no match gives the fallback', async () => {
    const parallel = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'weather for two cities' }] });
    assert.deepEqual(
      parallel.choices[0]!.message.tool_calls!.map((c) => (c.type === 'function' ? [c.id, c.function.arguments] : [])),
      [
        ['call_x', '{"city":"Rome"}'],
        ['call_000000000000000000000002', '{"city": "Oslo"'],
      ],
    );
    const other = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: 'tell me a joke' }] });
    assert.equal(other.choices[0]!.message.content, 'I cannot help with that.');
  });

  test('a handler sees the whole request and may set usage and finish_reason', async () => {
    const seen: OpenAI.Chat.ChatCompletionCreateParamsNonStreaming[] = [];
    server.script.set('handler-model', (request) => {
      seen.push(request);
      return { content: 'cut', finish_reason: 'length', usage: { prompt_tokens: 1000, completion_tokens: 1 } };
    });
    const completion = await openai.chat.completions.create({ model: 'handler-model', tools, temperature: 0, messages: [{ role: 'user', content: 'x' }] });
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0]!.tools, tools);
    assert.equal(seen[0]!.temperature, 0);
    assert.equal(completion.choices[0]!.finish_reason, 'length');
    assert.deepEqual(completion.usage, { prompt_tokens: 1000, completion_tokens: 1, total_tokens: 1001 });
  });

  test('a handler can answer with an API error', async () => {
    server.script.set('erroring-model', () => {
      throw new ApiError(400, "This model's maximum context length is 128000 tokens.", { param: 'messages', code: 'context_length_exceeded' });
    });
    const error = await openai.chat.completions.create({ model: 'erroring-model', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.deepEqual([error.code, error.param], ['context_length_exceeded', 'messages']);
  });

  test('an unscripted model is a 404 model_not_found', async () => {
    const error = await openai.chat.completions.create({ model: 'gpt-unknown', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.equal(error.code, 'model_not_found');
    assert.equal(error.message, '404 The model `gpt-unknown` does not exist or you do not have access to it.');
  });

  test('per-model latency delays the answer', async () => {
    server.script.set('slow-model', [], { latencyMs: 150, fallback: 'late' });
    const t0 = performance.now();
    const completion = await openai.chat.completions.create({ model: 'slow-model', messages: [{ role: 'user', content: 'x' }] });
    assert.ok(performance.now() - t0 >= 140);
    assert.equal(completion.choices[0]!.message.content, 'late');
  });

  test('requests without messages, or asking to stream, are refused', async () => {
    const empty = await openai.chat.completions.create({ model, messages: [] }).catch((e: unknown) => e);
    assert.ok(empty instanceof OpenAI.BadRequestError);
    assert.equal(empty.param, 'messages');
    const streamed = await openai.chat.completions.create({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e);
    assert.ok(streamed instanceof OpenAI.BadRequestError);
    assert.equal(streamed.param, 'stream');
  });
});
