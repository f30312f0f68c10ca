import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { uploadFile } from '../../../core/jobs/upload.ts';
import { createOpenAI, describeApiError, redactSecrets } from '../../../core/openai/client.ts';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, KEY, start, workspace } from './fixtures.ts';

describe('createOpenAI and describeApiError', () => {
  let server: OpenAIServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  test('a 401 during an upload with debug logging to the default console: one sentence, no trace of the key', async () => {
    const secret = 'sk-proj-NEVER-SHOW-0123456789abcdef';
    const captured: string[] = [];
    const methods = ['log', 'error', 'warn', 'info', 'debug'] as const;
    const originals = methods.map((m) => console[m]);
    for (const m of methods) console[m] = (...args: unknown[]) => void captured.push(args.map(String).join(' '));
    let error: unknown;
    try {
      // No `log` given: the default sink is console.error, after redaction.
      const openai = createOpenAI({ apiKey: secret, baseURL: server.url, logLevel: 'debug', maxRetries: 0 });
      error = await uploadFile(openai, { file: join(workspace({ 'a.jsonl': dataset(2) }), 'a.jsonl') }).catch((e: unknown) => e);
    } finally {
      methods.forEach((m, i) => (console[m] = originals[i]!));
    }
    const requestId = server.state.requests.at(-1)!.requestId;
    assert.equal(describeApiError(error, [secret]), `The API refused the key (401); set a valid key with Toolcall: Set API Key or OPENAI_API_KEY. Request id ${requestId}.`);
    assert.ok(captured.some((line) => /\[log_[0-9a-f]{6}\] sending request/.test(line)), 'debug logging was on');
    const everything = [...captured, String(error), (error as Error).stack ?? '', JSON.stringify(error), JSON.stringify(server.state.requests)].join('\n');
    assert.equal(everything.includes('NEVER-SHOW'), false);
    assert.equal(everything.includes(secret.slice(0, 12)), false);
  });

  test('the base URL is always the one passed: OPENAI_BASE_URL and OPENAI_LOG in the environment change nothing', async () => {
    let hits = 0;
    const listener = createServer((_req, res) => {
      hits++;
      res.end('{}');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const saved = { base: process.env['OPENAI_BASE_URL'], log: process.env['OPENAI_LOG'] };
    process.env['OPENAI_BASE_URL'] = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/v1`;
    process.env['OPENAI_LOG'] = 'debug';
    const logged: string[] = [];
    try {
      const openai = createOpenAI({ apiKey: KEY, baseURL: server.url, log: (_level, text) => logged.push(text) });
      assert.equal(openai.baseURL, server.url);
      assert.equal(openai.logLevel, 'warn');
      await openai.fineTuning.jobs.list();
      assert.equal(hits, 0);
      assert.deepEqual(logged, []);
    } finally {
      process.env['OPENAI_BASE_URL'] = saved.base;
      process.env['OPENAI_LOG'] = saved.log;
      if (saved.base === undefined) delete process.env['OPENAI_BASE_URL'];
      if (saved.log === undefined) delete process.env['OPENAI_LOG'];
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  test('a missing key or an unusable base URL is refused before any request', () => {
    assert.throws(() => createOpenAI({ apiKey: '', baseURL: server.url }), { message: 'No API key: set one with Toolcall: Set API Key or the OPENAI_API_KEY environment variable.' });
    assert.throws(() => createOpenAI({ apiKey: KEY, baseURL: 'not a url' }), { message: 'The API base URL "not a url" is not a valid URL.' });
    assert.throws(() => createOpenAI({ apiKey: KEY, baseURL: 'file:///etc/passwd' }), { message: 'The API base URL must use https (or http for a local server), not file:' });
  });

  test('service errors become one sentence with the request id', async () => {
    const openai = client(server);
    const notFound = await openai.fineTuning.jobs.retrieve('ftjob-missing').catch((e: unknown) => e);
    assert.equal(describeApiError(notFound), `Not found (404): No such fine-tuning job: ftjob-missing. Request id ${server.state.requests.at(-1)!.requestId}.`);

    server.faults.add({ method: 'GET', path: '/v1/fine_tuning/jobs', kind: 'status', status: 500 });
    const failed = await openai.fineTuning.jobs.list().catch((e: unknown) => e);
    assert.equal(
      describeApiError(failed),
      `The service failed (500): The server had an error while processing your request. Sorry about that!; try again later. Request id ${server.state.requests.at(-1)!.requestId}.`,
    );

    server.faults.add({ method: 'GET', path: '/v1/fine_tuning/jobs', kind: 'status', status: 429, retryAfter: 0 });
    const limited = await openai.fineTuning.jobs.list().catch((e: unknown) => e);
    assert.equal(describeApiError(limited), `Rate limited or out of quota (429): Rate limit reached for requests. Please try again later; try again later. Request id ${server.state.requests.at(-1)!.requestId}.`);
  });

  test('an unreachable server: a connection sentence without the key', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const openai = createOpenAI({ apiKey: KEY, baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0, logLevel: 'off' });
    const error = await openai.fineTuning.jobs.list().catch((e: unknown) => e);
    assert.match(describeApiError(error, [KEY]), /^Could not reach the API \(.*ECONNREFUSED.*\); check the base URL and your connection\.$/);
  });

  test('redactSecrets removes the given secrets, Bearer tokens and key-shaped strings', () => {
    assert.equal(redactSecrets('key abc123xyz and Bearer sk-foo and sk-proj-abc***wxyz', ['abc123xyz']), 'key [redacted] and Bearer [redacted] and sk-[redacted]');
  });
});
