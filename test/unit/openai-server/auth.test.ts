import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, start } from './fixtures.ts';

const SECRET = 'sk-live-SECRET-do-not-echo-42';

describe('auth and request record', () => {
  let server: OpenAIServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  test('a fresh server has received nothing', () => {
    assert.deepEqual(server.state.requests, []);
  });

  test('a wrong key is a 401 invalid_api_key that does not contain the key, and nothing is created', async () => {
    const openai = client(server, { apiKey: SECRET });
    const error = await openai.files.create({ file: await toFile(Buffer.from('{}\n'), 'x.jsonl'), purpose: 'fine-tune' }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.AuthenticationError);
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_api_key');
    assert.equal(error.message, '401 Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.');
    assert.equal(server.state.files.size, 0);

    const raw = await fetch(`${server.url}/files`, { headers: { authorization: `Bearer ${SECRET}` } });
    const body = await raw.text();
    assert.equal(raw.status, 401);
    assert.ok(!body.includes('SECRET') && !body.includes('sk-live'), body);

    // The record knows a key was refused but holds no trace of it.
    assert.deepEqual(server.state.requests.map((r) => r.auth), ['rejected', 'rejected']);
    const recorded = JSON.stringify(server.state.requests);
    assert.ok(!recorded.includes('SECRET') && !recorded.includes('sk-'), recorded);
    assert.ok(server.state.requests.every((r) => !('authorization' in r.headers)));
  });

  test('no Authorization header is a 401 recorded as missing', async () => {
    const response = await fetch(`${server.url}/fine_tuning/jobs`);
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: { code: string; type: string; param: null } };
    assert.deepEqual([body.error.code, body.error.type, body.error.param], ['invalid_api_key', 'invalid_request_error', null]);
    assert.equal(server.state.requests.at(-1)!.auth, 'missing');
  });

  test('accepted keys are configurable', async () => {
    const strict = await start({ apiKeys: ['sk-only-this-one'] });
    try {
      assert.deepEqual((await client(strict, { apiKey: 'sk-only-this-one' }).files.list()).data, []);
      const error = await client(strict).files.list().catch((e: unknown) => e); // an sk-test key
      assert.ok(error instanceof OpenAI.AuthenticationError);
      assert.deepEqual(strict.state.requests.map((r) => r.auth), ['accepted', 'rejected']);
    } finally {
      await strict.close();
    }
  });

  test('every response carries the x-request-id that the record holds, errors and unknown routes included', async () => {
    const headers = { authorization: 'Bearer sk-test-a' };
    const responses = await Promise.all([
      fetch(`${server.url}/files`, { headers }),
      fetch(`${server.url}/nowhere`, { headers }),
      fetch(`${server.url}/files/file-nope`, { headers }),
      fetch(`${server.url}/files`),
    ]);
    assert.deepEqual(responses.map((r) => r.status), [200, 404, 404, 401]);
    const ids = responses.map((r) => r.headers.get('x-request-id'));
    for (const id of ids) assert.match(id ?? '', /^req_[0-9a-f]{32}$/);
    const recorded = new Set(server.state.requests.map((r) => r.requestId));
    assert.ok(ids.every((id) => recorded.has(id!)));
    assert.deepEqual(await responses[1]!.json(), {
      error: { message: 'Invalid URL (GET /v1/nowhere)', type: 'invalid_request_error', param: null, code: null },
    });
  });

  test('reset() forgets requests and objects', async () => {
    const other = await start();
    try {
      await client(other).files.create({ file: await toFile(Buffer.from('{}\n'), 'x.jsonl'), purpose: 'fine-tune' });
      other.state.reset();
      assert.deepEqual([other.state.requests.length, other.state.files.size], [0, 0]);
    } finally {
      await other.close();
    }
  });
});
