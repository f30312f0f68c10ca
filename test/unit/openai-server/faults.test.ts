import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, start } from './fixtures.ts';

describe('fault injection', () => {
  let server: OpenAIServer;
  let trainingFile: string;
  before(async () => {
    server = await start({ now: Date.now }); // real time: these tests measure delays
    trainingFile = (await client(server).files.create({ file: await toFile(Buffer.from(dataset(10)), 't.jsonl'), purpose: 'fine-tune' })).id;
  });
  after(() => server.close());

  test('429 with retry-after: the SDK waits the given second, retries, and succeeds', async () => {
    const openai = client(server, { maxRetries: 2 });
    server.faults.add({ method: 'GET', path: '/fine_tuning/jobs', kind: 'status', status: 429, retryAfter: 1 });
    const page = await openai.fineTuning.jobs.list();
    assert.deepEqual(page.data, []);
    const attempts = server.state.requests.filter((r) => r.path === '/v1/fine_tuning/jobs');
    assert.deepEqual(
      attempts.map((r) => [r.status, r.fault ?? null, r.headers['x-stainless-retry-count']]),
      [
        [429, 'status', '0'],
        [200, null, '1'],
      ],
    );
    const waited = attempts[1]!.receivedAt - attempts[0]!.receivedAt;
    // A lower bound only: load can delay the retry, never advance it.
    console.log(`retry came after ${waited} ms`);
    assert.ok(waited >= 1000, `retry came after ${waited} ms`);
  });

  test('without retries the 429 reaches the caller as a RateLimitError with its headers', async () => {
    server.faults.add({ path: /\/fine_tuning\/jobs$/, kind: 'status', status: 429, retryAfter: 7, retryAfterMs: 7000 });
    const error = await client(server).fineTuning.jobs.list().catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.type, 'requests');
    assert.equal(error.headers?.get('retry-after'), '7');
    assert.equal(error.headers?.get('retry-after-ms'), '7000');
  });

  test('a create answered 500 after the server recorded it leaves exactly one job, found by its metadata token', async () => {
    const jobsBefore = server.state.jobs.size;
    const openai = client(server, { maxRetries: 0 });
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500 });
    const token = randomUUID();
    const error = await openai.fineTuning.jobs
      .create({ training_file: trainingFile, model: 'gpt-4o-mini', metadata: { toolcall_request: token } })
      .catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.InternalServerError);
    assert.equal(error.status, 500);
    assert.equal(error.message, '500 The server had an error while processing your request. Sorry about that!');

    assert.equal(server.state.jobs.size, jobsBefore + 1);
    const found = await openai.fineTuning.jobs.list({ metadata: { toolcall_request: token } });
    assert.equal(found.data.length, 1);
    assert.equal(found.data[0]!.id, [...server.state.jobs.keys()].at(-1));
    assert.deepEqual(found.data[0]!.metadata, { toolcall_request: token });
  });

  test('the hazard it guards against: with SDK retries the same 500 makes two jobs', async () => {
    const jobsBefore = server.state.jobs.size;
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500, retryAfterMs: 1 });
    await client(server, { maxRetries: 2 }).fineTuning.jobs.create({ training_file: trainingFile, model: 'gpt-4o-mini' });
    assert.equal(server.state.jobs.size, jobsBefore + 2);
  });

  test('drop-after-effect: the job exists though the client saw only a broken connection', async () => {
    const jobsBefore = server.state.jobs.size;
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'drop-after-effect' });
    const error = await client(server).fineTuning.jobs.create({ training_file: trainingFile, model: 'gpt-4o-mini' }).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.APIConnectionError);
    assert.equal(server.state.jobs.size, jobsBefore + 1);
  });

  test('slow: a request slower than the client timeout fails with a timeout error', async () => {
    server.faults.add({ method: 'GET', path: '/v1/files', kind: 'slow', delayMs: 500 });
    const error = await client(server, { timeout: 100 }).files.list().catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.APIConnectionTimeoutError);
    const page = await client(server, { timeout: 100 }).files.list();
    assert.equal(page.data.length, 1);
  });

  test('times, method and path decide which requests a fault affects; pending() and hits report it', async () => {
    const fault = server.faults.add({ method: 'GET', path: '/v1/files', kind: 'status', status: 503, times: 2 });
    const openai = client(server);
    assert.deepEqual(server.faults.pending().map((f) => f.id), [fault.id]);
    await openai.fineTuning.jobs.list(); // other path: untouched
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(await openai.files.list().then(() => 200, (e: InstanceType<typeof OpenAI.APIError>) => e.status ?? 0));
    }
    assert.deepEqual(statuses, [503, 503, 200]);
    assert.deepEqual([fault.hits, fault.remaining], [2, 0]);
    assert.deepEqual(server.faults.pending(), []);
  });
  test('listLag(2): a new job is left out of the next 2 job lists, retrievable by id all along; clear() ends the lag', async () => {
    const openai = client(server);
    server.faults.listLag(2);
    const job = await openai.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: trainingFile });
    const listed = async () => (await openai.fineTuning.jobs.list()).data.map((j) => j.id).includes(job.id);
    assert.equal((await openai.fineTuning.jobs.retrieve(job.id)).id, job.id);
    assert.deepEqual([await listed(), await listed(), await listed()], [false, false, true]);
    server.faults.clear();
    const next = await openai.fineTuning.jobs.create({ model: 'gpt-4o-mini-2024-07-18', training_file: trainingFile });
    assert.equal((await openai.fineTuning.jobs.list()).data[0]!.id, next.id);
    assert.throws(() => server.faults.listLag(-1), RangeError);
  });
});
