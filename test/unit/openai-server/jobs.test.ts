import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import OpenAI, { toFile } from 'openai';
import type { OpenAIServer } from '../../openai-server/index.ts';
import { client, dataset, NOW, start } from './fixtures.ts';

describe('fine-tuning jobs: create, list, retrieve, cancel', () => {
  let server: OpenAIServer;
  let openai: OpenAI;
  let trainingFile: string;
  before(async () => {
    server = await start();
    openai = client(server);
    trainingFile = (await openai.files.create({ file: await toFile(Buffer.from(dataset(10)), 'train.jsonl'), purpose: 'fine-tune' })).id;
  });
  after(() => server.close());

  async function createError(body: Record<string, unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
    const error = await openai.fineTuning.jobs
      .create({ training_file: trainingFile, model: 'gpt-4o-mini', ...body } as OpenAI.FineTuning.JobCreateParams)
      .catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.APIError, `expected an APIError, got ${String(error)}`);
    return error;
  }

  test('create returns the job as the API does, with the alias resolved and auto hyperparameters', async () => {
    const job = await openai.fineTuning.jobs.create({
      training_file: trainingFile,
      model: 'gpt-4o-mini',
      suffix: 'weather',
      seed: 42,
      metadata: { run: 'a' },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
    });
    assert.deepEqual(job, {
      object: 'fine_tuning.job',
      id: 'ftjob-000000000000000000000001',
      model: 'gpt-4o-mini-2024-07-18',
      created_at: NOW,
      finished_at: null,
      fine_tuned_model: null,
      organization_id: 'org-test',
      result_files: [],
      status: 'validating_files',
      validation_file: null,
      training_file: trainingFile,
      hyperparameters: { n_epochs: 2, batch_size: 'auto', learning_rate_multiplier: 'auto' },
      trained_tokens: null,
      error: null,
      user_provided_suffix: 'weather',
      seed: 42,
      estimated_finish: null,
      integrations: [],
      metadata: { run: 'a' },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto', learning_rate_multiplier: 'auto' } } },
    });
    assert.deepEqual(await openai.fineTuning.jobs.retrieve(job.id), job);
  });

  test('the deprecated top-level hyperparameters are accepted', async () => {
    const job = await openai.fineTuning.jobs.create({ training_file: trainingFile, model: 'gpt-3.5-turbo', hyperparameters: { batch_size: 4, learning_rate_multiplier: 0.5 } });
    assert.equal(job.model, 'gpt-3.5-turbo-0125');
    assert.deepEqual(job.hyperparameters, { n_epochs: 'auto', batch_size: 4, learning_rate_multiplier: 0.5 });
  });

  test('invalid requests are refused with the parameter named and no job created', async () => {
    const jobsBefore = server.state.jobs.size;
    const cases: [Record<string, unknown>, number, string, string, string][] = [
      [{ model: 'gpt-5-imaginary' }, 400, 'model', 'model_not_available', 'Model gpt-5-imaginary is not available for fine-tuning or does not exist.'],
      [{ training_file: 'file-nope' }, 400, 'training_file', 'file_not_found', 'invalid training_file: file-nope'],
      [{ validation_file: 'file-nope' }, 400, 'validation_file', 'file_not_found', 'invalid validation_file: file-nope'],
      [{ suffix: '' }, 400, 'suffix', 'string_below_min_length', "Invalid 'suffix': string too short. Expected a string with minimum length 1, but got an empty string instead."],
      [{ suffix: 'x'.repeat(65) }, 400, 'suffix', 'string_above_max_length', "Invalid 'suffix': string too long. Expected a string with maximum length 64, but got a string with length 65 instead."],
      [
        { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 51 } } } },
        400,
        'method.supervised.hyperparameters.n_epochs',
        'integer_above_max_value',
        "Invalid 'method.supervised.hyperparameters.n_epochs': integer above maximum value. Expected a value <= 50, but got 51 instead.",
      ],
      [
        { method: { type: 'supervised', supervised: { hyperparameters: { batch_size: 0 } } } },
        400,
        'method.supervised.hyperparameters.batch_size',
        'integer_below_min_value',
        "Invalid 'method.supervised.hyperparameters.batch_size': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      ],
      [
        { hyperparameters: { learning_rate_multiplier: 0 } },
        400,
        'hyperparameters.learning_rate_multiplier',
        'decimal_below_min_value',
        "Invalid 'hyperparameters.learning_rate_multiplier': number below minimum value. Expected a value > 0, but got 0 instead.",
      ],
      [
        { hyperparameters: { n_epochs: 'three' } },
        400,
        'hyperparameters.n_epochs',
        'invalid_type',
        "Invalid type for 'hyperparameters.n_epochs': expected one of an integer or 'auto', but got a string instead.",
      ],
      [
        { metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) },
        400,
        'metadata',
        'object_above_max_properties',
        "Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with 17 properties instead.",
      ],
    ];
    for (const [body, status, param, code, message] of cases) {
      const error = await createError(body);
      assert.deepEqual([error.status, error.param, error.code, error.message], [status, param, code, `${status} ${message}`], JSON.stringify(body));
    }
    assert.equal(server.state.jobs.size, jobsBefore);
  });

  test('list is newest first, pages with after/limit/has_more, and filters by metadata', async () => {
    const server2 = await start();
    const api = client(server2);
    try {
      const file = (await api.files.create({ file: await toFile(Buffer.from(dataset(10)), 't.jsonl'), purpose: 'fine-tune' })).id;
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await api.fineTuning.jobs.create({ training_file: file, model: 'gpt-4o-mini', metadata: { batch: i % 2 === 0 ? 'even' : 'odd', n: String(i) } })).id);
      }
      const first = await api.fineTuning.jobs.list({ limit: 2 });
      assert.deepEqual(first.data.map((j) => j.id), [ids[4], ids[3]]);
      assert.equal(first.has_more, true);
      const second = await api.fineTuning.jobs.list({ limit: 2, after: ids[3] });
      assert.deepEqual(second.data.map((j) => j.id), [ids[2], ids[1]]);
      const last = await api.fineTuning.jobs.list({ limit: 2, after: ids[1] });
      assert.deepEqual([last.data.map((j) => j.id), last.has_more], [[ids[0]], false]);

      const all: string[] = [];
      for await (const job of api.fineTuning.jobs.list({ limit: 2 })) all.push(job.id);
      assert.deepEqual(all, [...ids].reverse());

      const even = await api.fineTuning.jobs.list({ metadata: { batch: 'even' } });
      assert.deepEqual(even.data.map((j) => j.id), [ids[4], ids[2], ids[0]]);
      const one = await api.fineTuning.jobs.list({ metadata: { batch: 'odd', n: '3' } });
      assert.deepEqual(one.data.map((j) => j.id), [ids[3]]);
      assert.deepEqual(server2.state.requests.at(-1)!.query, { 'metadata[batch]': 'odd', 'metadata[n]': '3' });
    } finally {
      await server2.close();
    }
  });

  test('cancel moves an active job to cancelled; cancelling again is refused', async () => {
    const job = await openai.fineTuning.jobs.create({ training_file: trainingFile, model: 'gpt-4o-mini' });
    server.advance(job.id); // validating_files -> queued
    const cancelled = await openai.fineTuning.jobs.cancel(job.id);
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(server.advance(job.id), {}); // a cancelled job no longer moves
    const events: string[] = [];
    for await (const e of openai.fineTuning.jobs.listEvents(job.id)) events.push(e.message);
    assert.equal(events[0], 'Fine-tuning job cancelled');
    const error = await openai.fineTuning.jobs.cancel(job.id).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.message, `400 Job ${job.id} has status 'cancelled' and can no longer be cancelled.`);
  });

  test('an unknown job id is a 404', async () => {
    const error = await openai.fineTuning.jobs.retrieve('ftjob-missing').catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.NotFoundError);
    assert.equal(error.message, '404 No such fine-tuning job: ftjob-missing');
  });
});
