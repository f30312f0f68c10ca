// Which key goes to which endpoint, and base URLs with their secrets taken out.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { baseURLSecrets, displayBaseURL, keySourceFor, sameEndpoint } from '../../../core/eval/endpoint.ts';
import { comparisonRow } from '../../../core/eval/resultsExport.ts';
import { createOpenAI } from '../../../core/openai/client.ts';
import { startOpenAIServer } from '../../openai-server/index.ts';
import { summarizeModel, type CaseRecord } from '../../../core/eval/results.ts';

const JOBS = 'http://127.0.0.1:8765/v1';

describe('endpoint', () => {
  test('the stored key only for the jobs endpoint; other endpoints their own variable or none', () => {
    assert.deepEqual(keySourceFor({ baseURL: 'http://127.0.0.1:8765/v1/' }, JOBS), { kind: 'stored' });
    assert.deepEqual(keySourceFor({ baseURL: 'HTTP://127.0.0.1:8765/v1' }, JOBS), { kind: 'stored' });
    assert.deepEqual(keySourceFor({ baseURL: 'https://api.openai.com/v1' }, JOBS), { kind: 'none' });
    assert.deepEqual(keySourceFor({ baseURL: 'http://localhost:11434/v1' }, 'https://api.openai.com/v1'), { kind: 'none' });
    assert.deepEqual(keySourceFor({ baseURL: 'https://api.together.xyz/v1', apiKeyEnv: 'TOGETHER_KEY' }, JOBS), { kind: 'env', name: 'TOGETHER_KEY' });
    assert.deepEqual(keySourceFor({ baseURL: JOBS, apiKeyEnv: 'MY_KEY' }, JOBS), { kind: 'env', name: 'MY_KEY' });
  });

  test('same endpoint: scheme, host, port and path; another port or path is another endpoint', () => {
    assert.equal(sameEndpoint('https://api.openai.com/v1', 'https://API.openai.com/v1/'), true);
    assert.equal(sameEndpoint('https://api.openai.com/v1', 'http://api.openai.com/v1'), false);
    assert.equal(sameEndpoint('http://127.0.0.1:8765/v1', 'http://127.0.0.1:8766/v1'), false);
    assert.equal(sameEndpoint('https://x.example/v1', 'https://x.example/v2'), false);
    assert.equal(sameEndpoint('not a url', 'not a url'), false);
  });

  test('base URLs shown and stored without user, password or query values', () => {
    assert.equal(displayBaseURL('https://alice:s3cret@proxy.example/v1'), 'https://[redacted]@proxy.example/v1');
    assert.equal(displayBaseURL('https://proxy.example/v1?api_key=sk-abc123&region=eu'), 'https://proxy.example/v1?api_key=[redacted]&region=[redacted]');
    assert.equal(displayBaseURL('https://api.openai.com/v1'), 'https://api.openai.com/v1');
    assert.equal(displayBaseURL('::nonsense sk-abc'), '[unreadable base URL]');
    assert.deepEqual(baseURLSecrets('https://alice:s3cr%40t@proxy.example/v1?api_key=sk-abc123&v=1'), ['alice', 's3cr%40t', 's3cr@t', 'sk-abc123']);
  });

  test('errored cases are counted apart in the table', () => {
    const record = (error?: string): CaseRecord => ({
      line: 1, turn: 1, category: 'single-call', expected: [{ name: 'f', arguments: '{}' }],
      scores: { exact: false, fuzzy: false, functional: false, structural: false, similarity: 0 },
      latencyMs: null, usage: null, costUsd: null, ...(error ? { error } : {}),
    });
    const row = comparisonRow('m', summarizeModel([record('Could not reach the API.'), record('Could not reach the API.'), record()]));
    assert.deepEqual(row.cells.slice(0, 3), ['m', '3 (2 errored)', '0.0%']);
    assert.equal(row.values.errors, 2);
  });

  test('a key in the base URL query never reaches the SDK log, even at debug level', async () => {
    const server = await startOpenAIServer({ tickMs: 0 });
    try {
      const lines: string[] = [];
      const openai = createOpenAI({ apiKey: 'sk-test-endpoint-0123456789', baseURL: `${server.url}?sig=qs-secret-4242`, logLevel: 'debug', log: (_level, text) => lines.push(text), maxRetries: 0 });
      await openai.models.list().catch(() => undefined);
      assert.ok(lines.length > 0);
      const log = lines.join('\n');
      assert.ok(!log.includes('qs-secret-4242') && !log.includes('sk-test-endpoint-0123456789'), log);
      // The SDK masks query values itself; our redactor (secrets from the base URL) is the second layer.
      assert.match(log, /sig=\[redacted\]/i);
    } finally {
      await server.close();
    }
  });

  test('no Authorization header at all when an endpoint is given no key', async () => {
    const server = await startOpenAIServer({ tickMs: 0 });
    try {
      const openai = createOpenAI({ apiKey: '', noAuthorization: true, baseURL: server.url, maxRetries: 0, logLevel: 'off' });
      await openai.models.list().catch(() => undefined);
      assert.deepEqual(server.state.requests.map((r) => r.auth), ['missing']);
    } finally {
      await server.close();
    }
  });
});
