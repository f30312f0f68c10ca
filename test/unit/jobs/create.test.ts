import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { join } from 'node:path';
import { checkJobSpec, createJob, IDEMPOTENCY_KEY, JobSpecError, UnknownJobStateError, type JobSpec } from '../../../core/jobs/create.ts';
import { uploadFile } from '../../../core/jobs/upload.ts';
import type { OpenAI } from '../../../core/openai/client.ts';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, start, workspace } from './fixtures.ts';

const TOKEN = '00000000-0000-4000-8000-000000000001';

describe('createJob', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  let spec: JobSpec;
  before(async () => {
    server = await start();
    openai = client(server);
    const file = join(workspace({ 'train.jsonl': dataset(12) }), 'train.jsonl');
    const uploaded = await uploadFile(openai, { file });
    spec = { training_file: uploaded.file.id, model: 'gpt-4o-mini-2024-07-18' };
  });
  beforeEach(() => {
    server.state.jobs.clear();
    server.state.requests.length = 0;
    server.faults.clear();
  });
  after(() => server.close());

  const creates = () => server.state.requests.filter((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs').map((r) => r.status ?? 'dropped');
  const lookups = () => server.state.requests.filter((r) => r.method === 'GET' && r.path === '/v1/fine_tuning/jobs').map((r) => r.query);

  test('sends the supervised method, only the hyperparameters given, and the token in metadata', async () => {
    const created = await createJob(openai, { ...spec, suffix: 'weather', seed: 7, hyperparameters: { n_epochs: 2, batch_size: 'auto' } }, { token: TOKEN });
    assert.deepEqual(server.state.requests.find((r) => r.method === 'POST')!.json, {
      model: 'gpt-4o-mini-2024-07-18',
      training_file: spec.training_file,
      suffix: 'weather',
      seed: 7,
      metadata: { [IDEMPOTENCY_KEY]: TOKEN },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto' } } },
    });
    assert.deepEqual({ recovered: created.recovered, requests: created.requests, token: created.token }, { recovered: false, requests: 1, token: TOKEN });
    // A caller-supplied token is looked up first: it may already have made a job.
    assert.deepEqual(lookups(), [{ [`metadata[${IDEMPOTENCY_KEY}]`]: TOKEN, limit: '100' }]);
  });

  test('a create answered 500 after the job was made: found by its token, exactly one job', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 500 });
    const unclear: number[] = [];
    const created = await createJob(openai, spec, { retryDelayMs: 0, onUnclearFailure: (_e, n) => unclear.push(n) });
    assert.equal(server.state.jobs.size, 1);
    assert.equal(created.job.id, [...server.state.jobs.keys()][0]);
    assert.deepEqual({ recovered: created.recovered, requests: created.requests }, { recovered: true, requests: 1 });
    assert.deepEqual(unclear, [1]);
    assert.deepEqual(creates(), [500]);
    assert.deepEqual(lookups(), [{ [`metadata[${IDEMPOTENCY_KEY}]`]: created.token, limit: '100' }]);
  });

  test('a create whose connection drops after the job was made: exactly one job', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'drop-after-effect' });
    const created = await createJob(openai, spec, { retryDelayMs: 0 });
    assert.equal(server.state.jobs.size, 1);
    assert.equal(created.recovered, true);
    assert.deepEqual(creates(), ['dropped']);
  });

  test('a 500 that made no job: looked up a bounded number of times, never sent again; the token is in the error', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status', status: 500 });
    const error = await createJob(openai, spec, { token: TOKEN, lookups: 4, lookupDelayMs: 0 }).catch((e: unknown) => e);
    assert.ok(error instanceof UnknownJobStateError);
    assert.equal(error.message, `Not known whether the job was created (the create request got no clear answer and 4 look-ups did not find it); token ${TOKEN}; check with "toolcall finetune find ${TOKEN}" before creating it again.`);
    assert.equal(server.state.jobs.size, 0);
    assert.deepEqual(creates(), [500]);
    assert.equal(lookups().length, 1 + 4); // the caller's token is looked up once before the create
  });

  test('when the lookup fails too, it gives up without a second create', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status-after-effect', status: 502 });
    server.faults.add({ method: 'GET', path: '/v1/fine_tuning/jobs', kind: 'status', status: 503, times: Infinity });
    const error = await createJob(openai, spec, { token: undefined, lookupDelayMs: 0 }).catch((e: unknown) => e);
    assert.ok(error instanceof UnknownJobStateError);
    assert.match(error.message, /^Not known whether the job was created \(the create request got no clear answer and 6 look-ups failed\); token [0-9a-f-]{36}; check with "toolcall finetune find [0-9a-f-]{36}" before creating it again\.$/);
    assert.equal((error.cause as { status?: number }).status, 503);
    assert.equal(server.state.jobs.size, 1);
    assert.deepEqual(creates(), [502]);
  });

  test('a 429 (refused, so no job) is sent again up to `attempts`, with no look-up', async () => {
    server.faults.add({ method: 'POST', path: '/v1/fine_tuning/jobs', kind: 'status', status: 429, times: Infinity });
    const error = await createJob(openai, spec, { attempts: 2, retryDelayMs: 0 }).catch((e: unknown) => e);
    assert.equal((error as { status?: number }).status, 429);
    assert.equal(server.state.jobs.size, 0);
    assert.deepEqual(creates(), [429, 429]);
    assert.equal(lookups().length, 0);
  });

  test('a refusal (400) is thrown at once, with no lookup', async () => {
    const error = await createJob(openai, { ...spec, model: 'no-such-model' }).catch((e: unknown) => e);
    assert.equal((error as { status?: number }).status, 400);
    assert.equal((error as { code?: string }).code, 'model_not_available');
    assert.deepEqual(creates(), [400]);
    assert.equal(lookups().length, 0);
  });

  test('a token that already made a job returns that job without a create', async () => {
    const first = await createJob(openai, spec, { token: TOKEN });
    server.state.requests.length = 0;
    const again = await createJob(openai, spec, { token: TOKEN });
    assert.deepEqual({ id: again.job.id, recovered: again.recovered, requests: again.requests }, { id: first.job.id, recovered: true, requests: 0 });
    assert.deepEqual(creates(), []);
    assert.equal(server.state.jobs.size, 1);
  });

  test('out-of-range parameters are refused before any request, one sentence each', async () => {
    const bad: JobSpec = { ...spec, suffix: 'x'.repeat(65), seed: -1, hyperparameters: { n_epochs: 0, batch_size: 257, learning_rate_multiplier: 0 } };
    assert.deepEqual(checkJobSpec(bad), [
      `The suffix must be 1 to 64 characters long; "${'x'.repeat(65)}" has 65.`,
      'The seed must be a whole number from 0 to 2147483647; got -1.',
      "n_epochs must be 'auto' or a whole number from 1 to 50; got 0.",
      "batch_size must be 'auto' or a whole number from 1 to 256; got 257.",
      "learning_rate_multiplier must be 'auto' or a number greater than 0; got 0.",
    ]);
    assert.deepEqual(checkJobSpec({ ...spec, suffix: '', hyperparameters: { n_epochs: 2.5 } }), [
      'The suffix must be 1 to 64 characters long; "" has 0.',
      "n_epochs must be 'auto' or a whole number from 1 to 50; got 2.5.",
    ]);
    assert.deepEqual(checkJobSpec({ ...spec, suffix: 'x'.repeat(64), seed: 0, hyperparameters: { n_epochs: 50, batch_size: 1, learning_rate_multiplier: 0.01 } }), []);
    await assert.rejects(createJob(openai, bad), JobSpecError);
    assert.equal(server.state.requests.length, 0);
  });
});
