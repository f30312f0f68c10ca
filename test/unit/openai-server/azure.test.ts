// The test server's Azure OpenAI mode, driven by the real SDK's AzureOpenAI through
// core/openai/client.ts createOpenAI({ azure }): the paths, api-version and api-key header
// the SDK sends, and what Azure refuses.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { toFile } from 'openai';
import { APIError, createOpenAI, azureBaseURL, type OpenAI } from '../../../core/openai/client.ts';
import { type OpenAIServer } from '../../openai-server/index.ts';
import { dataset, KEY, start } from './fixtures.ts';

const VERSION = '2024-10-21';

describe('Azure OpenAI mode with the SDK\'s AzureOpenAI client', () => {
  let server: OpenAIServer;
  let azure: OpenAI;
  const logs: string[] = [];
  before(async () => {
    server = await start({ azure: {} });
    azure = createOpenAI({ apiKey: KEY, baseURL: server.url, azure: { apiVersion: VERSION }, maxRetries: 0, logLevel: 'debug', log: (_l, t) => logs.push(t) });
    server.script.set('weather-deployment', [{ match: /weather/i, reply: { tool_calls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] } }]);
  });
  after(() => server.close());

  test('the resource URL is the endpoint; the SDK base URL ends in /openai', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(azureBaseURL('https://name.openai.azure.com/'), 'https://name.openai.azure.com/openai');
    assert.equal(azureBaseURL('https://name.openai.azure.com/openai'), 'https://name.openai.azure.com/openai');
  });

  test('upload, create a job and list jobs: /openai paths, api-version on each, the key only in api-key', async () => {
    const file = await azure.files.create({ file: await toFile(Buffer.from(dataset(10)), 'train.jsonl'), purpose: 'fine-tune' });
    const job = await azure.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: file.id });
    const page = await azure.fineTuning.jobs.list();
    assert.deepEqual(page.data.map((j) => j.id), [job.id]);
    const seen = server.state.requests.map((r) => [r.method, r.path, r.query['api-version'], r.auth, r.status]);
    assert.deepEqual(seen, [
      ['POST', '/openai/files', VERSION, 'accepted', 200],
      ['POST', '/openai/fine_tuning/jobs', VERSION, 'accepted', 200],
      ['GET', '/openai/fine_tuning/jobs', VERSION, 'accepted', 200],
    ]);
    for (const r of server.state.requests) assert.equal(r.headers['authorization'], undefined, 'no Bearer header goes to Azure');
    assert.ok(logs.length > 0, 'debug logging was on');
    assert.equal(logs.filter((l) => l.includes(KEY)).length, 0, 'the key never reaches the log');
  });

  test('a chat completion goes to the deployment in the path and is answered as that deployment', async () => {
    server.state.requests.length = 0;
    const completion = await azure.chat.completions.create({ model: 'weather-deployment', messages: [{ role: 'user', content: 'Weather in Paris?' }], tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }] });
    const call = completion.choices[0]!.message.tool_calls![0]!;
    assert.deepEqual([call.type, call.type === 'function' ? [call.function.name, call.function.arguments] : []], ['function', ['get_weather', '{"city":"Paris"}']]);
    assert.deepEqual(server.state.requests.map((r) => [r.path, r.query['api-version']]), [['/openai/deployments/weather-deployment/chat/completions', VERSION]]);
  });

  test('refusals: an OpenAI client (Bearer, /v1) gets 401; an unknown api-version 400; a bad version is caught before any request', async () => {
    const plain = createOpenAI({ apiKey: KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
    await assert.rejects(plain.fineTuning.jobs.list(), (e: unknown) => e instanceof APIError && e.status === 401 && !String(e.message).includes(KEY));
    const future = createOpenAI({ apiKey: KEY, baseURL: server.url, azure: { apiVersion: '2031-01-01' }, maxRetries: 0 });
    await assert.rejects(future.fineTuning.jobs.list(), (e: unknown) => e instanceof APIError && e.status === 400 && e.message === '400 Unsupported api-version 2031-01-01; supported: 2024-10-21, 2025-04-01-preview.');
    const wrongKey = createOpenAI({ apiKey: 'sk-nope-123456', baseURL: server.url, azure: { apiVersion: VERSION }, maxRetries: 0 });
    await assert.rejects(wrongKey.fineTuning.jobs.list(), (e: unknown) => e instanceof APIError && e.status === 401);
    assert.throws(() => createOpenAI({ apiKey: KEY, baseURL: server.url, azure: { apiVersion: 'latest' } }), { message: 'The Azure OpenAI API version "latest" is not a version like 2024-10-21 or 2025-04-01-preview.' });
  });
});
